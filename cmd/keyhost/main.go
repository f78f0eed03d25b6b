// Command keyhost runs vSphere admins' PowerCLI scripts against a simulated
// vCenter that does the encryption for real.
//
//	keyhost run [--state FILE] [--no-connect] [--checkpoint DURATION] [--pace D] SCRIPT.ps1 [ARGS...]
//	keyhost run [--state FILE] [--no-connect] [--checkpoint DURATION] [--pace D] -c 'COMMANDS'
//	keyhost test [PATH...] [-Output LEVEL] [-Tag T] [-ExcludeTag T] [-CI] [--junit FILE] [--nunit FILE]
//	keyhost serve [--state FILE] [--pace D] [--listen stdio|unix:PATH|tcp:HOST:PORT] [--framing plain|lsp] [--token-file FILE] [--allow-remote]
//	keyhost verify [--state FILE]
//	keyhost inventory generate --vms N [--clusters C] [--hosts-per-cluster H] [--encrypted-fraction F] -o FILE
//	keyhost inventory demo -o FILE
//	keyhost inventory show [--state FILE]
//
// Without --state every command works on a fresh in-memory copy of the
// embedded demo inventory. The key material in a state file is sealed with
// a state key: KEYHOST_STATE_KEY, the file KEYHOST_STATE_KEY_FILE names, or
// FILE.key beside the state file (created on first save).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/term"
)

func main() {
	// SIGINT and SIGTERM stop the script at the next statement; run then
	// saves what it changed. (SIGKILL cannot be caught; checkpoints and the
	// atomic save keep the state file whole then.)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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
	environ   func() []string // KEY=value pairs; nil lists none
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
		environ:   os.Environ,
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
  keyhost run [--state FILE] [--no-connect] [--checkpoint DURATION] [--pace D] SCRIPT.ps1 [ARGS...]
  keyhost run [--state FILE] [--no-connect] [--checkpoint DURATION] [--pace D] -c 'COMMANDS'
  keyhost test [PATH...] [-Output LEVEL] [-Tag T] [-ExcludeTag T] [-CI] [--junit FILE] [--nunit FILE]
  keyhost serve [--state FILE] [--pace D] [--listen stdio|unix:PATH|tcp:HOST:PORT] [--framing plain|lsp] [--token-file FILE] [--allow-remote]
  keyhost verify [--state FILE]
  keyhost inventory generate --vms N [--clusters C] [--hosts-per-cluster H] [--encrypted-fraction F] -o FILE
  keyhost inventory demo -o FILE
  keyhost inventory show [--state FILE]

Without --state, commands work on a fresh copy of the embedded demo
inventory. With --state FILE, the world is loaded from FILE (created from
the demo when missing) and written back atomically when it changed; run
also saves a changed world every --checkpoint (default 2s) while it runs.

The keys in FILE are sealed (AES-256-GCM) with a state key: the value of
KEYHOST_STATE_KEY (64 hex digits or base64 of 32 bytes), the contents of
the file KEYHOST_STATE_KEY_FILE names (mode 0600), or else FILE.key, which
keyhost creates beside FILE on first save.
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
	case "test":
		return a.test(ctx, args[1:])
	case "serve":
		return a.serve(ctx, args[1:])
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
