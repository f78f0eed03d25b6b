package kmip

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

func TestLifecycle(t *testing.T) {
	f := startServer(t, ServerConfig{})
	c, ctx := f.client, ctxT(t)

	id, err := c.Create(ctx, KeySpec{Name: "vm-key-1"})
	if err != nil {
		t.Fatal(err)
	}
	o, _ := f.srv.Object(id)
	if o.State != StatePreActive || o.Algorithm != AlgorithmAES || o.Length != 256 || o.Usage != UsageKEK || len(o.Material) != 32 {
		t.Fatalf("created %+v", o)
	}
	if err := c.Activate(ctx, id); err != nil {
		t.Fatal(err)
	}
	wantReason(t, c.Activate(ctx, id), ReasonIllegalOperation, "kmip Activate "+id, "is Active")

	k, err := c.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(k.Material, o.Material) || k.Format != KeyFormatRaw || k.Algorithm != AlgorithmAES || k.Length != 256 {
		t.Fatalf("Get gave a different key (%v %v %d)", k.Format, k.Algorithm, k.Length)
	}

	if ids, err := c.LocateName(ctx, "vm-key-1"); err != nil || !slices.Equal(ids, []string{id}) {
		t.Fatalf("Locate = %v, %v", ids, err)
	}
	if ids, err := c.Locate(ctx, NameAttribute("vm-key-1"), StateAttribute(StatePreActive)); err != nil || len(ids) != 0 {
		t.Fatalf("Locate Pre-Active = %v, %v", ids, err)
	}

	wantReason(t, c.Destroy(ctx, id), ReasonPermissionDenied, "kmip Destroy "+id, "is Active and cannot be destroyed")
	if err := c.Revoke(ctx, id, RevocationCessationOfOperation, "retired"); err != nil {
		t.Fatal(err)
	}
	if o, _ := f.srv.Object(id); o.State != StateDeactivated || o.Deactivated.IsZero() || o.RevocationMessage != "retired" {
		t.Fatalf("after Revoke: %v", o.State)
	}
	wantReason(t, c.Revoke(ctx, id, RevocationSuperseded, ""), ReasonIllegalOperation, "is Deactivated")
	// A deactivated key can still be read, to decrypt what it protected.
	if _, err := c.Get(ctx, id); err != nil {
		t.Fatal(err)
	}

	if err := c.Destroy(ctx, id); err != nil {
		t.Fatal(err)
	}
	if o, _ := f.srv.Object(id); o.State != StateDestroyed || o.Material != nil || o.Destroyed.IsZero() {
		t.Fatalf("after Destroy: %v", o.State)
	}
	_, err = c.Get(ctx, id)
	wantReason(t, err, ReasonItemNotFound, "kmip Get "+id+": Item Not Found: object "+id+" was destroyed")
	wantReason(t, c.Destroy(ctx, id), ReasonItemNotFound)
	wantReason(t, c.Activate(ctx, id), ReasonItemNotFound)
	if ids, _ := c.LocateName(ctx, "vm-key-1"); len(ids) != 0 {
		t.Fatalf("Locate found destroyed key: %v", ids)
	}
	if ids, _ := c.Locate(ctx, NameAttribute("vm-key-1"), StateAttribute(StateDestroyed)); !slices.Equal(ids, []string{id}) {
		t.Fatalf("Locate Destroyed = %v", ids)
	}
	// A destroyed key can still be reported compromised.
	if err := c.Revoke(ctx, id, RevocationKeyCompromise, ""); err != nil {
		t.Fatal(err)
	}
	if o, _ := f.srv.Object(id); o.State != StateDestroyedCompromised {
		t.Fatalf("after compromise: %v", o.State)
	}
}

