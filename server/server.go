package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

// Server serves keyhost's cmdlets over JSON-RPC 2.0 to any number of
// connections at once. Each connection is a session with its own
// interpreter (its own global variables, $Error and functions) on the
// shared world; the calls of one connection run one at a time, in the
// order they arrived, and calls of different connections run
// concurrently. The world serialises its own mutations, each of which is
// atomic, so concurrent calls on different objects proceed in parallel
// and no call ever sees half of another's change.
type Server struct {
	cfg     Config
	catalog *catalog

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool
	wg       sync.WaitGroup
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	cat, err := newCatalog(cfg)
	if err != nil {
		return nil, err
	}
	return &Server{cfg: cfg, catalog: cat, sessions: map[*session]struct{}{}}, nil
}

// ServeConn serves one connection (a socket, or stdin and stdout) until
// the client goes away or ctx ends. token, when not nil, is the bearer
// token the client must present in keyhost.hello before anything else.
// ServeConn returns once the connection's last call has finished: a
// client that disconnects mid-call cancels the rest of its script, but
// the engine operation in progress completes (or fails) whole.
func (s *Server) ServeConn(ctx context.Context, rwc io.ReadWriteCloser, token []byte) error {
	sess, err := s.open(ctx, token)
	if err != nil {
		st := newStream(rwc, s.streamOptions())
		_ = st.writeRaw(errorResponse(nil, rpcError(CodeBusy, nil, "%v", err)))
		rwc.Close()
		return err
	}
	defer s.close(sess)
	return sess.serve(rwc)
}

// Serve accepts connections on l until ctx ends or l fails, serving each
// with ServeConn; token as there. It closes l and, before returning,
// waits for every connection it accepted to end.
func (s *Server) Serve(ctx context.Context, l net.Listener, token []byte) error {
	var conns sync.WaitGroup
	defer conns.Wait()
	defer l.Close() // also when Accept failed for good; a socket file is gone on return
	stop := context.AfterFunc(ctx, func() { l.Close() })
	defer stop()
	backoff := 5 * time.Millisecond
	for {
		c, err := l.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return nil
			}
			// Temporary failures (too many open files) must not end the
			// server: wait a little and go on.
			s.cfg.Logf("keyhost serve: accept: %v", err)
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				return nil
			}
			backoff = min(2*backoff, time.Second)
			continue
		}
		backoff = 5 * time.Millisecond
		conns.Add(1)
		go func() {
			defer conns.Done()
			if err := s.ServeConn(ctx, c, token); err != nil {
				s.cfg.Logf("keyhost serve: %s: %v", c.RemoteAddr(), err)
			}
		}()
	}
}

// Shutdown cancels every session (their running scripts stop at the next
// statement) and waits until all have ended. New connections are refused
// from then on.
func (s *Server) Shutdown() {
	s.mu.Lock()
	s.closing = true
	for sess := range s.sessions {
		sess.cancel()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// open registers a new session, refusing it when the server is stopping
// or full.
func (s *Server) open(ctx context.Context, token []byte) (*session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return nil, errors.New("the server is shutting down")
	}
	if len(s.sessions) >= s.cfg.MaxConnections {
		return nil, fmt.Errorf("too many connections (the limit is %d)", s.cfg.MaxConnections)
	}
	sess := newSession(ctx, s, token)
	s.sessions[sess] = struct{}{}
	s.wg.Add(1)
	return sess, nil
}

// close unregisters a session that has ended.
func (s *Server) close(sess *session) {
	s.mu.Lock()
	delete(s.sessions, sess)
	s.mu.Unlock()
	s.wg.Done()
}

// streamOptions are the stream settings of every connection.
func (s *Server) streamOptions() streamOptions {
	return streamOptions{
		framing:      s.cfg.Framing,
		maxMessage:   s.cfg.MaxMessageBytes,
		msgTimeout:   s.cfg.MessageTimeout,
		writeTimeout: s.cfg.WriteTimeout,
		rejected: func(code int64, msg string) {
			s.cfg.Logf("keyhost serve: rejected a message (%d): %s", code, msg)
		},
	}
}

// logger adapts Logf for jsonrpc2.
type logger struct{ logf func(string, ...any) }

// Printf implements jsonrpc2.Logger.
func (l logger) Printf(format string, args ...any) { l.logf(format, args...) }

var _ jsonrpc2.Logger = logger{}
