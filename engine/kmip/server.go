package kmip

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// Server defaults.
const (
	DefaultIdleTimeout      = 5 * time.Minute
	DefaultHandshakeTimeout = 10 * time.Second
	// maxBatchItems bounds the work one request message can ask for.
	maxBatchItems = 64
)

// ServerConfig configures an embedded KMIP server.
type ServerConfig struct {
	// TLS holds the server certificate (Certificates) and the CAs whose
	// client certificates are accepted (ClientCAs); both are required.
	// Client certificates are always required and verified, and versions
	// below TLS 1.2 are never used.
	TLS *tls.Config
	// Store, if set, saves every change to an object; see Store.
	Store Store
	// Objects are loaded at start, for example from the engine's state.
	Objects []Object
	// Now is the clock (time.Now if nil).
	Now func() time.Time
	// Rand is the source of identifiers and keys (crypto/rand if nil); the
	// server reads it under its lock.
	Rand io.Reader
	// MaxMessageSize bounds a request (ttlv.DefaultMaxSize if 0).
	MaxMessageSize int
	// IdleTimeout closes connections idle this long (DefaultIdleTimeout
	// if 0).
	IdleTimeout time.Duration
	// Logger receives one line per request and per connection problem; key
	// material is never logged. Nil discards.
	Logger *slog.Logger
}

// Server is an embedded KMIP 1.x server: Create, Activate, Get, Locate,
// Revoke and Destroy of AES keys held in memory (and saved through a Store),
// over mutual TLS. It serves many connections at once; requests on one
// connection are answered in order.
type Server struct {
	cfg  ServerConfig
	tls  *tls.Config
	lim  ttlv.Limits
	log  *slog.Logger
	now  func() time.Time
	rand io.Reader

	mu      sync.Mutex // guards objects and order
	objects map[string]*Object
	order   []string // identifiers in creation order, for Locate

	closing   atomic.Bool
	connMu    sync.Mutex // guards listeners and conns
	listeners map[net.Listener]struct{}
	conns     map[net.Conn]struct{}
	wg        sync.WaitGroup
}

// ErrServerClosed is returned by Serve after Shutdown or Close.
var ErrServerClosed = errors.New("kmip: server closed")

// NewServer checks cfg and returns a server holding cfg.Objects.
func NewServer(cfg ServerConfig) (*Server, error) {
	if cfg.TLS == nil || len(cfg.TLS.Certificates) == 0 && cfg.TLS.GetCertificate == nil {
		return nil, errors.New("kmip server: a TLS configuration with a server certificate is required")
	}
	if cfg.TLS.ClientCAs == nil {
		return nil, errors.New("kmip server: ClientCAs is required: clients must present certificates")
	}
	tc := cfg.TLS.Clone()
	tc.ClientAuth = tls.RequireAndVerifyClientCert
	if tc.MinVersion < tls.VersionTLS12 {
		tc.MinVersion = tls.VersionTLS12
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	s := &Server{
		cfg: cfg, tls: tc, lim: ttlv.Limits{MaxSize: cfg.MaxMessageSize},
		log: cfg.Logger, now: cfg.Now, rand: cfg.Rand,
		objects:   map[string]*Object{},
		listeners: map[net.Listener]struct{}{},
		conns:     map[net.Conn]struct{}{},
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.rand == nil {
		s.rand = rand.Reader
	}
	for _, o := range cfg.Objects {
		if o.ID == "" {
			return nil, errors.New("kmip server: an initial object has no identifier")
		}
		if _, dup := s.objects[o.ID]; dup {
			return nil, fmt.Errorf("kmip server: initial object %s appears twice", o.ID)
		}
		c := o.Clone()
		s.objects[o.ID] = &c
		s.order = append(s.order, o.ID)
	}
	return s, nil
}

// Objects returns a copy of every object, in creation order.
func (s *Server) Objects() []Object {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Object, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.objects[id].Clone())
	}
	return out
}

// Object returns a copy of one object.
func (s *Server) Object(id string) (Object, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.objects[id]
	if !ok {
		return Object{}, false
	}
	return o.Clone(), true
}

