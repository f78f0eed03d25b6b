package engine

import (
	"crypto/rand"
	"io"
	"time"

	"github.com/keyhost/keyhost/engine/hosttpm"
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
	// hostTPMs replaces the simulated TPM of the named hosts.
	hostTPMs map[string]hosttpm.Device
	// embeddedKMIP serves Standard providers from embedded KMIP servers.
	embeddedKMIP bool
	// vsanStep, if set, runs after each disk group a vSAN task finished
	// (tests pause tasks there to watch them mid-way).
	vsanStep func(cluster string, done, total int)
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

// WithHostTPM gives the host named host the TPM d instead of its simulated
// one: a real TPM (hosttpm.Linux("/dev/tpmrm0")) or swtpm
// (hosttpm.Socket). KDKs it sealed open only with that device; a state
// file written with another device leaves the host without its KDKs until
// vCenter pushes them again (UnlockVM).
func WithHostTPM(host string, d hosttpm.Device) Option {
	return func(c *config) {
		if c.hostTPMs == nil {
			c.hostTPMs = map[string]hosttpm.Device{}
		}
		c.hostTPMs[host] = d
	}
}

// WithEmbeddedKMIP serves every Standard key provider that has no WithKMS
// override from a KMIP server started in this process (loopback, mutual
// TLS, a throwaway PKI; StartEmbeddedKMIP), seeded with the provider's
// keys from the state file: vCenter then really speaks KMIP to its KMS.
// The servers run until World.Close. The keys they hold are what Save
// writes.
func WithEmbeddedKMIP() Option {
	return func(c *config) { c.embeddedKMIP = true }
}
