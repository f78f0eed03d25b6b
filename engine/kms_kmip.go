package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/keyhost/keyhost/engine/kmip"
)

// Defaults of a KMIPKMS. A vCenter operation waits on the KMS, so an
// unreachable server must fail the operation in seconds, not minutes.
const (
	DefaultKMIPDialTimeout = 5 * time.Second
	DefaultKMIPOpTimeout   = 30 * time.Second
)

// KMIPKMS is a KMS reached over KMIP, as vCenter reaches the key management
// server of a Standard key provider: CreateKey creates an AES-256 key,
// activates it and fetches it; GetKey fetches a key by its Unique Identifier,
// the only thing vCenter stores. A server that cannot be reached gives a
// *kmip.UnreachableError ("key management server kms.example:5696 is
// unreachable: ..."); key material never appears in its errors.
type KMIPKMS struct {
	client    *kmip.Client
	opTimeout time.Duration
}

// NewKMIPKMS returns a KMS talking to the KMIP server cfg names, with
// DefaultKMIPDialTimeout unless cfg sets one. It does not connect yet.
func NewKMIPKMS(cfg kmip.ClientConfig) (*KMIPKMS, error) {
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = DefaultKMIPDialTimeout
	}
	c, err := kmip.NewClient(cfg)
	if err != nil {
		return nil, err
	}
	return &KMIPKMS{client: c, opTimeout: DefaultKMIPOpTimeout}, nil
}

// Client returns the KMIP client, for operations beyond CreateKey and GetKey
// (Locate, Revoke, Destroy).
func (k *KMIPKMS) Client() *kmip.Client { return k.client }

// Close closes the client's connections.
func (k *KMIPKMS) Close() error { return k.client.Close() }

// CreateKey implements KMS: Create and Activate an AES-256 key usable to
// wrap keys, then Get it.
func (k *KMIPKMS) CreateKey() (string, []byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), k.opTimeout)
	defer cancel()
	id, err := k.client.Create(ctx, kmip.KeySpec{Bits: 256, Usage: kmip.UsageKEK})
	if err != nil {
		return "", nil, plain(err)
	}
	if err := k.client.Activate(ctx, id); err != nil {
		// A Pre-Active key can be destroyed; do not leave it behind.
		if derr := k.client.Destroy(ctx, id); derr != nil {
			return "", nil, fmt.Errorf("%w (and the new key %s could not be destroyed: %v)", err, id, derr)
		}
		return "", nil, err
	}
	key, err := k.get(ctx, id)
	if err != nil {
		return "", nil, err
	}
	return id, key, nil
}

// GetKey implements KMS: Get the key with the given Unique Identifier. A key
// the server does not have (or has destroyed) gives an error wrapping
// ErrKeyNotFound.
func (k *KMIPKMS) GetKey(id string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), k.opTimeout)
	defer cancel()
	return k.get(ctx, id)
}

func (k *KMIPKMS) get(ctx context.Context, id string) ([]byte, error) {
	key, err := k.client.Get(ctx, id)
	if errors.Is(err, kmip.ReasonItemNotFound) {
		return nil, fmt.Errorf("%w: %w", ErrKeyNotFound, err)
	}
	if err != nil {
		return nil, plain(err)
	}
	if key.Algorithm != 0 && key.Algorithm != kmip.AlgorithmAES {
		clear(key.Material)
		return nil, fmt.Errorf("kmip Get %s: the server returned a %v key, want AES", id, key.Algorithm)
	}
	return key.Material, nil
}

// plain drops the KMIP operation from an unreachable server's error: which
// request found the server down does not help whoever reads it.
func plain(err error) error {
	if ue, ok := errors.AsType[*kmip.UnreachableError](err); ok {
		return ue
	}
	return err
}

// EmbeddedKMIP is a KMIP server running in this process on a loopback port,
// with a throwaway PKI, and a KMIPKMS connected to it over mutual TLS: a real
// KMIP round trip that needs nothing installed.
type EmbeddedKMIP struct {
	*KMIPKMS
	server *kmip.Server
	certs  *kmip.Certs
	addr   string
	served chan error

	closeOnce sync.Once
	closeErr  error
}

// StartEmbeddedKMIP starts a KMIP server on 127.0.0.1 (a free port) with
// cfg, whose TLS it fills in with new certificates, and connects a KMS to
// it. Pass cfg.Store and cfg.Objects to keep the keys across runs.
func StartEmbeddedKMIP(cfg kmip.ServerConfig) (*EmbeddedKMIP, error) {
	certs, err := kmip.NewCerts(kmip.CertOptions{Hosts: []string{"127.0.0.1"}, ClientName: "keyhost-vcenter"})
	if err != nil {
		return nil, err
	}
	cfg.TLS = certs.ServerTLS()
	srv, err := kmip.NewServer(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("embedded KMIP server: %w", err)
	}
	e := &EmbeddedKMIP{server: srv, certs: certs, addr: ln.Addr().String(), served: make(chan error, 1)}
	go func() { e.served <- srv.Serve(ln) }()
	if e.KMIPKMS, err = NewKMIPKMS(kmip.ClientConfig{Addr: e.addr, TLS: certs.ClientTLS()}); err != nil {
		srv.Close()
		<-e.served
		return nil, err
	}
	return e, nil
}

// Addr returns the server's address.
func (e *EmbeddedKMIP) Addr() string { return e.addr }

// Server returns the embedded server, to inspect its objects.
func (e *EmbeddedKMIP) Server() *kmip.Server { return e.server }

// Certs returns the PKI, for other clients of the server.
func (e *EmbeddedKMIP) Certs() *kmip.Certs { return e.certs }

// Keys returns the material of every key the embedded server still holds
// (all but destroyed ones), by Unique Identifier: what a state file keeps
// for this KMS, to give back through KMIPObjectsFromKeys on the next run.
// The maps and slices are copies the caller owns.
func (e *EmbeddedKMIP) Keys() map[string][]byte {
	out := map[string][]byte{}
	for _, o := range e.server.Objects() {
		if o.Material != nil {
			out[o.ID] = o.Material
		}
	}
	return out
}

// KMIPObjectsFromKeys turns saved keys (id to 32-byte key) into Active
// AES-256 KEK objects created at created, sorted by id, to seed an embedded
// server with kmip.ServerConfig.Objects. Object states are not saved: every
// key comes back Active. B is any byte-slice type, so a state file's own
// secret type can be passed as it is.
func KMIPObjectsFromKeys[B ~[]byte](keys map[string]B, created time.Time) []kmip.Object {
	ids := slices.Sorted(maps.Keys(keys))
	out := make([]kmip.Object, 0, len(ids))
	for _, id := range ids {
		out = append(out, kmip.Object{
			ID: id, Type: kmip.ObjectSymmetricKey, Algorithm: kmip.AlgorithmAES,
			Length: int32(8 * len(keys[id])), Usage: kmip.UsageKEK, State: kmip.StateActive,
			Material: slices.Clone([]byte(keys[id])), Created: created, Activated: created,
		})
	}
	return out
}

// Close closes the client and shuts the server down, letting requests under
// way finish for up to five seconds. Later calls return the first's result.
func (e *EmbeddedKMIP) Close() error {
	e.closeOnce.Do(func() {
		e.KMIPKMS.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		e.closeErr = e.server.Shutdown(ctx)
		if serr := <-e.served; !errors.Is(serr, kmip.ErrServerClosed) && e.closeErr == nil {
			e.closeErr = serr
		}
	})
	return e.closeErr
}
