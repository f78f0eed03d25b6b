//go:build !windows

package hosttpm

import (
	"fmt"

	"github.com/google/go-tpm/tpm2/transport"
	"github.com/google/go-tpm/tpm2/transport/linuxtpm"
	"github.com/google/go-tpm/tpm2/transport/linuxudstpm"
)

// Linux returns the TPM behind a Linux device file; use "/dev/tpmrm0",
// the kernel's resource manager, rather than "/dev/tpm0". Opening it needs
// root or membership of the tss group. Secrets it seals open only on this
// machine's TPM.
func Linux(path string) Device { return linuxDevice{path: path} }

type linuxDevice struct{ path string }

func (d linuxDevice) Open() (transport.TPMCloser, error) {
	t, err := linuxtpm.Open(d.path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnavailable, d.path, err)
	}
	return t, nil
}

func (d linuxDevice) String() string { return "TPM " + d.path }

// Socket returns a TPM emulator listening on a Unix socket, such as swtpm
// started with `swtpm socket --tpm2 --server type=unixio,path=PATH ...
// --flags not-need-init,startup-clear`. It needs no cgo; swtpm keeps its
// state in its own directory, so restarting it is a reboot of the chip.
func Socket(path string) Device { return socketDevice{path: path} }

type socketDevice struct{ path string }

func (d socketDevice) Open() (transport.TPMCloser, error) {
	t, err := linuxudstpm.Open(d.path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnavailable, d.path, err)
	}
	return t, nil
}

func (d socketDevice) String() string { return "TPM emulator at " + d.path }
