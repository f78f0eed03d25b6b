package kmip

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"syscall"
	"time"

	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// Client defaults.
const (
	DefaultPort        = "5696"
	DefaultDialTimeout = 10 * time.Second
	DefaultTimeout     = 30 * time.Second
	// maxIdleConns is how many connections a Client keeps open between
	// requests: one per concurrent caller, up to this many.
	maxIdleConns = 4
)

// ClientConfig configures a Client.
type ClientConfig struct {
	// Addr is the server's host:port.
	Addr string
	// TLS holds the client certificate (Certificates) and the CAs trusted
	// to sign the server's (RootCAs). ServerName defaults to Addr's host.
	// Versions below TLS 1.2 are never used.
	TLS *tls.Config
	// DialTimeout bounds the TCP connection and TLS handshake
	// (DefaultDialTimeout if 0).
	DialTimeout time.Duration
	// Timeout bounds one request's round trip, on top of the context's
	// deadline (DefaultTimeout if 0).
	Timeout time.Duration
	// Version is the protocol version requests carry (DefaultVersion if
	// zero). Responses in any version from 1.0 to 1.4 are accepted.
	Version ProtocolVersion
	// MaxMessageSize bounds a response (ttlv.DefaultMaxSize if 0).
	MaxMessageSize int
}

// Client is a KMIP 1.x client over mutual TLS. It keeps connections open
// between requests and reconnects when one has failed. It is safe for
// concurrent use; each request has a connection to itself.
type Client struct {
	cfg ClientConfig
	tls *tls.Config
	lim ttlv.Limits

	mu     sync.Mutex
	idle   []net.Conn
	closed bool
}

// ErrClientClosed is returned by requests on a closed Client.
var ErrClientClosed = errors.New("kmip: client is closed")

// UnreachableError reports a server the client could not connect to.
type UnreachableError struct {
	Addr string
	Err  error
}

// Error formats as "key management server kms.example:5696 is unreachable:
// <cause>".
func (e *UnreachableError) Error() string {
	return fmt.Sprintf("key management server %s is unreachable: %v", e.Addr, e.Err)
}

// Unwrap returns the dial error.
func (e *UnreachableError) Unwrap() error { return e.Err }

// NewClient checks cfg and returns a client. It does not connect: the first
// request does.
func NewClient(cfg ClientConfig) (*Client, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("kmip client: server address %q: %w", cfg.Addr, err)
	}
	if cfg.TLS == nil || len(cfg.TLS.Certificates) == 0 && cfg.TLS.GetClientCertificate == nil {
		return nil, errors.New("kmip client: a TLS configuration with a client certificate is required")
	}
	if cfg.DialTimeout <= 0 {
		cfg.DialTimeout = DefaultDialTimeout
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Version == (ProtocolVersion{}) {
		cfg.Version = DefaultVersion()
	}
	if !cfg.Version.Supported() {
		return nil, fmt.Errorf("kmip client: protocol version %v is not supported", cfg.Version)
	}
	tc := cfg.TLS.Clone()
	if tc.MinVersion < tls.VersionTLS12 {
		tc.MinVersion = tls.VersionTLS12
	}
	if tc.ServerName == "" {
		tc.ServerName = host
	}
	return &Client{cfg: cfg, tls: tc, lim: ttlv.Limits{MaxSize: cfg.MaxMessageSize}}, nil
}

// Addr returns the server address the client talks to.
func (c *Client) Addr() string { return c.cfg.Addr }

// Close closes the client's idle connections; requests under way finish
// and then close theirs.
func (c *Client) Close() error {
	c.mu.Lock()
	idle := c.idle
	c.idle, c.closed = nil, true
	c.mu.Unlock()
	for _, conn := range idle {
		conn.Close()
	}
	return nil
}

// getConn returns an idle connection (reused=true) or a new one.
func (c *Client) getConn(ctx context.Context) (conn net.Conn, reused bool, err error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, false, ErrClientClosed
	}
	if n := len(c.idle); n > 0 {
		conn = c.idle[n-1]
		c.idle = c.idle[:n-1]
		c.mu.Unlock()
		return conn, true, nil
	}
	c.mu.Unlock()
	conn, err = c.dial(ctx)
	return conn, false, err
}

