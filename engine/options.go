package engine

import (
	"crypto/rand"
	"io"
	"time"
)

// Option configures a World when it is created (NewDemo, Generate,
// NewFromInventory, Load).
type Option func(*config)

type config struct {
	now  func() time.Time
	rand io.Reader
	kms  map[string]KMS
	// stateKey seals the state file's key material; nil means the key
	// file beside the state file (see StateKey).
	stateKey *StateKey
}

func newConfig(opts []Option) config {
	c := config{now: time.Now, rand: rand.Reader}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// WithClock makes the world read time from now (snapshot creation, save
// time); tests use a fixed clock.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithRandom makes the world draw every key, UUID and DEK from r instead of
// crypto/rand. Tests pass a seeded reader for determinism, or a failing one to
// exercise atomicity. Never use anything but crypto/rand outside tests.
func WithRandom(r io.Reader) Option {
	return func(c *config) {
		if r != nil {
			c.rand = r
		}
	}
}

// WithKMS serves the Standard key provider named provider from k instead of
// the in-process KMS kept in the state file (for a KMIP client, or a failing
// KMS in tests). Keys k creates live in k, not in the state file.
func WithKMS(provider string, k KMS) Option {
	return func(c *config) {
		if c.kms == nil {
			c.kms = map[string]KMS{}
		}
		c.kms[provider] = k
	}
}
