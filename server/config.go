package server

import (
	"errors"
	"io"
	"time"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// Config configures a Server. Zero fields get the defaults below.
type Config struct {
	// World is the simulated vCenter sessions start connected to.
	// Required unless Fleet is set.
	World *engine.World
	// Fleet, when set, holds every vCenter sessions can reach (a
	// Connect-VIServer to another demo vCenter adds it, for every
	// session); World is then its primary.
	Fleet *engine.Fleet
	// Framing delimits messages on every connection (default plain).
	Framing Framing
	// MaxMessageBytes bounds one request; larger ones are answered with
	// an error and skipped (default 16 MiB).
	MaxMessageBytes int
	// MessageTimeout bounds how long a request may take to arrive once
	// its first byte has (network connections only; default 30s).
	MessageTimeout time.Duration
	// WriteTimeout bounds how long a client may take to accept a
	// response before the connection is closed (network connections
	// only; default 60s).
	WriteTimeout time.Duration
	// AuthTimeout is how long a connection that must authenticate has to
	// send keyhost.hello with its token (default 10s).
	AuthTimeout time.Duration
	// MaxConnections bounds concurrent connections (default 64).
	MaxConnections int
	// MaxQueued bounds the requests waiting on one connection (default
	// 64); more are answered with a "busy" error.
	MaxQueued int
	// Save writes the world to its state file, for state.save; nil means
	// the server has no state file.
	Save func() (SaveResult, error)
	// Version is the keyhost version keyhost.hello reports.
	Version string
	// Logf logs connection events and protocol errors; nil discards them.
	Logf func(format string, args ...any)

	// The sessions' interpreter host: clock, file system, environment
	// and working directory (nil: the interpreter's harmless defaults).
	// Sessions never read standard input (prompts fail as under pwsh
	// -NonInteractive) and their console output is captured per call.
	Now     func() time.Time
	FS      eval.FileSystem
	Getenv  func(string) (string, bool)
	Environ func() []string
	Getwd   func() (string, error)
}

// SaveResult reports a state.save.
type SaveResult struct {
	// Path is the state file.
	Path string `json:"path"`
	// Generation is the world generation the file now holds.
	Generation uint64 `json:"generation"`
	// Saved is false when the file already held that generation.
	Saved bool `json:"saved"`
}

// Defaults.
const (
	DefaultMaxMessageBytes = 16 << 20
	defaultMessageTimeout  = 30 * time.Second
	defaultWriteTimeout    = 60 * time.Second
	defaultAuthTimeout     = 10 * time.Second
	defaultMaxConnections  = 64
	defaultMaxQueued       = 64
)

// withDefaults checks c and fills its zero fields.
func (c Config) withDefaults() (Config, error) {
	if c.Fleet != nil {
		c.World = c.Fleet.Primary()
	}
	if c.World == nil {
		return c, errors.New("server: a world is required")
	}
	if c.Fleet == nil {
		// One fleet for all sessions, so that a vCenter one of them
		// connects to is the same for all.
		c.Fleet = engine.NewFleet(c.World)
	}
	if c.MaxMessageBytes <= 0 {
		c.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if c.MessageTimeout <= 0 {
		c.MessageTimeout = defaultMessageTimeout
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = defaultWriteTimeout
	}
	if c.AuthTimeout <= 0 {
		c.AuthTimeout = defaultAuthTimeout
	}
	if c.MaxConnections <= 0 {
		c.MaxConnections = defaultMaxConnections
	}
	if c.MaxQueued <= 0 {
		c.MaxQueued = defaultMaxQueued
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	if c.Version == "" {
		c.Version = "dev"
	}
	return c, nil
}

// newRunner returns a session's interpreter and its PowerCLI session,
// connected to the primary vCenter when connect is set.
func (c Config) newRunner(h *eval.Host, connect bool) (*eval.Runner, *cmdlets.Session) {
	return cmdlets.NewFleetRunner(c.Fleet, h, connect)
}

// sessionHost returns the interpreter host of a new session.
func (c Config) sessionHost() *eval.Host {
	return &eval.Host{
		Stdout:  io.Discard,
		Stderr:  io.Discard,
		Now:     c.Now,
		FS:      c.FS,
		Getenv:  c.Getenv,
		Environ: c.Environ,
		Getwd:   c.Getwd,
	}
}