// ListenAndServe listens on the TCP address addr and serves; see Serve.
func (s *Server) ListenAndServe(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("kmip server: %w", err)
	}
	return s.Serve(ln)
}

// Serve accepts connections on ln, which must be a plain TCP listener (the
// server adds TLS), until Shutdown or Close, and then returns
// ErrServerClosed. ln is closed on return.
func (s *Server) Serve(ln net.Listener) error {
	if !s.track(ln, nil) {
		ln.Close()
		return ErrServerClosed
	}
	defer s.untrack(ln, nil)
	defer ln.Close()
	var backoff time.Duration
	for {
		raw, err := ln.Accept()
		if err != nil {
			if s.closing.Load() {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				// Out of file descriptors and the like: wait and go on,
				// as net/http does.
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				time.Sleep(backoff)
				continue
			}
			return fmt.Errorf("kmip server: accept: %w", err)
		}
		backoff = 0
		conn := tls.Server(raw, s.tls)
		if !s.track(nil, conn) {
			conn.Close()
			return ErrServerClosed
		}
		go s.serveConn(conn)
	}
}

// track registers a listener or connection, unless the server is closing.
func (s *Server) track(ln net.Listener, c net.Conn) bool {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	if s.closing.Load() {
		return false
	}
	if ln != nil {
		s.listeners[ln] = struct{}{}
	}
	if c != nil {
		s.conns[c] = struct{}{}
		s.wg.Add(1)
	}
	return true
}

func (s *Server) untrack(ln net.Listener, c net.Conn) {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	if ln != nil {
		delete(s.listeners, ln)
	}
	if c != nil {
		delete(s.conns, c)
		s.wg.Done()
	}
}

// Shutdown stops accepting, lets requests under way finish, closes idle
// connections, and waits for all connections to end or ctx to expire (then
// it closes the rest and returns ctx's error).
func (s *Server) Shutdown(ctx context.Context) error {
	s.connMu.Lock()
	s.closing.Store(true)
	for ln := range s.listeners {
		ln.Close()
	}
	// A connection waiting for its next request wakes up and ends; one
	// handling a request ends after answering (serveConn checks closing).
	for c := range s.conns {
		c.SetReadDeadline(time.Unix(1, 0))
	}
	s.connMu.Unlock()

	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.connMu.Lock()
		for c := range s.conns {
			c.Close()
		}
		s.connMu.Unlock()
		<-done
		return ctx.Err()
	}
}

