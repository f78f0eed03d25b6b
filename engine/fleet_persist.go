package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// A Fleet is saved in one state file: the primary world exactly as a
// single World's file (so a file with one vCenter is the same as before
// fleets existed, and older files load as a fleet of one), plus
//
//	"vcenters": [{"generation": 3, "state": {...}, "secrets": {...}}, ...]
//
// for the other vCenters, each with the same "state" layout and its own
// "secrets", sealed with the same state key but bound (by the AAD) to its
// own vCenter's instance UUID. Load reads only the primary vCenter of such
// a file; LoadFleet reads them all.

// vcenterFile is one further vCenter of a fleet's state file.
type vcenterFile struct {
	Generation uint64          `json:"generation"`
	State      *state          `json:"state"`
	Secrets    json.RawMessage `json:"secrets"`
}

// Save writes every world of the fleet to path, crash-safely (see
// World.Save). Each world is read under its own read lock, one after the
// other, so each is one consistent generation of itself.
func (f *Fleet) Save(path string) error {
	worlds := f.Worlds()
	key, err := worlds[0].cfg.stateKeyForSave(path)
	if err != nil {
		return fmt.Errorf("save state %s: %w", path, err)
	}
	if err := writeFileAtomic(path, 0o600, func(out io.Writer) error { return writeFleet(out, worlds, key) }); err != nil {
		return fmt.Errorf("save state %s: %w", path, err)
	}
	return nil
}

// writeFleet serialises worlds, the first as the file's own vCenter.
func writeFleet(out io.Writer, worlds []*World, key StateKey) error {
	for _, w := range worlds {
		w.mu.RLock()
		defer w.mu.RUnlock()
	}
	first := worlds[0]
	sealed, err := sealSecrets(first.secretsLocked(), key, first.st.VCenter.InstanceUUID)
	if err != nil {
		return err
	}
	file := stateFile{Format: StateFormat, Generation: first.gen, SavedAt: first.cfg.now().UTC(), State: &first.st, Secrets: sealed}
	for _, w := range worlds[1:] {
		s, err := sealSecrets(w.secretsLocked(), key, w.st.VCenter.InstanceUUID)
		if err != nil {
			return fmt.Errorf("vCenter %s: %w", w.st.VCenter.Name, err)
		}
		file.VCenters = append(file.VCenters, vcenterFile{Generation: w.gen, State: &w.st, Secrets: s})
	}
	return json.NewEncoder(out).Encode(file)
}

// LoadFleet reads a state file written by Fleet.Save or World.Save (a
// fleet of one). Errors are those of Load; a further vCenter's are named.
// opts configure every loaded world and the demo vCenters the fleet builds
// on demand.
func LoadFleet(path string, opts ...Option) (*Fleet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("load state: %s does not exist: %w", path, err)
		}
		return nil, fmt.Errorf("load state %s: %w", path, err)
	}
	cfg := newConfig(opts)
	key := func() (StateKey, error) { return cfg.stateKeyForLoad(path) }
	file, err := parseStateFile(data)
	if err != nil {
		return nil, fmt.Errorf("load state %s: %w", path, err)
	}
	primary, err := buildLoaded(file, cfg, key)
	if err != nil {
		return nil, loadError(path, err)
	}
	fleet := NewFleet(primary, opts...)
	for i, vf := range file.VCenters {
		if vf.State == nil {
			fleet.Close()
			return nil, fmt.Errorf("load state %s: %w: vCenter %d of \"vcenters\" has no \"state\"", path, ErrCorruptState, i+1)
		}
		w, err := buildLoaded(stateFile{Format: file.Format, Generation: vf.Generation, SavedAt: file.SavedAt, State: vf.State, Secrets: vf.Secrets}, newConfig(opts), key)
		if err == nil {
			err = fleet.Add(w)
			if err != nil {
				w.Close()
			}
		}
		if err != nil {
			fleet.Close()
			return nil, loadError(path, fmt.Errorf("vCenter %s: %w", vf.State.VCenter.Name, err))
		}
	}
	fleet.added = 0 // loaded, not added: nothing to save yet
	return fleet, nil
}

// loadError words a load failure as Load does.
func loadError(path string, err error) error {
	if errors.Is(err, ErrWrongStateKey) || errors.Is(err, ErrNoStateKey) {
		return fmt.Errorf("state file %s: %w", path, err)
	}
	return fmt.Errorf("load state %s: %w", path, err)
}
