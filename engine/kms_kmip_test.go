package engine

import (
	"context"
	"crypto/rand"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keyhost/keyhost/engine/kmip"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func startEmbeddedKMIP(t *testing.T, cfg kmip.ServerConfig) *EmbeddedKMIP {
	t.Helper()
	e, err := StartEmbeddedKMIP(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, e.Close()) })
	return e
}

func TestKMIPKMSCreateAndGet(t *testing.T) {
	e := startEmbeddedKMIP(t, kmip.ServerConfig{})
	var kms KMS = e

	id, key, err := kms.CreateKey()
	require.NoError(t, err)
	require.Len(t, key, 32)
	o, ok := e.Server().Object(id)
	require.True(t, ok)
	assert.Equal(t, kmip.StateActive, o.State, "CreateKey activates the key")
	assert.Equal(t, kmip.UsageKEK, o.Usage)
	assert.Equal(t, o.Material, key)

	got, err := kms.GetKey(id)
	require.NoError(t, err)
	assert.Equal(t, key, got)

	_, err = kms.GetKey("no-such-key")
	require.ErrorIs(t, err, ErrKeyNotFound)
	require.ErrorIs(t, err, kmip.ReasonItemNotFound)
	assert.EqualError(t, err, `key not found in KMS: kmip Get no-such-key: Item Not Found: no object with Unique Identifier "no-such-key"`)

	// A destroyed key is missing too.
	ctx := context.Background()
	require.NoError(t, e.Client().Revoke(ctx, id, kmip.RevocationCessationOfOperation, ""))
	require.NoError(t, e.Client().Destroy(ctx, id))
	_, err = kms.GetKey(id)
	require.ErrorIs(t, err, ErrKeyNotFound)
	assert.NotContains(t, err.Error(), string(key))
	require.NoError(t, e.Close())
	require.NoError(t, e.Close(), "Close twice")
}

// TestKMIPDemoWorld runs the demo's KMS-Standard provider on the embedded
// KMIP server: building the world creates db02's key over KMIP, Verify reads
// every key back, and a rekey to KMS-Standard creates one more.
func TestKMIPDemoWorld(t *testing.T) {
	e := startEmbeddedKMIP(t, kmip.ServerConfig{})
	w := demo(t, WithKMS("KMS-Standard", e))
	require.Len(t, e.Server().Objects(), 1, "db02's key lives in the KMIP server")
	require.True(t, w.Verify().OK())

	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "KMS-Standard"}))
	objs := e.Server().Objects()
	require.Len(t, objs, 2)
	web01 := vmNamed(t, w, "web01")
	require.NotNil(t, web01.Key)
	assert.Equal(t, KeyRef{KeyID: objs[1].ID, ProviderID: "KMS-Standard"}, *web01.Key)
	require.True(t, w.Verify().OK())
}

// TestKMIPKMSUnreachable checks that a KMS nobody answers at fails fast
// with an error that says so.
func TestKMIPKMSUnreachable(t *testing.T) {
	certs, err := kmip.NewCerts(kmip.CertOptions{})
	require.NoError(t, err)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed := ln.Addr().String()
	require.NoError(t, ln.Close())
	kms, err := NewKMIPKMS(kmip.ClientConfig{Addr: closed, TLS: certs.ClientTLS()})
	require.NoError(t, err)
	defer kms.Close()
	start := time.Now()
	_, err = kms.GetKey("k")
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "key management server "+closed+" is unreachable: "), err.Error())
	_, _, err = kms.CreateKey()
	var ue *kmip.UnreachableError
	require.ErrorAs(t, err, &ue)
	assert.Less(t, time.Since(start), 2*time.Second)

	// A server that takes the connection but never completes TLS is
	// unreachable too, after the dial timeout rather than never.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer silent.Close()
	var mu sync.Mutex
	var held []net.Conn
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	}()
	kms2, err := NewKMIPKMS(kmip.ClientConfig{Addr: silent.Addr().String(), TLS: certs.ClientTLS(), DialTimeout: 200 * time.Millisecond})
	require.NoError(t, err)
	defer kms2.Close()
	start = time.Now()
	_, err = kms2.GetKey("k")
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, err.Error(), "is unreachable: TLS handshake timed out")
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestKMIPKMSRejectsForeignServer(t *testing.T) {
	e := startEmbeddedKMIP(t, kmip.ServerConfig{})
	other, err := kmip.NewCerts(kmip.CertOptions{})
	require.NoError(t, err)
	// Trusting another CA, the client refuses the embedded server.
	cfg := other.ClientTLS()
	kms, err := NewKMIPKMS(kmip.ClientConfig{Addr: e.Addr(), TLS: cfg})
	require.NoError(t, err)
	defer kms.Close()
	_, _, err = kms.CreateKey()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "TLS handshake failed")
	var ue *kmip.UnreachableError
	assert.False(t, errors.As(err, &ue))
}

