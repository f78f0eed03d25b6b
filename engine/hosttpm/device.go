package hosttpm

import (
	"errors"
	"fmt"

	gtsim "github.com/google/go-tpm-tools/simulator"
	"github.com/google/go-tpm/tpm2/transport"
)

// Device is one TPM 2.0. Open starts a session the caller must close; a
// device may be opened again after that (a simulated one is then the same
// chip, rebooted).
type Device interface {
	Open() (transport.TPMCloser, error)
	// String names the device for messages; it never reveals a secret
	// (a simulator's seed is one).
	String() string
}

// ErrUnavailable wraps every failure to open a device, so callers can tell
// a missing or unusable TPM from a TPM that refused a command.
var ErrUnavailable = errors.New("TPM unavailable")

// Simulator returns the in-process simulated TPM whose hierarchy seeds
// derive from seed. Two simulators with the same seed are the same chip:
// a blob one sealed, the other unseals; any other seed fails to load it
// (TPM_RC_INTEGRITY). The seed is the chip's identity: keep it as secret as
// what the chip seals.
func Simulator(seed int64) Device { return simulated{seed: seed} }

type simulated struct{ seed int64 }

func (s simulated) Open() (transport.TPMCloser, error) {
	// GetWithFixedSeedInsecure takes go-tpm-tools' process-wide lock and
	// holds it until Close (see the package documentation).
	sim, err := gtsim.GetWithFixedSeedInsecure(s.seed)
	if err != nil {
		return nil, fmt.Errorf("%w: simulated TPM: %v", ErrUnavailable, err)
	}
	return transport.FromReadWriteCloser(sim), nil
}

func (simulated) String() string { return "simulated TPM 2.0" }

// Format implements fmt.Formatter, so not even %#v shows the seed.
func (s simulated) Format(f fmt.State, _ rune) { fmt.Fprint(f, s.String()) }