func TestCompromise(t *testing.T) {
	f := startServer(t, ServerConfig{})
	c, ctx := f.client, ctxT(t)
	pre, _ := c.Create(ctx, KeySpec{})
	if err := c.Revoke(ctx, pre, RevocationUnspecified, ""); err == nil {
		t.Fatal("revoked a Pre-Active key for a reason other than compromise")
	}
	if err := c.Revoke(ctx, pre, RevocationKeyCompromise, "leaked"); err != nil {
		t.Fatal(err)
	}
	o, _ := f.srv.Object(pre)
	if o.State != StateCompromised || o.Compromised.IsZero() || o.CompromiseOccurred.IsZero() {
		t.Fatalf("%+v", o.State)
	}
	wantReason(t, c.Revoke(ctx, pre, RevocationKeyCompromise, ""), ReasonIllegalOperation, "already Compromised")
	wantReason(t, c.Activate(ctx, pre), ReasonIllegalOperation)
	if err := c.Destroy(ctx, pre); err != nil {
		t.Fatal(err)
	}
	if o, _ := f.srv.Object(pre); o.State != StateDestroyedCompromised {
		t.Fatalf("%v", o.State)
	}
	// A Pre-Active key can be destroyed directly.
	id, _ := c.Create(ctx, KeySpec{Bits: 128, Usage: UsageEncrypt})
	if k, err := c.Get(ctx, id); err != nil || len(k.Material) != 16 {
		t.Fatalf("128-bit key: %v", err)
	}
	if err := c.Destroy(ctx, id); err != nil {
		t.Fatal(err)
	}
}

func TestUnknownID(t *testing.T) {
	f := startServer(t, ServerConfig{})
	c, ctx := f.client, ctxT(t)
	_, err := c.Get(ctx, "1234")
	wantReason(t, err, ReasonItemNotFound, `kmip Get 1234: Item Not Found: no object with Unique Identifier "1234"`)
	wantReason(t, c.Activate(ctx, "1234"), ReasonItemNotFound, "kmip Activate 1234")
	wantReason(t, c.Revoke(ctx, "1234", RevocationUnspecified, ""), ReasonItemNotFound, "kmip Revoke 1234")
	wantReason(t, c.Destroy(ctx, "1234"), ReasonItemNotFound, "kmip Destroy 1234")
	if ids, err := c.LocateName(ctx, "nothing"); err != nil || len(ids) != 0 {
		t.Fatalf("Locate = %v, %v", ids, err)
	}
}

func TestServerRejectsBadRequests(t *testing.T) {
	f := startServer(t, ServerConfig{})
	c, ctx := f.client, ctxT(t)
	create := func(ot ObjectType, attrs ...Attribute) error {
		_, err := c.Do(ctx, OpCreate, "", CreateRequest{ObjectType: ot, Attributes: attrs}.Item())
		return err
	}
	aes := AlgorithmAttribute(AlgorithmAES)
	wantReason(t, create(ObjectSecretData, aes, LengthAttribute(256)), ReasonInvalidField, "Symmetric Keys only")
	wantReason(t, create(ObjectSymmetricKey, AlgorithmAttribute(AlgorithmTripleDES), LengthAttribute(168)), ReasonInvalidField, "must be AES")
	wantReason(t, create(ObjectSymmetricKey, aes), ReasonInvalidField, "must be 128, 192 or 256, not 0")
	wantReason(t, create(ObjectSymmetricKey, aes, LengthAttribute(100)), ReasonInvalidField, "not 100")
	wantReason(t, create(ObjectSymmetricKey, aes, aes, LengthAttribute(256)), ReasonInvalidField, "given twice")
	wantReason(t, create(ObjectSymmetricKey, aes, LengthAttribute(256), StateAttribute(StateActive)), ReasonInvalidField, `"State" cannot be set`)
	wantReason(t, create(ObjectSymmetricKey, aes, Attribute{Name: AttrCryptographicLength, Value: ttlv.TextString(0, "256")}), ReasonInvalidField, "not a Integer")
	wantReason(t, create(ObjectSymmetricKey, aes, LengthAttribute(256), NameAttribute("")), ReasonInvalidField, "empty Name")
	// Custom and policy attributes are accepted and dropped; an Activation
	// Date in the past creates an Active key.
	if err := create(ObjectSymmetricKey, aes, LengthAttribute(256),
		Attribute{Name: "x-vcenter", Value: ttlv.TextString(0, "v")},
		Attribute{Name: AttrOperationPolicyName, Value: ttlv.TextString(0, "default")},
		Attribute{Name: AttrActivationDate, Value: ttlv.DateTime(0, time.Now().Add(-time.Minute))}); err != nil {
		t.Fatal(err)
	}
	if objs := f.srv.Objects(); len(objs) != 1 || objs[0].State != StateActive {
		t.Fatalf("objects %+v", objs)
	}

	_, err := c.Do(ctx, OpQuery, "", ttlv.Structure(TagRequestPayload))
	wantReason(t, err, ReasonOperationNotSupported, "Query is not supported")
	_, err = c.Do(ctx, OpGet, "", ttlv.Structure(TagRequestPayload))
	wantReason(t, err, ReasonInvalidField, "missing Unique Identifier in Request Payload")
	_, err = c.Do(ctx, OpGet, "k", GetRequest{ID: "k", Format: KeyFormatOpaque}.Item())
	wantReason(t, err, ReasonKeyFormatNotSupported)
	_, err = c.Do(ctx, OpLocate, "", LocateRequest{Attributes: []Attribute{{Name: "Digest", Value: ttlv.TextString(0, "x")}}}.Item())
	wantReason(t, err, ReasonInvalidField, `cannot match attribute "Digest"`)
	_, err = c.Do(ctx, OpRevoke, "k", ttlv.Structure(TagRequestPayload, ttlv.TextString(TagUniqueIdentifier, "k")))
	wantReason(t, err, ReasonInvalidField, "missing Revocation Reason")
}

