package engine

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
	"github.com/keyhost/keyhost/engine/nkpbackup"
)

// ExportNativeKeyProvider backs a Native Key Provider up: it encodes the
// provider as a .p12 file in keyhost's own format (engine/nkpbackup,
// "keyhost NKP backup v1"; not vCenter's layout) protected by password (""
// for none, which leaves the KDK unprotected in the file), hands the bytes
// to write, and once write has succeeded marks the provider backed up, so
// it serves keys from then on (vSphere's backup-before-use rule). A failed
// write leaves the provider as it was. write runs without the world's lock.
func (w *World) ExportNativeKeyProvider(name, password string, write func(p12 []byte) error) (KeyProvider, error) {
	w.mu.RLock()
	p, err := w.providerLocked(name)
	if err != nil {
		w.mu.RUnlock()
		return KeyProvider{}, err
	}
	if err := w.requireVCenter("export key provider " + name); err != nil {
		w.mu.RUnlock()
		return KeyProvider{}, err
	}
	if p.Type != ProviderNative {
		w.mu.RUnlock()
		return KeyProvider{}, providerFault(FaultNotSupported, name,
			"Key provider %s is a Standard key provider; only Native Key Providers can be exported (its keys live in its KMS).", name)
	}
	b := nkpbackup.Backup{Name: p.Name, KeyID: p.KeyID, TpmRequired: p.TpmRequired, ExportTime: w.cfg.now().UTC(), KDK: bytes.Clone(p.kdk)}
	w.mu.RUnlock()

	data, err := nkpbackup.Encode(b, password, w.cfg.rand)
	kcrypto.Wipe(b.KDK)
	if err != nil {
		return KeyProvider{}, runtimeFault(MoRef{}, fmt.Errorf("export key provider %s: %w", name, err))
	}
	if err := write(data); err != nil {
		return KeyProvider{}, fmt.Errorf("export key provider %s: %w", name, err)
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.providers[name] != p {
		// Deleted (or deleted and re-created) while the file was written:
		// the file holds a provider the world no longer has.
		return KeyProvider{}, providerFault(FaultNotFound, name, "Key provider %s was removed while its backup was being written; the backup holds the removed provider.", name)
	}
	if err := w.markBackedUpLocked(p); err != nil {
		return KeyProvider{}, err
	}
	return w.providerCopy(p), nil
}

// ImportOptions tunes ImportNativeKeyProviderBackup.
type ImportOptions struct {
	// TpmRequired, when set, is the imported provider's TPM constraint;
	// otherwise the one recorded in the backup applies
	// (Import-KeyProvider -TpmRequired).
	TpmRequired *bool
	// DryRun validates the file, the password and the import without
	// changing anything (the REST API's dry_run).
	DryRun bool
}

// ImportResult is what an import did (or, for a dry run, would do).
type ImportResult struct {
	// Provider is the imported provider (for a dry run: as it would be).
	Provider KeyProvider
	// ExportTime is when the backup was made.
	ExportTime time.Time
	// AlreadyPresent reports that the world already had this very provider
	// (same name, key_id and KDK): importing it again changed nothing.
	AlreadyPresent bool
	// Unlocked counts the objects that were locked for lack of this
	// provider and open with it.
	Unlocked int
	DryRun   bool
}

// ImportNativeKeyProviderBackup restores a Native Key Provider from a
// backup ExportNativeKeyProvider wrote, in this world or another: same
// name, key_id and KDK, so every key id it ever issued derives the same KEK
// again and objects locked for lack of it open. It counts as backed up.
//
// Refused, with nothing changed, as an InvalidArgument fault wrapping the
// nkpbackup error: a wrong password, a damaged file, a file that is not a
// keyhost NKP backup. As an AlreadyExists fault: a different provider of
// that name (another type, key_id or KDK). As an InvalidArgument fault: a
// backup whose KDK does not open the locked objects that wait for a
// provider of that name. Importing a provider the world already has is
// harmless: nothing changes (but a provider not yet marked backed up is
// marked, since a backup of it evidently exists); its TPM constraint is
// left as it is.
func (w *World) ImportNativeKeyProviderBackup(p12 []byte, password string, opts ImportOptions) (ImportResult, error) {
	b, err := nkpbackup.Decode(p12, password)
	if err != nil {
		return ImportResult{}, &Fault{Name: FaultInvalidArgument, Message: "Cannot import the key provider backup: " + err.Error() + ".", Err: err}
	}
	defer kcrypto.Wipe(b.KDK)
	tpm := b.TpmRequired
	if opts.TpmRequired != nil {
		tpm = *opts.TpmRequired
	}
	res := ImportResult{ExportTime: b.ExportTime, DryRun: opts.DryRun}

	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("import key provider " + b.Name); err != nil {
		return ImportResult{}, err
	}
	if p, ok := w.providers[b.Name]; ok {
		if err := sameNativeProvider(p, b); err != nil {
			return ImportResult{}, err
		}
		res.AlreadyPresent = true
		if !opts.DryRun {
			if err := w.markBackedUpLocked(p); err != nil {
				return ImportResult{}, err
			}
		}
		res.Provider = w.providerCopy(p)
		return res, nil
	}
	if err := w.checkNewProvider(b.Name); err != nil {
		return ImportResult{}, err
	}
	p := &providerRecord{
		Name: b.Name, Type: ProviderNative, TpmRequired: tpm, KeyID: b.KeyID, BackedUp: true,
		Created: w.cfg.now().UTC(), kdk: bytes.Clone(b.KDK),
	}
	if res.Unlocked, err = w.checkOpensLocked(p); err != nil {
		kcrypto.Wipe(p.kdk)
		return ImportResult{}, err
	}
	if opts.DryRun {
		res.Provider = w.providerCopy(p)
		kcrypto.Wipe(p.kdk)
		return res, nil
	}
	commit, err := w.pushProvider(p)
	if err != nil {
		kcrypto.Wipe(p.kdk)
		return ImportResult{}, runtimeFault(MoRef{}, err)
	}
	w.addProvider(p)
	commit()
	w.changed()
	res.Provider = w.providerCopy(p)
	return res, nil
}

// sameNativeProvider reports (as an AlreadyExists fault) how an existing
// provider differs from a backup of the same name, or nil if they are the
// same provider.
func sameNativeProvider(p *providerRecord, b nkpbackup.Backup) error {
	switch {
	case p.Type != ProviderNative:
		return providerFault(FaultAlreadyExists, p.Name,
			"A %s key provider named %s already exists; the backup holds a Native Key Provider of that name. Nothing was imported.", p.Type, p.Name)
	case p.KeyID != b.KeyID:
		return providerFault(FaultAlreadyExists, p.Name,
			"A different Native Key Provider named %s already exists (key_id %s; the backup holds key_id %s). Nothing was imported.", p.Name, p.KeyID, b.KeyID)
	case subtle.ConstantTimeCompare(p.kdk, b.KDK) != 1:
		return providerFault(FaultAlreadyExists, p.Name,
			"A different Native Key Provider named %s already exists: same key_id %s, but another key derivation key. Nothing was imported.", p.Name, p.KeyID)
	}
	return nil
}

// checkOpensLocked checks that a provider about to be added opens every
// object that is locked waiting for a provider of its name, and returns how
// many there are. A backup of another provider that happens to share the
// name would leave them locked and take the name they need.
func (w *World) checkOpensLocked(p *providerRecord) (int, error) {
	kr := w.newKeyring()
	defer kr.close()
	// The keyring looks providers up by name; let it see p without adding
	// it to the world.
	saved, had := w.providers[p.Name]
	w.providers[p.Name] = p
	defer func() {
		if had {
			w.providers[p.Name] = saved
		} else {
			delete(w.providers, p.Name)
		}
	}()
	opened, failed := 0, 0
	var first string
	for _, o := range w.allObjects() {
		if o.obj.Key == nil || o.obj.Key.ProviderID != p.Name {
			continue
		}
		dek, err := kr.unwrapDEK(o.obj)
		if err != nil {
			if failed == 0 {
				first = o.name()
			}
			failed++
			continue
		}
		kcrypto.Wipe(dek)
		opened++
	}
	if failed > 0 {
		return 0, &Fault{Name: FaultInvalidArgument, Object: p.Name, Err: errBackupDoesNotOpen, Message: fmt.Sprintf(
			"The backup of key provider %s does not open %s of the %s waiting for a key provider of that name (%s, ...): it holds another key derivation key. Nothing was imported.",
			p.Name, plural(failed, "object"), plural(failed+opened, "locked object"), first)}
	}
	return opened, nil
}

// errBackupDoesNotOpen is the cause of checkOpensLocked's fault.
var errBackupDoesNotOpen = errors.New("the backup does not open the objects locked for its provider")
