package kmip

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// fixture is an embedded server on a loopback port and a client for it.
type fixture struct {
	certs  *Certs
	srv    *Server
	addr   string
	client *Client
}

func newCerts(t testing.TB) *Certs {
	t.Helper()
	c, err := NewCerts(CertOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// startServer starts a server with cfg (its TLS filled in) and stops it when
// the test ends, checking that Serve returned ErrServerClosed.
func startServer(t testing.TB, cfg ServerConfig) *fixture {
	t.Helper()
	f := &fixture{certs: newCerts(t)}
	cfg.TLS = f.certs.ServerTLS()
	srv, err := NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	f.srv, f.addr = srv, ln.Addr().String()
	f.client = f.newClient(t, f.certs)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if err := <-served; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v", err)
		}
	})
	return f
}

// newClient returns a client for the fixture's server presenting certs'
// client certificate and trusting certs' CA.
func (f *fixture) newClient(t testing.TB, certs *Certs) *Client {
	t.Helper()
	c, err := NewClient(ClientConfig{Addr: f.addr, TLS: certs.ClientTLS(), DialTimeout: 5 * time.Second, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// wantReason checks that err is a KMIP failure with the given reason and
// that its text contains each of the fragments.
func wantReason(t testing.TB, err error, reason ResultReason, fragments ...string) {
	t.Helper()
	var ke *Error
	if !errors.As(err, &ke) || ke.Reason != reason {
		t.Fatalf("error = %v, want a KMIP %v", err, reason)
	}
	for _, s := range fragments {
		if !strings.Contains(err.Error(), s) {
			t.Fatalf("error %q does not contain %q", err, s)
		}
	}
}