func TestGetTransparentAndLocateLimits(t *testing.T) {
	f := startServer(t, ServerConfig{})
	c, ctx := f.client, ctxT(t)
	var ids []string
	for i := range 3 {
		id, err := c.Create(ctx, KeySpec{Name: "shared", Bits: int32(128 + 64*i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	p, err := c.Do(ctx, OpGet, ids[0], GetRequest{ID: ids[0], Format: KeyFormatTransparentSymmetricKey}.Item())
	if err != nil {
		t.Fatal(err)
	}
	gr, err := parseGetResponse(p)
	if err != nil || gr.Key.Format != KeyFormatTransparentSymmetricKey || len(gr.Key.Material) != 16 {
		t.Fatalf("%v %v", gr.Key.Format, err)
	}
	got, _ := c.LocateName(ctx, "shared")
	if !slices.Equal(got, ids) {
		t.Fatalf("Locate = %v, want %v in creation order", got, ids)
	}
	p, _ = c.Do(ctx, OpLocate, "", LocateRequest{MaxItems: 2, Attributes: []Attribute{NameAttribute("shared")}}.Item())
	if lr, _ := parseLocateResponse(p); len(lr.IDs) != 2 {
		t.Fatalf("Maximum Items 2 gave %v", lr.IDs)
	}
	if got, _ := c.Locate(ctx, LengthAttribute(192), ObjectTypeAttribute(ObjectSymmetricKey), AlgorithmAttribute(AlgorithmAES)); !slices.Equal(got, ids[1:2]) {
		t.Fatalf("Locate by length = %v", got)
	}
	if got, _ := c.Locate(ctx); len(got) != 3 {
		t.Fatalf("Locate everything = %v", got)
	}
}

func TestBadCertificates(t *testing.T) {
	f := startServer(t, ServerConfig{})
	ctx := ctxT(t)
	other := newCerts(t)

	// A client certificate from another CA: the server refuses the
	// handshake (with TLS 1.3 the client learns it on its first read).
	stranger := f.newClient(t, &Certs{Client: other.Client, CA: f.certs.CA})
	_, err := stranger.Create(ctx, KeySpec{})
	if err == nil || !strings.Contains(err.Error(), "tls:") {
		t.Fatalf("stranger's Create: %v", err)
	}
	// A client that does not trust the server's CA refuses it.
	wary := f.newClient(t, &Certs{Client: f.certs.Client, CA: other.CA})
	_, err = wary.Get(ctx, "x")
	if err == nil || !strings.Contains(err.Error(), "TLS handshake failed") || !strings.Contains(err.Error(), "unknown authority") {
		t.Fatalf("wary client's Get: %v", err)
	}
	// A TLS 1.2 client without any certificate.
	conn, err := tls.Dial("tcp", f.addr, &tls.Config{RootCAs: f.certs.ClientTLS().RootCAs, ServerName: "127.0.0.1", MaxVersion: tls.VersionTLS12})
	if err == nil {
		conn.Close()
		t.Fatal("a client without a certificate completed a TLS 1.2 handshake")
	}
	// The server is still serving.
	if _, err := f.client.Create(ctx, KeySpec{}); err != nil {
		t.Fatal(err)
	}
}

// rawConn is a TLS connection to the fixture's server for sending bytes the
// client would never send.
func rawConn(t *testing.T, f *fixture) *tls.Conn {
	t.Helper()
	conn, err := tls.Dial("tcp", f.addr, f.certs.ClientTLS())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	return conn
}

func roundTripRaw(t *testing.T, conn *tls.Conn, msg []byte) Response {
	t.Helper()
	if _, err := conn.Write(msg); err != nil {
		t.Fatal(err)
	}
	b, err := ttlv.Limits{}.ReadMessage(conn)
	if err != nil {
		t.Fatalf("no response: %v", err)
	}
	r, err := ParseResponse(decode(t, b))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestMalformedRequests(t *testing.T) {
	f := startServer(t, ServerConfig{})
	conn := rawConn(t, f)
	good := encode(t, Request{Version: DefaultVersion(), Items: []RequestBatchItem{{Operation: OpLocate, Payload: LocateRequest{}.Item()}}}.Item())
	v20 := encode(t, Request{Version: ProtocolVersion{2, 0}, Items: []RequestBatchItem{{Operation: OpLocate, Payload: LocateRequest{}.Item()}}}.Item())
	twoNoIDs := encode(t, Request{Version: DefaultVersion(), Items: []RequestBatchItem{
		{Operation: OpLocate, Payload: LocateRequest{}.Item()}, {Operation: OpLocate, Payload: LocateRequest{}.Item()}}}.Item())
	twoWithIDs := encode(t, Request{Version: DefaultVersion(), Items: []RequestBatchItem{
		{Operation: OpLocate, ID: []byte{1}, Payload: LocateRequest{}.Item()},
		{Operation: OpGet, ID: []byte{2}, Payload: GetRequest{ID: "nope"}.Item()}}}.Item())

	tests := []struct {
		name string
		msg  []byte
		want string
	}{
		// Framed correctly but the body is not TTLV.
		{"garbage body", append([]byte{0x42, 0x00, 0x78, 0x01, 0, 0, 0, 8}, 1, 2, 3, 4, 5, 6, 7, 8), "runs past the end"},
		{"unknown type", append([]byte{0x42, 0x00, 0x78, 0x01, 0, 0, 0, 8}, 0x42, 0, 0x77, 0x0C, 0, 0, 0, 0), "unknown type 0x0C"},
		{"bad padding", func() []byte {
			b := encode(t, Request{Version: DefaultVersion(), Items: []RequestBatchItem{{Operation: OpGet, Payload: GetRequest{ID: "k"}.Item()}}}.Item())
			b[len(b)-1] = 0xFF // the Unique Identifier's padding
			return b
		}(), "non-zero padding"},
		{"wrong top tag", encode(t, ttlv.Structure(TagResponseMessage)), "where Request Message was expected"},
		{"unsupported version", v20, "protocol version 2.0 is not supported"},
		{"batch without IDs", twoNoIDs, "Unique Batch Item IDs"},
	}
	for _, tc := range tests {
		r := roundTripRaw(t, conn, tc.msg)
		bi := r.Items[0]
		if bi.Status != StatusOperationFailed || bi.Reason != ReasonInvalidMessage || !strings.Contains(bi.Message, tc.want) {
			t.Fatalf("%s: got %v %v %q", tc.name, bi.Status, bi.Reason, bi.Message)
		}
	}
	// The connection is still usable, and batches are processed item by item.
	if r := roundTripRaw(t, conn, good); r.Items[0].Status != StatusSuccess {
		t.Fatalf("good request after bad ones: %+v", r.Items[0])
	}
	r := roundTripRaw(t, conn, twoWithIDs)
	if len(r.Items) != 2 || r.Items[0].Status != StatusSuccess || r.Items[1].Reason != ReasonItemNotFound || !bytes.Equal(r.Items[1].ID, []byte{2}) {
		t.Fatalf("batch of two: %+v", r.Items)
	}

	// Bytes that are not a KMIP frame at all: one error response, then
	// the server hangs up, and keeps serving others.
	r = roundTripRaw(t, conn, []byte("GET / HTTP/1.1\r\nHost: kms\r\n\r\n"))
	if r.Items[0].Reason != ReasonInvalidMessage || !strings.Contains(r.Items[0].Message, "bad message frame") {
		t.Fatalf("HTTP request: %+v", r.Items[0])
	}
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Fatal("server kept a desynchronised connection open")
	}
	huge := rawConn(t, f)
	r = roundTripRaw(t, huge, []byte{0x42, 0x00, 0x78, 0x01, 0x7F, 0xFF, 0xFF, 0xF8})
	if !strings.Contains(r.Items[0].Message, "exceeds the limit") {
		t.Fatalf("huge frame: %+v", r.Items[0])
	}
	if _, err := f.client.Create(ctxT(t), KeySpec{}); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentClients(t *testing.T) {
	f := startServer(t, ServerConfig{})
	ctx := ctxT(t)
	shared := f.client
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		c := shared
		if g%2 == 1 {
			c = f.newClient(t, f.certs)
		}
		wg.Go(func() {
			for i := range 10 {
				id, err := c.Create(ctx, KeySpec{Name: fmt.Sprintf("g%d-%d", g, i)})
				if err == nil {
					err = c.Activate(ctx, id)
				}
				var k SymmetricKey
				if err == nil {
					k, err = c.Get(ctx, id)
				}
				if err == nil && len(k.Material) != 32 {
					err = fmt.Errorf("key of %d bytes", len(k.Material))
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := len(f.srv.Objects()); n != 80 {
		t.Fatalf("%d objects, want 80", n)
	}
}

func TestReconnectAfterServerDropsIdleConnection(t *testing.T) {
	f := startServer(t, ServerConfig{IdleTimeout: 50 * time.Millisecond})
	c, ctx := f.client, ctxT(t)
	id, err := c.Create(ctx, KeySpec{})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the server closes the kept connection
	if _, err := c.Get(ctx, id); err != nil {
		t.Fatalf("Get on a fresh connection: %v", err)
	}
}

func TestShutdown(t *testing.T) {
	certs := newCerts(t)
	srv, err := NewServer(ServerConfig{TLS: certs.ServerTLS()})
	if err != nil {
		t.Fatal(err)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	c, _ := NewClient(ClientConfig{Addr: ln.Addr().String(), TLS: certs.ClientTLS(), DialTimeout: time.Second})
	defer c.Close()
	ctx := ctxT(t)
	if _, err := c.Create(ctx, KeySpec{}); err != nil { // leaves an idle connection open
		t.Fatal(err)
	}
	start := time.Now()
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Shutdown took %v with one idle connection", d)
	}
	if err := <-served; !errors.Is(err, ErrServerClosed) {
		t.Fatalf("Serve: %v", err)
	}
	var ue *UnreachableError
	if _, err := c.Create(ctx, KeySpec{}); !errors.As(err, &ue) {
		t.Fatalf("after shutdown: %v", err)
	}
	if err := srv.Serve(ln); !errors.Is(err, ErrServerClosed) {
		t.Fatalf("Serve after Shutdown: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
}

type recordStore struct {
	mu    sync.Mutex
	saved []Object
	fail  bool
}

func (s *recordStore) Save(o Object) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return errors.New("disk full")
	}
	s.saved = append(s.saved, o)
	return nil
}

func TestStore(t *testing.T) {
	preloaded := Object{ID: "old-key", Type: ObjectSymmetricKey, Algorithm: AlgorithmAES, Length: 256, State: StateActive,
		Material: bytes.Repeat([]byte{7}, 32), Names: []string{"old"}}
	store := &recordStore{}
	f := startServer(t, ServerConfig{Store: store, Objects: []Object{preloaded}})
	c, ctx := f.client, ctxT(t)
	k, err := c.Get(ctx, "old-key")
	if err != nil || !bytes.Equal(k.Material, preloaded.Material) {
		t.Fatalf("preloaded key: %v", err)
	}
	id, _ := c.Create(ctx, KeySpec{})
	_ = c.Activate(ctx, id)
	_ = c.Revoke(ctx, id, RevocationSuperseded, "")
	_ = c.Destroy(ctx, id)
	var states []State
	for _, o := range store.saved {
		states = append(states, o.State)
	}
	if !slices.Equal(states, []State{StatePreActive, StateActive, StateDeactivated, StateDestroyed}) {
		t.Fatalf("saved states %v", states)
	}
	if store.saved[0].Material == nil || store.saved[3].Material != nil {
		t.Fatal("store got the wrong material")
	}

	store.fail = true
	_, err = c.Create(ctx, KeySpec{})
	wantReason(t, err, ReasonGeneralFailure, "could not save")
	wantReason(t, c.Revoke(ctx, "old-key", RevocationSuperseded, ""), ReasonGeneralFailure)
	if o, _ := f.srv.Object("old-key"); o.State != StateActive {
		t.Fatalf("a change the store refused was kept: %v", o.State)
	}
	if n := len(f.srv.Objects()); n != 2 {
		t.Fatalf("%d objects after a failed create", n)
	}

	if _, err := NewServer(ServerConfig{TLS: f.certs.ServerTLS(), Objects: []Object{preloaded, preloaded}}); err == nil {
		t.Fatal("duplicate initial objects accepted")
	}
}

func TestClientTimeouts(t *testing.T) {
	certs := newCerts(t)
	// A server that completes TLS and then never answers.
	ln, err := tls.Listen("tcp", "127.0.0.1:0", certs.ServerTLS())
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var mu sync.Mutex
	var held []net.Conn
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, conn)
			mu.Unlock()
			go conn.(*tls.Conn).Handshake()
		}
	}()
	defer func() {
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	}()
	c, _ := NewClient(ClientConfig{Addr: ln.Addr().String(), TLS: certs.ClientTLS(), Timeout: 150 * time.Millisecond})
	defer c.Close()
	start := time.Now()
	_, err = c.Get(context.Background(), "k")
	if err == nil || !strings.Contains(err.Error(), "kmip Get k: exchange with") || time.Since(start) > 2*time.Second {
		t.Fatalf("Get against a silent server: %v after %v", err, time.Since(start))
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	c2, _ := NewClient(ClientConfig{Addr: ln.Addr().String(), TLS: certs.ClientTLS()})
	defer c2.Close()
	start = time.Now()
	if _, err := c2.Get(ctx, "k"); !errors.Is(err, context.Canceled) || time.Since(start) > 2*time.Second {
		t.Fatalf("cancelled Get: %v after %v", err, time.Since(start))
	}
}

func TestUnreachable(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	certs := newCerts(t)
	c, err := NewClient(ClientConfig{Addr: addr, TLS: certs.ClientTLS(), DialTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "k")
	var ue *UnreachableError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "key management server "+addr+" is unreachable: ") {
		t.Fatalf("Get: %v", err)
	}
	c.Close()
	if _, err := c.Get(context.Background(), "k"); !errors.Is(err, ErrClientClosed) {
		t.Fatalf("closed client: %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	certs := newCerts(t)
	for name, cfg := range map[string]ClientConfig{
		"no port":     {Addr: "kms.example", TLS: certs.ClientTLS()},
		"no TLS":      {Addr: "kms.example:5696"},
		"no cert":     {Addr: "kms.example:5696", TLS: &tls.Config{}},
		"bad version": {Addr: "kms.example:5696", TLS: certs.ClientTLS(), Version: ProtocolVersion{2, 0}},
	} {
		if _, err := NewClient(cfg); err == nil {
			t.Errorf("NewClient accepted %s", name)
		}
	}
	if _, err := NewServer(ServerConfig{}); err == nil {
		t.Error("NewServer accepted no TLS")
	}
	if _, err := NewServer(ServerConfig{TLS: &tls.Config{Certificates: []tls.Certificate{certs.Server}}}); err == nil {
		t.Error("NewServer accepted no ClientCAs")
	}
}

func TestResponseTooLarge(t *testing.T) {
	f := startServer(t, ServerConfig{MaxMessageSize: 1024})
	c, ctx := f.client, ctxT(t)
	for range 30 {
		if _, err := c.Create(ctx, KeySpec{}); err != nil {
			t.Fatal(err)
		}
	}
	// Thirty identifiers take about 1.5 KiB: the server refuses to send them.
	_, err := c.Locate(ctx)
	wantReason(t, err, ReasonResponseTooLarge, "more than this server's limit of 1024")
	// A client's own Maximum Response Size is honoured too.
	conn := rawConn(t, f)
	r := roundTripRaw(t, conn, encode(t, Request{Version: DefaultVersion(), MaxResponseSize: 256,
		Items: []RequestBatchItem{{Operation: OpLocate, Payload: LocateRequest{MaxItems: 10}.Item()}}}.Item()))
	if r.Items[0].Reason != ReasonResponseTooLarge {
		t.Fatalf("%+v", r.Items[0])
	}
}