// Close stops the server at once, closing every connection.
func (s *Server) Close() error {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Shutdown(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

func (s *Server) serveConn(conn *tls.Conn) {
	defer s.untrack(nil, conn)
	defer conn.Close()
	remote := conn.RemoteAddr().String()
	hctx, cancel := context.WithTimeout(context.Background(), DefaultHandshakeTimeout)
	err := conn.HandshakeContext(hctx)
	cancel()
	if err != nil {
		s.log.Info("kmip TLS handshake refused", "remote", remote, "err", err)
		return
	}
	for {
		if err := conn.SetReadDeadline(time.Now().Add(s.cfg.IdleTimeout)); err != nil {
			return
		}
		// Checked after setting the deadline: Shutdown sets closing before
		// it expires deadlines, so either we see closing here or our read
		// is interrupted.
		if s.closing.Load() {
			return
		}
		msg, err := s.lim.ReadMessage(conn)
		if err != nil {
			if errors.Is(err, ttlv.ErrFrame) {
				// The stream is out of step: answer once, then hang up.
				s.log.Info("kmip bad message frame", "remote", remote, "err", err)
				s.reply(conn, errorResponse(DefaultVersion(), s.now(), ReasonInvalidMessage, err.Error()))
			} else if !errors.Is(err, io.EOF) && !s.closing.Load() {
				s.log.Debug("kmip connection ended", "remote", remote, "err", err)
			}
			return
		}
		resp := s.handle(msg, remote)
		kcrypto.Wipe(msg)
		if err := s.reply(conn, resp); err != nil {
			s.log.Info("kmip reply failed", "remote", remote, "err", err)
			return
		}
	}
}

// reply writes one encoded response and wipes it, since a Get response
// holds key material.
func (s *Server) reply(conn net.Conn, resp []byte) error {
	defer kcrypto.Wipe(resp)
	if err := conn.SetWriteDeadline(time.Now().Add(DefaultTimeout)); err != nil {
		return err
	}
	_, err := conn.Write(resp)
	return err
}

// handle answers one request message. It never fails: whatever is wrong
// with the request becomes a KMIP error response.
func (s *Server) handle(msg []byte, remote string) []byte {
	it, err := s.lim.Decode(msg)
	if err != nil {
		s.log.Info("kmip undecodable request", "remote", remote, "err", err)
		return errorResponse(DefaultVersion(), s.now(), ReasonInvalidMessage, err.Error())
	}
	req, err := ParseRequest(it)
	if err != nil {
		s.log.Info("kmip malformed request", "remote", remote, "err", err)
		return errorResponse(DefaultVersion(), s.now(), ReasonInvalidMessage, err.Error())
	}
	if !req.Version.Supported() {
		return errorResponse(DefaultVersion(), s.now(), ReasonInvalidMessage,
			fmt.Sprintf("protocol version %v is not supported; this server speaks 1.0 to 1.4", req.Version))
	}
	if len(req.Items) > maxBatchItems {
		return errorResponse(req.Version, s.now(), ReasonInvalidMessage,
			fmt.Sprintf("%d batch items, more than the %d this server accepts", len(req.Items), maxBatchItems))
	}
	if len(req.Items) > 1 {
		for _, bi := range req.Items {
			if len(bi.ID) == 0 {
				return errorResponse(req.Version, s.now(), ReasonInvalidMessage, "a batch of several items needs Unique Batch Item IDs")
			}
		}
	}
	resp := Response{Version: req.Version, TimeStamp: s.now()}
	// Items are processed one after the other and independently (the
	// Continue option); keyhost's client sends one item per message.
	for _, bi := range req.Items {
		out := ResponseBatchItem{Operation: bi.Operation, ID: bi.ID}
		payload, e := s.process(bi)
		if e != nil {
			out.Status, out.Reason, out.Message = StatusOperationFailed, e.Reason, e.Message
			s.log.Info("kmip request failed", "remote", remote, "op", bi.Operation.String(), "reason", e.Reason.String(), "msg", e.Message)
		} else {
			out.Status, out.Payload = StatusSuccess, payload
			s.log.Debug("kmip request", "remote", remote, "op", bi.Operation.String())
		}
		resp.Items = append(resp.Items, out)
	}
	wire, err := ttlv.Encode(resp.Item())
	if err != nil {
		s.log.Error("kmip cannot encode a response", "err", err)
		return errorResponse(req.Version, s.now(), ReasonGeneralFailure, "the server could not encode its response")
	}
	// A Locate over many objects can outgrow what a client will read
	// (DefaultMaxSize by default, as here): refuse rather than send it.
	if limit := cmp.Or(s.cfg.MaxMessageSize, ttlv.DefaultMaxSize); len(wire) > limit {
		kcrypto.Wipe(wire)
		return errorResponse(req.Version, s.now(), ReasonResponseTooLarge,
			fmt.Sprintf("the response would be %d bytes, more than this server's limit of %d", len(wire), limit))
	}
	if req.MaxResponseSize > 0 && len(wire) > int(req.MaxResponseSize) {
		kcrypto.Wipe(wire)
		return errorResponse(req.Version, s.now(), ReasonResponseTooLarge,
			fmt.Sprintf("the response is larger than the Maximum Response Size of %d", req.MaxResponseSize))
	}
	return wire
}

// errorResponse is a response to a message the server could not process: a
// single failed batch item without an operation, as KMIP specifies for
// message-level errors.
func errorResponse(v ProtocolVersion, now time.Time, reason ResultReason, msg string) []byte {
	r := Response{Version: v, TimeStamp: now, Items: []ResponseBatchItem{{
		Status: StatusOperationFailed, Reason: reason, Message: msg,
	}}}
	wire, err := ttlv.Encode(r.Item())
	if err != nil {
		// Only an invalid UTF-8 message could fail, and every message here
		// is built from valid strings; drop the text rather than fail.
		r.Items[0].Message = ""
		wire, _ = ttlv.Encode(r.Item())
	}
	return wire
}
