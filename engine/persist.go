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

// StateFormat names the state file format this engine writes. It also reads
// StateFormatV1 files (their key material in the clear) and rewrites them in
// this format on the next save.
//
// The file is one JSON object:
//
//	{
//	  "format": "keyhost-state/2",
//	  "generation": 7,               // World.Generation when saved
//	  "savedAt": "2025-06-01T12:00:00Z",
//	  "state": {
//	    "vcenter": {...}, "counters": {"VirtualMachine": 112, ...},
//	    "defaultKeyProvider": "NKP-Primary",
//	    "keyProviders": [{"name", "type", "tpmRequired", "backedUp", "keyId", "created"}],
//	    "datacenters": [...], "clusters": [... "vsan": {... "diskGroups": [...]}],
//	    "hosts": [{... "keystore": {"mode": "tpm"|"none", "providers": [
//	        {"name", "keyId", "tpm": {"private", "public"} | "config": base64}]}}],
//	    "datastores": [...],
//	    "vms": [{... "home": OBJECT, "disks": [{... "object": OBJECT}],
//	             "snapshots": [{... "links": [{"deviceKey", "object": OBJECT}]}]}]
//	  },
//	  "secrets": {"alg": "AES-256-GCM", "keyCheck": "<32 hex digits>", "sealed": "<base64>"}
//	}
//
// where OBJECT is {"data": base64 (ciphertext when encrypted), "sha256": hex
// of the plaintext, "key": {"keyId", "providerId"}, "wrappedDek": base64}.
// Wrapped DEKs are not secrets, nor are the hosts' keystores: a TPM-sealed
// KDK (TPM2B_PRIVATE and TPM2B_PUBLIC, tpm2.Marshal) opens only in its
// host's TPM, and a configuration-sealed one (nonce || AES-256-GCM) only
// with the host's configuration key, which is among the secrets below. A
// simulated TPM's identity is its seed, a secret too; a host given a real
// TPM (WithHostTPM) has none in the file. Files written before hosts kept
// keys (no "keystore") load: their hosts are provisioned as vCenter would.
// A key reference may name a provider the world no longer has (a deleted
// provider, or a registered VM whose provider was never imported): such
// objects are locked until the provider is imported.
//
// All key material sits in "secrets", sealed with the state key K (see
// StateKey for where K comes from):
//
//	enc      = HKDF-SHA256(secret K, no salt, info "keyhost-state/2 secrets AES-256-GCM"), 32 bytes
//	keyCheck = HKDF-SHA256(secret K, no salt, info "keyhost-state/2 key check"), 16 bytes, hex
//	sealed   = nonce(12 random bytes) || AES-256-GCM(enc, nonce, plaintext, aad)
//	aad      = "keyhost-state/2" || 0x00 || state.vcenter.instanceUuid
//	plaintext = {"nativeKdks": {"NKP-Primary": "<base64 KDK>"},
//	             "kmsKeys": {"KMS-Standard": {"<key id>": "<base64 key>"}},
//	             "hosts": {"host-10": {"tpmSeed": "<base64>", "configKey": "<base64>",
//	                                   "keks": [{"keyId", "providerId", "key"}]}}}
//
// keyCheck tells a wrong key (ErrWrongStateKey) from damaged key material;
// it reveals nothing about K. The aad ties the key material to its vCenter,
// so secrets pasted from another world's file are refused. The file is
// written with mode 0600 and crash-safely (see Save).
const StateFormat = "keyhost-state/2"

// StateFormatV1 is the previous format: the same file with "secrets" in the
// clear (the plaintext above). Load reads it; Save never writes it.
const StateFormatV1 = "keyhost-state/1"

// Errors Load wraps, for errors.Is.
var (
	// ErrCorruptState reports a state file that is not valid keyhost state.
	ErrCorruptState = errors.New("corrupt state file")
	// ErrUnsupportedFormat reports a state file of another format version.
	ErrUnsupportedFormat = errors.New("unsupported state file format")
)

type stateFile struct {
	Format     string          `json:"format"`
	Generation uint64          `json:"generation"`
	SavedAt    time.Time       `json:"savedAt"`
	State      *state          `json:"state"`
	Secrets    json.RawMessage `json:"secrets"`
	// VCenters holds a Fleet's other vCenters (fleet_persist.go); absent
	// in a single vCenter's file.
	VCenters []vcenterFile `json:"vcenters,omitempty"`
}