func (c *Client) putConn(conn net.Conn) {
	c.mu.Lock()
	if c.closed || len(c.idle) >= maxIdleConns {
		c.mu.Unlock()
		conn.Close()
		return
	}
	c.idle = append(c.idle, conn)
	c.mu.Unlock()
}

// dial connects and completes the TLS handshake within DialTimeout. The two
// steps are separate so that a server that cannot be reached and one that
// refuses our certificate give different errors.
func (c *Client) dial(ctx context.Context) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.DialTimeout)
	defer cancel()
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", c.cfg.Addr)
	if err != nil {
		return nil, &UnreachableError{Addr: c.cfg.Addr, Err: err}
	}
	conn := tls.Client(raw, c.tls)
	if err := conn.HandshakeContext(ctx); err != nil {
		raw.Close()
		if ctx.Err() != nil {
			// A server that accepts TCP but never answers the handshake
			// is as unusable as one that cannot be reached.
			return nil, &UnreachableError{Addr: c.cfg.Addr, Err: fmt.Errorf("TLS handshake timed out: %w", err)}
		}
		return nil, fmt.Errorf("key management server %s: TLS handshake failed: %w", c.cfg.Addr, err)
	}
	return conn, nil
}

// exchange writes one request and reads one response on conn, within the
// request timeout and the context.
func (c *Client) exchange(ctx context.Context, conn net.Conn, req []byte) ([]byte, error) {
	deadline := time.Now().Add(c.cfg.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := conn.SetDeadline(deadline); err != nil {
		return nil, err
	}
	// Cancelling the context unblocks the read or write at once.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if _, err := conn.Write(req); err != nil {
		return nil, err
	}
	return c.lim.ReadMessage(conn)
}