// TestKMIPKeysSurviveRestart is the save-and-load path a state file would
// take: the keys of one embedded server seed the next.
func TestKMIPKeysSurviveRestart(t *testing.T) {
	first := startEmbeddedKMIP(t, kmip.ServerConfig{})
	id1, key1, err := first.CreateKey()
	require.NoError(t, err)
	id2, _, err := first.CreateKey()
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, first.Client().Revoke(ctx, id2, kmip.RevocationCessationOfOperation, ""))
	require.NoError(t, first.Client().Destroy(ctx, id2))
	saved := first.Keys()
	require.Equal(t, map[string][]byte{id1: key1}, saved, "destroyed keys are not saved")
	require.NoError(t, first.Close())

	second := startEmbeddedKMIP(t, kmip.ServerConfig{Objects: KMIPObjectsFromKeys(saved, testTime)})
	got, err := second.GetKey(id1)
	require.NoError(t, err)
	assert.Equal(t, key1, got)
	o, _ := second.Server().Object(id1)
	assert.Equal(t, kmip.StateActive, o.State)
	assert.Equal(t, int32(256), o.Length)
	_, err = second.GetKey(id2)
	require.ErrorIs(t, err, ErrKeyNotFound)
}

// WithEmbeddedKMIP serves KMS-Standard from a KMIP server of its own, seeded
// from the state file's keys, and Save writes the keys the server holds.
func TestEmbeddedKMIPOption(t *testing.T) {
	w := demo(t, WithEmbeddedKMIP())
	t.Cleanup(func() { assert.NoError(t, w.Close()) })
	w.mu.RLock()
	e := w.providers["KMS-Standard"].embedded
	w.mu.RUnlock()
	require.NotNil(t, e)
	db02 := vmNamed(t, w, "db02")
	_, ok := e.Server().Object(db02.Key.KeyID)
	require.True(t, ok, "db02's key was created over KMIP")
	require.True(t, w.Verify().OK())

	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "dev01"), CryptoChange{Home: CryptoEncrypt, Provider: "KMS-Standard"}))
	require.Len(t, e.Server().Objects(), 2)
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, w.Save(path))

	// Loaded with and without the option, the keys are there.
	for _, opts := range [][]Option{{WithEmbeddedKMIP()}, nil} {
		l, err := Load(path, opts...)
		require.NoError(t, err)
		assert.True(t, l.Verify().OK())
		require.NoError(t, l.Close())
	}

	// A WithKMS override wins over the embedded server.
	kms := &flakyKMS{inner: newLocalKMS(rand.Reader)}
	o := demo(t, WithEmbeddedKMIP(), WithKMS("KMS-Standard", kms))
	o.mu.RLock()
	assert.Nil(t, o.providers["KMS-Standard"].embedded)
	o.mu.RUnlock()
	assert.Len(t, kms.inner.keys, 1)
	require.NoError(t, o.Close())
}

// A KMIP server that stops answering is an unreachable KMS: new keys fail,
// hosts keep what they hold.
func TestEmbeddedKMIPDown(t *testing.T) {
	w := demo(t, WithEmbeddedKMIP())
	w.mu.RLock()
	e := w.providers["KMS-Standard"].embedded
	w.mu.RUnlock()
	require.NoError(t, e.Server().Close(), "the server goes away; vCenter's client stays")
	err := w.ReconfigureCrypto(vmID(t, w, "dev01"), CryptoChange{Home: CryptoEncrypt, Provider: "KMS-Standard"})
	requireFault(t, err, FaultRuntime)
	assert.True(t, errors.Is(err, ErrKMSUnreachable), "%v", err)
	require.NoError(t, w.PowerOn(vmID(t, w, "db02")), "esx01 holds db02's KEK")
	require.NoError(t, w.Close())
}

// Removing an unused Standard provider shuts its embedded server down.
func TestEmbeddedKMIPClosedWithItsProvider(t *testing.T) {
	w := demo(t, WithEmbeddedKMIP())
	t.Cleanup(func() { assert.NoError(t, w.Close()) })
	_, err := w.RemoveKeyProvider("KMS-Standard")
	requireFault(t, err, FaultInUse)
	p, err := w.CreateStandardKeyProvider("KMS-2")
	require.NoError(t, err)
	w.mu.RLock()
	e := w.providers[p.Name].embedded
	w.mu.RUnlock()
	require.NotNil(t, e)
	_, err = w.RemoveKeyProvider("KMS-2")
	require.NoError(t, err)
	_, _, err = e.CreateKey()
	assert.Error(t, err, "the server is gone")
}
