package engine

import (
	"bytes"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// keyring holds the KEKs one operation (or one verification pass) uses: those
// fetched for existing keys and those minted for the operation. Keys a local
// KMS creates, and KEKs vCenter pushes to hosts, are held back until commit,
// so an operation that fails half-way leaves even the KMS and the hosts'
// caches as they were. Callers hold the world's lock and call close.
//
// A keyring works for one host or for vCenter itself:
//
//   - A host's keyring (hostKeyring) is what the host does: it derives a
//     Native provider's KEKs from its own unsealed copy of the KDK (failing
//     if the provider was never pushed to it), and takes a Standard
//     provider's KEKs from its cache of keys vCenter pushed to it.
//   - With viaVCenter, the operation is vCenter's (a reconfiguration):
//     vCenter fetches the Standard KEKs from the KMS and sends them with
//     it, so the KMS must be reachable, and the host caches them.
//   - vCenter's own keyring (newKeyring, host nil) derives and fetches
//     everything itself; Verify and the inspection listing use it.
type keyring struct {
	w          *World
	host       *hostRecord
	viaVCenter bool
	keks       map[KeyRef][]byte
	stage      *keyStage
	subs       []*keyring
}

// keyStage is what an operation commits besides its objects.
type keyStage struct {
	pending []pendingKey
	pushes  []kekPush
}

type pendingKey struct {
	kms *localKMS
	id  string
	key []byte
}

// kekPush is a KEK vCenter pushes to the hosts of a cluster at commit.
type kekPush struct {
	cluster string
	ref     KeyRef
	key     []byte
}

// newKey is the key an operation minted: its reference and the KEK itself.
type newKey struct {
	ref KeyRef
	kek []byte
}

// newKeyring returns vCenter's own keyring (audits).
func (w *World) newKeyring() *keyring {
	return &keyring{w: w, keks: map[KeyRef][]byte{}, stage: &keyStage{}}
}

// hostKeyring returns the keyring of host h; viaVCenter marks an operation
// vCenter carries out (see keyring).
func (w *World) hostKeyring(h *hostRecord, viaVCenter bool) *keyring {
	return &keyring{w: w, host: h, viaVCenter: viaVCenter, keks: map[KeyRef][]byte{}, stage: &keyStage{}}
}

// on returns a keyring for another host in the same operation: same mode,
// same staged commits, closed with kr.
func (kr *keyring) on(h *hostRecord) *keyring {
	if h == kr.host {
		return kr
	}
	sub := &keyring{w: kr.w, host: h, viaVCenter: kr.viaVCenter, keks: map[KeyRef][]byte{}, stage: kr.stage}
	kr.subs = append(kr.subs, sub)
	return sub
}

// kek returns the KEK that ref names, once per operation.
func (kr *keyring) kek(ref KeyRef) ([]byte, error) {
	if k, ok := kr.keks[ref]; ok {
		return k, nil
	}
	p, ok := kr.w.providers[ref.ProviderID]
	if !ok {
		return nil, &errProviderMissing{name: ref.ProviderID}
	}
	var k []byte
	var err error
	switch {
	case p.Type == ProviderNative && kr.host == nil:
		k, err = nativeKEK(p, ref.KeyID)
	case p.Type == ProviderNative:
		k, err = kr.hostNativeKEK(p, ref.KeyID)
	case p.Type == ProviderStandard && kr.host == nil:
		k, err = fetchKEK(p, ref.KeyID)
	case p.Type == ProviderStandard && kr.viaVCenter:
		if k, err = fetchKEK(p, ref.KeyID); err == nil {
			kr.push(ref, k)
		}
	case p.Type == ProviderStandard:
		cached, ok := kr.host.rt.keks[ref]
		if !ok {
			return nil, &errKeyNotOnHost{host: kr.host.Name, ref: ref}
		}
		k = bytes.Clone(cached)
	default:
		err = fmt.Errorf("key provider %s has unknown type %q", p.Name, p.Type)
	}
	if err != nil {
		return nil, err
	}
	kr.keks[ref] = k
	return k, nil
}

// hostNativeKEK derives a KEK from the host's own copy of the KDK.
func (kr *keyring) hostNativeKEK(p *providerRecord, keyID string) ([]byte, error) {
	kdk, err := kr.host.hostKDK(p)
	if err != nil {
		return nil, err
	}
	return kcrypto.DeriveNativeKEK(kdk, p.KeyID, keyID)
}

// push stages a KEK for the hosts of the keyring's host's cluster.
func (kr *keyring) push(ref KeyRef, key []byte) {
	if kr.host != nil {
		kr.stage.pushes = append(kr.stage.pushes, kekPush{cluster: kr.host.Cluster, ref: ref, key: bytes.Clone(key)})
	}
}

// errKeyNotOnHost is why a host cannot open an object: vCenter never pushed
// it the Standard provider's KEK, or the host rebooted since.
type errKeyNotOnHost struct {
	host string
	ref  KeyRef
}

func (e *errKeyNotOnHost) Error() string {
	return fmt.Sprintf("host %s does not hold key %s of key provider %s (vCenter has not pushed it since the host started)", e.host, e.ref.KeyID, e.ref.ProviderID)
}

// mint creates the one new key an operation uses with provider p. Callers
// check checkServe first.
func (kr *keyring) mint(p *providerRecord) (*newKey, error) {
	var ref KeyRef
	var k []byte
	switch p.Type {
	case ProviderNative:
		id, err := kcrypto.NewUUID(kr.w.cfg.rand)
		if err != nil {
			return nil, fmt.Errorf("new key from %s: %w", p.Name, err)
		}
		if kr.host == nil {
			k, err = nativeKEK(p, id)
		} else {
			k, err = kr.hostNativeKEK(p, id)
		}
		if err != nil {
			return nil, fmt.Errorf("new key from %s: %w", p.Name, err)
		}
		ref = KeyRef{KeyID: id, ProviderID: p.Name}
	case ProviderStandard:
		var id string
		var err error
		switch {
		case p.unreachable:
			err = unreachableError(p)
		case p.kms == p.local:
			id, k, err = p.local.generate()
			if err == nil {
				kr.stage.pending = append(kr.stage.pending, pendingKey{kms: p.local, id: id, key: bytes.Clone(k)})
			}
		default:
			// An external KMS keeps a key it created even if the operation
			// fails later, as a real KMS would; the world itself is unchanged.
			id, k, err = p.kms.CreateKey()
			err = kmsError(err)
		}
		if err != nil {
			return nil, fmt.Errorf("new key from %s: %w", p.Name, err)
		}
		if len(k) != kcrypto.KEKSize {
			return nil, fmt.Errorf("new key from %s: KMS returned a %d-byte key, want %d", p.Name, len(k), kcrypto.KEKSize)
		}
		ref = KeyRef{KeyID: id, ProviderID: p.Name}
		kr.push(ref, k)
	default:
		return nil, fmt.Errorf("key provider %s has unknown type %q", p.Name, p.Type)
	}
	kr.keks[ref] = k
	return &newKey{ref: ref, kek: k}, nil
}

// commit stores the keys minted from local KMSs and gives the hosts the
// KEKs vCenter pushed. It cannot fail.
func (kr *keyring) commit() {
	for _, p := range kr.stage.pending {
		p.kms.keys[p.id] = p.key
	}
	kr.stage.pending = nil
	for _, p := range kr.stage.pushes {
		for _, h := range kr.w.st.Hosts {
			if h.Cluster == p.cluster {
				h.cacheKEK(p.ref, p.key)
			}
		}
		kcrypto.Wipe(p.key)
	}
	kr.stage.pushes = nil
}

// close wipes the KEKs the operation held and anything it did not commit.
func (kr *keyring) close() {
	for _, s := range kr.subs {
		s.close()
	}
	for _, k := range kr.keks {
		kcrypto.Wipe(k)
	}
	clear(kr.keks)
	if kr.stage != nil {
		for _, p := range kr.stage.pending {
			kcrypto.Wipe(p.key)
		}
		for _, p := range kr.stage.pushes {
			kcrypto.Wipe(p.key)
		}
		kr.stage.pending, kr.stage.pushes = nil, nil
	}
}