// staleConn reports an error that shows a kept-open connection had been
// closed by the server (PyKMIP, for one, drops sessions idle for 10 s)
// before it read our request, so sending it again on a new connection is
// safe.
func staleConn(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// Do sends one operation with its Request Payload and returns the Response
// Payload. A failed operation gives an *Error; id, when not empty, names the
// object in errors.
func (c *Client) Do(ctx context.Context, op Operation, id string, payload ttlv.Item) (ttlv.Item, error) {
	fail := func(format string, a ...any) error {
		ctxt := "kmip " + op.String()
		if id != "" {
			ctxt += " " + id
		}
		return fmt.Errorf("%s: "+format, append([]any{ctxt}, a...)...)
	}
	req := Request{Version: c.cfg.Version, Items: []RequestBatchItem{{Operation: op, Payload: payload}}}
	wire, err := ttlv.Encode(req.Item())
	if err != nil {
		return ttlv.Item{}, fail("encoding the request: %v", err)
	}
	var raw []byte
	for attempt := 0; ; attempt++ {
		conn, reused, err := c.getConn(ctx)
		if err != nil {
			return ttlv.Item{}, fail("%w", err)
		}
		raw, err = c.exchange(ctx, conn, wire)
		if err == nil {
			if ctx.Err() != nil {
				// The cancellation hook may have fired and may yet expire
				// the connection's deadline: do not hand it to another
				// request.
				conn.Close()
			} else {
				c.putConn(conn)
			}
			break
		}
		conn.Close()
		if reused && attempt == 0 && staleConn(err) && ctx.Err() == nil {
			continue
		}
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return ttlv.Item{}, fail("exchange with %s failed: %w", c.cfg.Addr, err)
	}
	it, err := c.lim.Decode(raw)
	if err != nil {
		return ttlv.Item{}, fail("undecodable response: %v", err)
	}
	resp, err := ParseResponse(it)
	if err != nil {
		return ttlv.Item{}, fail("malformed response: %v", err)
	}
	if !resp.Version.Supported() {
		return ttlv.Item{}, fail("server answered in unsupported protocol version %v", resp.Version)
	}
	if len(resp.Items) != 1 {
		return ttlv.Item{}, fail("response holds %d batch items, want 1", len(resp.Items))
	}
	bi := resp.Items[0]
	if bi.Status != StatusSuccess {
		return ttlv.Item{}, &Error{Operation: op, ID: id, Status: bi.Status, Reason: bi.Reason, Message: bi.Message}
	}
	if bi.Operation != op {
		return ttlv.Item{}, fail("response is for operation %v", bi.Operation)
	}
	if bi.Payload.Tag == 0 {
		return ttlv.Item{}, fail("successful response has no payload")
	}
	return bi.Payload, nil
}

// KeySpec describes a symmetric key to create.
type KeySpec struct {
	// Name, if set, becomes the key's Name attribute (for Locate).
	Name string
	// Bits is the AES key length (256 if 0).
	Bits int32
	// Usage is the Cryptographic Usage Mask (UsageKEK if 0).
	Usage UsageMask
}

// Create creates an AES key on the server and returns its Unique
// Identifier. The key starts Pre-Active: Activate it before use.
func (c *Client) Create(ctx context.Context, spec KeySpec) (string, error) {
	if spec.Bits == 0 {
		spec.Bits = 256
	}
	if spec.Usage == 0 {
		spec.Usage = UsageKEK
	}
	attrs := []Attribute{AlgorithmAttribute(AlgorithmAES), LengthAttribute(spec.Bits), UsageMaskAttribute(spec.Usage)}
	if spec.Name != "" {
		attrs = append(attrs, NameAttribute(spec.Name))
	}
	p, err := c.Do(ctx, OpCreate, "", CreateRequest{ObjectType: ObjectSymmetricKey, Attributes: attrs}.Item())
	if err != nil {
		return "", err
	}
	r, err := parseCreateResponse(p)
	if err != nil {
		return "", fmt.Errorf("kmip Create: malformed response: %w", err)
	}
	if r.ID == "" {
		return "", errors.New("kmip Create: server returned an empty Unique Identifier")
	}
	return r.ID, nil
}

// simple runs an operation whose request and response payloads are just the
// Unique Identifier, checking that the server answered for the same object.
func (c *Client) simple(ctx context.Context, op Operation, id string, p ttlv.Item) error {
	resp, err := c.Do(ctx, op, id, p)
	if err != nil {
		return err
	}
	got, err := parseUID(resp)
	if err != nil {
		return fmt.Errorf("kmip %v %s: malformed response: %w", op, id, err)
	}
	if got != id {
		return fmt.Errorf("kmip %v %s: server answered for object %s", op, id, got)
	}
	return nil
}

// Activate moves a Pre-Active object to Active.
func (c *Client) Activate(ctx context.Context, id string) error {
	return c.simple(ctx, OpActivate, id, uidPayload(TagRequestPayload, id))
}

// Destroy destroys an object's key material. Servers refuse to destroy
// Active objects: Revoke first.
func (c *Client) Destroy(ctx context.Context, id string) error {
	return c.simple(ctx, OpDestroy, id, uidPayload(TagRequestPayload, id))
}

// Revoke revokes an object: Active to Deactivated, or to Compromised for
// RevocationKeyCompromise and RevocationCACompromise (dated now).
func (c *Client) Revoke(ctx context.Context, id string, reason RevocationReasonCode, message string) error {
	r := RevokeRequest{ID: id, Reason: reason, Message: message}
	if reason == RevocationKeyCompromise || reason == RevocationCACompromise {
		r.CompromiseOccurred = time.Now()
	}
	return c.simple(ctx, OpRevoke, id, r.Item())
}

// Get returns a symmetric key. The caller owns Material and should wipe it
// when done.
func (c *Client) Get(ctx context.Context, id string) (SymmetricKey, error) {
	p, err := c.Do(ctx, OpGet, id, GetRequest{ID: id}.Item())
	if err != nil {
		return SymmetricKey{}, err
	}
	r, err := parseGetResponse(p)
	if err != nil {
		return SymmetricKey{}, fmt.Errorf("kmip Get %s: malformed response: %w", id, err)
	}
	if r.ID != id {
		return SymmetricKey{}, fmt.Errorf("kmip Get %s: server answered for object %s", id, r.ID)
	}
	return r.Key, nil
}

// Locate returns the Unique Identifiers of the objects matching every
// attribute given.
func (c *Client) Locate(ctx context.Context, attrs ...Attribute) ([]string, error) {
	p, err := c.Do(ctx, OpLocate, "", LocateRequest{Attributes: attrs}.Item())
	if err != nil {
		return nil, err
	}
	r, err := parseLocateResponse(p)
	if err != nil {
		return nil, fmt.Errorf("kmip Locate: malformed response: %w", err)
	}
	return r.IDs, nil
}

// LocateName returns the Unique Identifiers of the objects with the given
// Name.
func (c *Client) LocateName(ctx context.Context, name string) ([]string, error) {
	return c.Locate(ctx, NameAttribute(name))
}