// secretsRecord is the key material: sealed in StateFormat, in the clear in
// StateFormatV1.
type secretsRecord struct {
	NativeKDKs map[string]SecretBytes            `json:"nativeKdks,omitempty"`
	KMSKeys    map[string]map[string]SecretBytes `json:"kmsKeys,omitempty"`
	// Hosts holds, by host id, what hosts keep that the state file must
	// not show: their simulated TPMs' seeds, their configuration keys and
	// their KEK caches (host_runtime.go).
	Hosts map[string]hostSecrets `json:"hosts,omitempty"`
}

// Save writes the world to path crash-safely: a temporary file in the same
// directory is written and fsynced, renamed over path, and the directory is
// fsynced, so path always holds either the old or the new state, whole. The
// snapshot is taken under the world's read lock, so it is one consistent
// generation: world and in-process KMS keys together, never a mix. Key
// material is sealed with the configured state key or, without one, the
// key file path+".key" (created, and made durable, first if missing).
func (w *World) Save(path string) error {
	key, err := w.cfg.stateKeyForSave(path)
	if err != nil {
		return fmt.Errorf("save state %s: %w", path, err)
	}
	if err := writeFileAtomic(path, 0o600, func(out io.Writer) error { return w.writeState(out, key) }); err != nil {
		return fmt.Errorf("save state %s: %w", path, err)
	}
	return nil
}

// Load reads a world saved by Save. Options configure the loaded world (clock,
// randomness, KMS overrides, state key). A missing file gives an error
// wrapping fs.ErrNotExist; a corrupt one ErrCorruptState; another format
// version ErrUnsupportedFormat; key material that does not open
// ErrNoStateKey or ErrWrongStateKey.
func Load(path string, opts ...Option) (*World, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("load state: %s does not exist: %w", path, err)
		}
		return nil, fmt.Errorf("load state %s: %w", path, err)
	}
	cfg := newConfig(opts)
	w, err := decodeState(data, cfg, func() (StateKey, error) { return cfg.stateKeyForLoad(path) })
	if err != nil {
		if errors.Is(err, ErrWrongStateKey) || errors.Is(err, ErrNoStateKey) {
			return nil, fmt.Errorf("state file %s: %w", path, err)
		}
		return nil, fmt.Errorf("load state %s: %w", path, err)
	}
	return w, nil
}

// writeState serialises the world to out under the read lock, so the
// snapshot is consistent. It streams (json.Encoder) rather than building the
// whole file with json.Marshal first, which saves a copy of a file that is
// about 100 MB at 45,000 VMs.
func (w *World) writeState(out io.Writer, key StateKey) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	sealed, err := sealSecrets(w.secretsLocked(), key, w.st.VCenter.InstanceUUID)
	if err != nil {
		return err
	}
	return json.NewEncoder(out).Encode(stateFile{
		Format: StateFormat, Generation: w.gen, SavedAt: w.cfg.now().UTC(), State: &w.st, Secrets: sealed,
	})
}

// secretsLocked gathers the key material; callers hold the lock. The maps
// share the providers' slices: marshal them, never modify them.
func (w *World) secretsLocked() *secretsRecord {
	sec := &secretsRecord{NativeKDKs: map[string]SecretBytes{}, KMSKeys: map[string]map[string]SecretBytes{}}
	for _, p := range w.st.Providers {
		switch p.Type {
		case ProviderNative:
			sec.NativeKDKs[p.Name] = p.kdk
		case ProviderStandard:
			sec.KMSKeys[p.Name] = p.stateKeys()
		}
	}
	for _, h := range w.st.Hosts {
		if s := h.secrets(); s.TPMSeed != nil || s.ConfigKey != nil || len(s.KEKs) > 0 {
			if sec.Hosts == nil {
				sec.Hosts = map[string]hostSecrets{}
			}
			sec.Hosts[h.ID] = s
		}
	}
	return sec
}

// decodeState parses and validates a state file. State files come from
// outside, so every reference and key size is checked before the world is
// used. key is asked for only when the key material is sealed.
func decodeState(data []byte, cfg config, key func() (StateKey, error)) (*World, error) {
	f, err := parseStateFile(data)
	if err != nil {
		return nil, err
	}
	return buildLoaded(f, cfg, key)
}

