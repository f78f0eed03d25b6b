package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// StateFormat names the state file format this engine reads and writes.
//
// The file is one JSON object:
//
//	{
//	  "format": "keyhost-state/1",
//	  "generation": 7,               // World.Generation when saved
//	  "savedAt": "2025-06-01T12:00:00Z",
//	  "state": {
//	    "vcenter": {...}, "counters": {"VirtualMachine": 112, ...},
//	    "defaultKeyProvider": "NKP-Primary",
//	    "keyProviders": [{"name", "type", "tpmRequired", "backedUp", "keyId", "created"}],
//	    "datacenters": [...], "clusters": [... "vsan": {... "diskGroups": [...]}],
//	    "hosts": [...], "datastores": [...],
//	    "vms": [{... "home": OBJECT, "disks": [{... "object": OBJECT}]}]
//	  },
//	  "secrets": {
//	    "nativeKdks": {"NKP-Primary": "<base64 KDK>"},
//	    "kmsKeys": {"KMS-Standard": {"<key id>": "<base64 key>"}}
//	  }
//	}
//
// where OBJECT is {"data": base64 (ciphertext when encrypted), "sha256": hex
// of the plaintext, "key": {"keyId", "providerId"}, "wrappedDek": base64}.
// All key material sits in "secrets" (the vCenter database's and the
// in-process KMS's share), so that section alone can later be sealed by a TPM.
// Wrapped DEKs are not secrets. The file is written with mode 0600.
const StateFormat = "keyhost-state/1"

// Errors Load wraps, for errors.Is.
var (
	// ErrCorruptState reports a state file that is not valid keyhost state.
	ErrCorruptState = errors.New("corrupt state file")
	// ErrUnsupportedFormat reports a state file of another format version.
	ErrUnsupportedFormat = errors.New("unsupported state file format")
)

type stateFile struct {
	Format     string         `json:"format"`
	Generation uint64         `json:"generation"`
	SavedAt    time.Time      `json:"savedAt"`
	State      *state         `json:"state"`
	Secrets    *secretsRecord `json:"secrets"`
}

type secretsRecord struct {
	NativeKDKs map[string][]byte            `json:"nativeKdks,omitempty"`
	KMSKeys    map[string]map[string][]byte `json:"kmsKeys,omitempty"`
}

// Save writes the world to path crash-safely: a temporary file in the same
// directory is written and fsynced, renamed over path, and the directory is
// fsynced, so path always holds either the old or the new state.
func (w *World) Save(path string) error {
	if err := writeFileAtomic(path, 0o600, w.writeState); err != nil {
		return fmt.Errorf("save state %s: %w", path, err)
	}
	return nil
}

// Load reads a world saved by Save. Options configure the loaded world (clock,
// randomness, KMS overrides). A missing file gives an error wrapping
// fs.ErrNotExist; a corrupt one ErrCorruptState; another format version
// ErrUnsupportedFormat.
func Load(path string, opts ...Option) (*World, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("load state: %s does not exist: %w", path, err)
		}
		return nil, fmt.Errorf("load state %s: %w", path, err)
	}
	w, err := decodeState(data, newConfig(opts))
	if err != nil {
		return nil, fmt.Errorf("load state %s: %w", path, err)
	}
	return w, nil
}

// encodeState returns the state file's bytes.
func (w *World) encodeState() ([]byte, error) {
	var b bytes.Buffer
	if err := w.writeState(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeState serialises the world to out under the read lock, so the
// snapshot is consistent. It streams (json.Encoder) rather than building the
// whole file with json.Marshal first, which saves a copy of a file that is
// about 100 MB at 45,000 VMs.
func (w *World) writeState(out io.Writer) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	sec := &secretsRecord{NativeKDKs: map[string][]byte{}, KMSKeys: map[string]map[string][]byte{}}
	for _, p := range w.st.Providers {
		switch p.Type {
		case ProviderNative:
			sec.NativeKDKs[p.Name] = p.kdk
		case ProviderStandard:
			sec.KMSKeys[p.Name] = p.local.keys
		}
	}
	return json.NewEncoder(out).Encode(stateFile{
		Format: StateFormat, Generation: w.gen, SavedAt: w.cfg.now().UTC(), State: &w.st, Secrets: sec,
	})
}

// decodeState parses and validates a state file. State files come from
// outside, so every reference and key size is checked before the world is used.
func decodeState(data []byte, cfg config) (*World, error) {
	var f stateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		// A file of another version may fail to decode as this one; say so
		// rather than calling it corrupt.
		var hdr struct {
			Format string `json:"format"`
		}
		if json.Unmarshal(data, &hdr) == nil && hdr.Format != "" && hdr.Format != StateFormat {
			return nil, fmt.Errorf("%w %q (this keyhost reads %q)", ErrUnsupportedFormat, hdr.Format, StateFormat)
		}
		return nil, fmt.Errorf("%w: %v", ErrCorruptState, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: trailing data after the state object", ErrCorruptState)
	}
	switch {
	case f.Format == "":
		return nil, fmt.Errorf("%w: no \"format\" field; not a keyhost state file", ErrCorruptState)
	case f.Format != StateFormat:
		return nil, fmt.Errorf("%w %q (this keyhost reads %q)", ErrUnsupportedFormat, f.Format, StateFormat)
	case f.State == nil:
		return nil, fmt.Errorf("%w: no \"state\" section", ErrCorruptState)
	}
	w := newWorld(cfg)
	w.st = *f.State
	w.gen = f.Generation
	if err := w.loadSecrets(f.Secrets); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptState, err)
	}
	if err := w.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptState, err)
	}
	return w, nil
}

// loadSecrets gives each provider its key material from the secrets section.
func (w *World) loadSecrets(sec *secretsRecord) error {
	if sec == nil {
		sec = &secretsRecord{}
	}
	types := map[string]ProviderType{}
	for _, p := range w.st.Providers {
		if p == nil {
			return errors.New("null key provider")
		}
		switch p.Type {
		case ProviderNative:
			p.kdk = sec.NativeKDKs[p.Name]
		case ProviderStandard:
			local := newLocalKMS(w.cfg.rand)
			for id, k := range sec.KMSKeys[p.Name] {
				local.keys[id] = k
			}
			w.attachKMS(p, local)
		}
		types[p.Name] = p.Type
	}
	for name := range sec.NativeKDKs {
		if types[name] != ProviderNative {
			return fmt.Errorf("secrets hold a KDK for %q, which is not a Native key provider", name)
		}
	}
	for name := range sec.KMSKeys {
		if types[name] != ProviderStandard {
			return fmt.Errorf("secrets hold KMS keys for %q, which is not a Standard key provider", name)
		}
	}
	return nil
}

// writeFileAtomic writes path via a synced temporary file (filled by write)
// and a rename.
func writeFileAtomic(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
