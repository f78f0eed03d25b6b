package hosttpm

import (
	"errors"
	"fmt"

	"github.com/google/go-tpm/tpm2"
	"github.com/google/go-tpm/tpm2/transport"
)

// MaxSecretSize is the most a sealed data object holds (TPM2B_SENSITIVE_DATA
// in the reference TPM); KDKs are 32 bytes.
const MaxSecretSize = 128

// Blob is a sealed secret as its TPM made it: the TPM2B_PRIVATE (encrypted
// under the SRK, so only that TPM can load it) and the TPM2B_PUBLIC, each
// marshalled with tpm2.Marshal. Neither reveals the secret.
type Blob struct {
	Private []byte `json:"private"`
	Public  []byte `json:"public"`
}

// Seal seals each secret in d, in one session, and returns the blobs in
// the same order. Secrets are not modified; the caller still owns them.
func Seal(d Device, secrets ...[]byte) ([]Blob, error) {
	for i, s := range secrets {
		if len(s) == 0 || len(s) > MaxSecretSize {
			return nil, fmt.Errorf("seal in %s: secret %d is %d bytes, want 1 to %d", d, i, len(s), MaxSecretSize)
		}
	}
	out := make([]Blob, 0, len(secrets))
	err := session(d, func(t transport.TPM, srk *srkHandle) error {
		for _, s := range secrets {
			b, err := srk.seal(t, s)
			if err != nil {
				return err
			}
			out = append(out, b)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("seal in %s: %w", d, err)
	}
	return out, nil
}

// Unseal unseals each blob in d, in one session, and returns the secrets
// in the same order; the caller owns (and should wipe) them. A blob another
// TPM sealed fails to load with TPM_RC_INTEGRITY (errors.Is(err,
// tpm2.TPMRCIntegrity)).
func Unseal(d Device, blobs ...Blob) ([][]byte, error) {
	out := make([][]byte, 0, len(blobs))
	err := session(d, func(t transport.TPM, srk *srkHandle) error {
		for _, b := range blobs {
			s, err := srk.unseal(t, b)
			if err != nil {
				clear(s)
				return err
			}
			out = append(out, s)
		}
		return nil
	})
	if err != nil {
		for _, s := range out {
			clear(s)
		}
		return nil, fmt.Errorf("unseal in %s: %w", d, err)
	}
	return out, nil
}

// srkHandle is the storage root key of one session.
type srkHandle struct {
	handle tpm2.TPMHandle
	name   tpm2.TPM2BName
	public tpm2.TPMTPublic
}

// session opens d, creates the SRK, runs work and tears everything down,
// whatever work returned.
func session(d Device, work func(transport.TPM, *srkHandle) error) (err error) {
	t, err := d.Open()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := t.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close: %w", cerr)
		}
	}()
	// The TCG's ECC P-256 SRK template: the key is derived from the
	// storage seed, so every session of the same TPM gets the same SRK.
	rsp, err := tpm2.CreatePrimary{
		PrimaryHandle: tpm2.TPMRHOwner,
		InPublic:      tpm2.New2B(tpm2.ECCSRKTemplate),
	}.Execute(t)
	if err != nil {
		return fmt.Errorf("create SRK: %w", err)
	}
	defer flush(t, rsp.ObjectHandle, &err)
	pub, err := rsp.OutPublic.Contents()
	if err != nil {
		return fmt.Errorf("SRK public area: %w", err)
	}
	return work(t, &srkHandle{handle: rsp.ObjectHandle, name: rsp.Name, public: *pub})
}

// flush unloads a transient object, keeping the first error.
func flush(t transport.TPM, h tpm2.TPMHandle, err *error) {
	if _, ferr := (tpm2.FlushContext{FlushHandle: h}).Execute(t); ferr != nil && *err == nil {
		*err = fmt.Errorf("flush: %w", ferr)
	}
}

// encrypted returns a salted HMAC session (salt encrypted to the SRK)
// with the given parameter encryption (tpm2.AESEncryption).
func (s *srkHandle) encrypted(paramEncryption tpm2.AuthOption) tpm2.Session {
	return tpm2.HMAC(tpm2.TPMAlgSHA256, 16, paramEncryption, tpm2.Salted(s.handle, s.public))
}

// sealedTemplate is a keyed-hash data object that never leaves its TPM
// (FixedTPM, FixedParent) and is unsealed with its (empty) auth value.
var sealedTemplate = tpm2.TPMTPublic{
	Type:    tpm2.TPMAlgKeyedHash,
	NameAlg: tpm2.TPMAlgSHA256,
	ObjectAttributes: tpm2.TPMAObject{
		FixedTPM:     true,
		FixedParent:  true,
		UserWithAuth: true,
		NoDA:         true,
	},
}

func (s *srkHandle) seal(t transport.TPM, secret []byte) (Blob, error) {
	rsp, err := tpm2.Create{
		ParentHandle: tpm2.AuthHandle{Handle: s.handle, Name: s.name, Auth: s.encrypted(tpm2.AESEncryption(128, tpm2.EncryptIn))},
		InSensitive: tpm2.TPM2BSensitiveCreate{Sensitive: &tpm2.TPMSSensitiveCreate{
			Data: tpm2.NewTPMUSensitiveCreate(&tpm2.TPM2BSensitiveData{Buffer: secret}),
		}},
		InPublic: tpm2.New2B(sealedTemplate),
	}.Execute(t)
	if err != nil {
		return Blob{}, fmt.Errorf("create sealed object: %w", err)
	}
	return Blob{Private: tpm2.Marshal(rsp.OutPrivate), Public: tpm2.Marshal(rsp.OutPublic)}, nil
}

func (s *srkHandle) unseal(t transport.TPM, b Blob) (secret []byte, err error) {
	priv, err := tpm2.Unmarshal[tpm2.TPM2BPrivate](b.Private)
	if err != nil {
		return nil, fmt.Errorf("sealed private area: %w", err)
	}
	pub, err := tpm2.Unmarshal[tpm2.TPM2BPublic](b.Public)
	if err != nil {
		return nil, fmt.Errorf("sealed public area: %w", err)
	}
	loaded, err := tpm2.Load{
		ParentHandle: tpm2.AuthHandle{Handle: s.handle, Name: s.name, Auth: tpm2.PasswordAuth(nil)},
		InPrivate:    *priv,
		InPublic:     *pub,
	}.Execute(t)
	if err != nil {
		return nil, fmt.Errorf("load sealed object: %w", err)
	}
	defer flush(t, loaded.ObjectHandle, &err)
	rsp, err := tpm2.Unseal{
		ItemHandle: tpm2.AuthHandle{Handle: loaded.ObjectHandle, Name: loaded.Name, Auth: s.encrypted(tpm2.AESEncryption(128, tpm2.EncryptOut))},
	}.Execute(t)
	if err != nil {
		return nil, fmt.Errorf("unseal: %w", err)
	}
	if len(rsp.OutData.Buffer) == 0 {
		return nil, errors.New("unseal: the TPM returned no data")
	}
	return rsp.OutData.Buffer, nil
}