// parseStateFile decodes and checks a state file's outer structure.
func parseStateFile(data []byte) (stateFile, error) {
	var f stateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		// A file of another version may fail to decode as this one; say so
		// rather than calling it corrupt.
		var hdr struct {
			Format string `json:"format"`
		}
		if json.Unmarshal(data, &hdr) == nil && hdr.Format != "" && !knownFormat(hdr.Format) {
			return stateFile{}, fmt.Errorf("%w %q (this keyhost reads %q and %q)", ErrUnsupportedFormat, hdr.Format, StateFormat, StateFormatV1)
		}
		return stateFile{}, fmt.Errorf("%w: %v", ErrCorruptState, err)
	}
	if dec.More() {
		return stateFile{}, fmt.Errorf("%w: trailing data after the state object", ErrCorruptState)
	}
	switch {
	case f.Format == "":
		return stateFile{}, fmt.Errorf("%w: no \"format\" field; not a keyhost state file", ErrCorruptState)
	case !knownFormat(f.Format):
		return stateFile{}, fmt.Errorf("%w %q (this keyhost reads %q and %q)", ErrUnsupportedFormat, f.Format, StateFormat, StateFormatV1)
	case f.State == nil:
		return stateFile{}, fmt.Errorf("%w: no \"state\" section", ErrCorruptState)
	}
	return f, nil
}

// buildLoaded builds the world of one decoded vCenter: its secrets opened,
// its state validated and its hosts provisioned.
func buildLoaded(f stateFile, cfg config, key func() (StateKey, error)) (*World, error) {
	sec, err := readSecrets(f, key)
	if err != nil {
		return nil, err
	}
	w := newWorld(cfg)
	w.st = *f.State
	w.gen = f.Generation
	if err := w.loadSecrets(sec); err != nil {
		w.Close()
		return nil, fmt.Errorf("%w: %v", ErrCorruptState, err)
	}
	if err := w.validate(); err != nil {
		w.Close()
		return nil, fmt.Errorf("%w: %v", ErrCorruptState, err)
	}
	if err := w.provisionLegacyHosts(); err != nil {
		w.Close()
		return nil, fmt.Errorf("load state: %w", err)
	}
	return w, nil
}

func knownFormat(f string) bool { return f == StateFormat || f == StateFormatV1 }

// readSecrets returns the key material of a decoded file: in the clear in
// StateFormatV1, opened with the state key in StateFormat.
func readSecrets(f stateFile, key func() (StateKey, error)) (*secretsRecord, error) {
	raw := bytes.TrimSpace(f.Secrets)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		if f.Format == StateFormatV1 {
			return &secretsRecord{}, nil
		}
		return nil, fmt.Errorf("%w: no \"secrets\" section", ErrCorruptState)
	}
	if f.Format == StateFormatV1 {
		var sec secretsRecord
		if err := strictUnmarshal(raw, &sec); err != nil {
			return nil, fmt.Errorf("%w: secrets: %v", ErrCorruptState, err)
		}
		return &sec, nil
	}
	var sealed sealedSecrets
	if err := strictUnmarshal(raw, &sealed); err != nil {
		return nil, fmt.Errorf("%w: secrets: %v", ErrCorruptState, err)
	}
	k, err := key()
	if err != nil {
		return nil, err
	}
	return openSecrets(sealed, k, f.State.VCenter.InstanceUUID)
}

// strictUnmarshal decodes one JSON value, rejecting unknown fields.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// loadSecrets gives each provider its key material from the secrets section.
func (w *World) loadSecrets(sec *secretsRecord) error {
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
			if err := w.attachKMS(p, local); err != nil {
				return err
			}
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
	hosts := map[string]*hostRecord{}
	for _, h := range w.st.Hosts {
		if h == nil {
			return errors.New("null host")
		}
		hosts[h.ID] = h
		if err := h.loadSecrets(sec.Hosts[h.ID]); err != nil {
			return err
		}
		w.attachDevice(h)
	}
	for id := range sec.Hosts {
		if hosts[id] == nil {
			return fmt.Errorf("secrets hold keys of host %q, which does not exist", id)
		}
	}
	return nil
}

// writeFileAtomic writes path via a synced temporary file (filled by write)
// and a rename. A crash at any point leaves path as it was or as written,
// never torn; it may leave a stray ".NAME.tmp-*" file behind, which is
// harmless and can be deleted.
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
