// Command keyhost runs vSphere admins' PowerCLI scripts against a simulated
// vCenter that does the encryption for real.
//
//	keyhost run [--state FILE] [--no-connect] SCRIPT.ps1 [ARGS...]
//	keyhost run [--state FILE] [--no-connect] -c 'COMMANDS'
//	keyhost verify [--state FILE]
//	keyhost inventory generate --vms N [--clusters C] [--hosts-per-cluster H] [--encrypted-fraction F] -o FILE
//	keyhost inventory demo -o FILE
//	keyhost inventory show [--state FILE]
//
// Without --state every command works on a fresh in-memory copy of the
// embedded demo inventory.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(newProcessApp().main(ctx, os.Args[1:]))
}

// app is the command's view of its process: standard streams, terminal
// facts, environment and clock. Tests build one with buffers.
type app struct {
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool
	getenv    func(string) (string, bool)
	getwd     func() (string, error)
	now       func() time.Time
}

// newProcessApp wires an app to the real process.
func newProcessApp() *app {
	return &app{
		stdin:     os.Stdin,
		stdout:    os.Stdout,
		stderr:    os.Stderr,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
		getenv:    os.LookupEnv,
		getwd:     os.Getwd,
		now:       time.Now,
	}
}

// isTerminal reports whether f is a terminal. (A character-device check
// is not enough: /dev/null is one too.)
func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

const usage = `keyhost: run PowerCLI encryption scripts against a simulated vCenter.

Usage:
  keyhost run [--state FILE] [--no-connect] SCRIPT.ps1 [ARGS...]
  keyhost run [--state FILE] [--no-connect] -c 'COMMANDS'
  keyhost verify [--state FILE]
  keyhost inventory generate --vms N [--clusters C] [--hosts-per-cluster H] [--encrypted-fraction F] -o FILE
  keyhost inventory demo -o FILE
  keyhost inventory show [--state FILE]

Without --state, commands work on a fresh copy of the embedded demo
inventory. With --state FILE, the world is loaded from FILE (created from
the demo when missing) and written back atomically when it changed.
`

// main dispatches a command line and returns the exit code.
func (a *app) main(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.stderr, usage)
		return 2
	}
	switch args[0] {
	case "run":
		return a.run(ctx, args[1:])
	case "verify":
		return a.verify(args[1:])
	case "inventory":
		return a.inventory(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(a.stdout, usage)
		return 0
	}
	fmt.Fprintf(a.stderr, "keyhost: unknown command %q\n\n%s", args[0], usage)
	return 2
}
