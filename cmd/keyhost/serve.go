package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/server"
)

// serve implements `keyhost serve`: the world, served over JSON-RPC 2.0
// (see server/PROTOCOL.md) to the pwsh module shim and other clients,
// until the client of a stdio server goes away or SIGINT/SIGTERM arrives.
// With --state the world is saved as keyhost run saves it: checkpoints
// while it changes, on state.save, and at the end; each save atomic.
func (a *app) serve(ctx context.Context, args []string) int {
	fl := flag.NewFlagSet("keyhost serve", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	statePath := fl.String("state", "", "state `FILE` to load and save (default: a fresh demo inventory)")
	listen := fl.String("listen", "stdio", "where to serve: stdio, unix:`PATH` or tcp:HOST:PORT")
	framing := fl.String("framing", "plain", "message framing: plain (one JSON object per line) or lsp (Content-Length headers)")
	tokenFile := fl.String("token-file", "", "`FILE` holding the bearer token clients send in keyhost.hello (required for tcp)")
	allowRemote := fl.Bool("allow-remote", false, "allow a tcp address that is not loopback")
	checkpoint := fl.Duration("checkpoint", defaultCheckpoint, "with --state, save a changed world this often (0: only on state.save and at the end)")
	maxMessage := fl.Int("max-message", server.DefaultMaxMessageBytes, "largest request accepted, in bytes")
	pace := fl.Duration("pace", defaultPace, "simulated time per GiB an operation rewrites (deep rekeys, encryption), so -RunAsync tasks can be watched (0: none)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(a.stderr, "keyhost serve: unexpected argument %q\n", fl.Arg(0))
		return 2
	}
	addr, err := server.ParseAddress(*listen)
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost serve: %v\n", err)
		return 2
	}
	fr, err := server.ParseFraming(*framing)
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost serve: %v\n", err)
		return 2
	}
	var token []byte
	switch {
	case *tokenFile != "":
		if token, err = server.LoadToken(*tokenFile); err != nil {
			fmt.Fprintf(a.stderr, "keyhost serve: %v\n", err)
			return 1
		}
	case addr.Network == "tcp":
		fmt.Fprintln(a.stderr, "keyhost serve: a tcp address needs --token-file (a bearer token clients must present)")
		return 2
	}

	// The state file's vCenters (one, or several when a script connected
	// to another), shared by every client.
	f, created, err := a.openFleet(*statePath)
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
		return 1
	}
	defer f.Close() // after the last save: the embedded KMS's keys are saved from it
	f.SetWorkPace(*pace)
	var saver *stateSaver
	var save func() (server.SaveResult, error)
	if *statePath != "" {
		saver = newStateSaver(f, *statePath, *checkpoint, created, a.stderr)
		save = saver.save
	}
	srv, err := server.New(server.Config{
		Fleet:           f,
		Framing:         fr,
		MaxMessageBytes: *maxMessage,
		Save:            save,
		Version:         keyhostVersion(),
		Logf:            func(format string, args ...any) { fmt.Fprintf(a.stderr, format+"\n", args...) },
		Now:             a.now,
		FS:              eval.OSFileSystem{},
		Getenv:          a.scriptGetenv,
		// The Env: drive lists only what Getenv answers: no state key.
		Environ: a.environ,
		Getwd:   a.getwd,
	})
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost serve: %v\n", err)
		return 1
	}

	code := 0
	if addr.Network == "stdio" {
		// The client started this process: it speaks on our stdin and
		// stdout, and ends the session by closing stdin.
		err = srv.ServeConn(ctx, stdioConn{r: a.stdinOrEmpty(), w: a.stdout}, token)
	} else {
		l, lerr := server.Listen(addr, *allowRemote)
		if lerr != nil {
			fmt.Fprintf(a.stderr, "keyhost serve: %v\n", lerr)
			code = 1
		} else {
			fmt.Fprintf(a.stderr, "keyhost serve: listening on %s (%s framing)\n", addr, fr)
			err = srv.Serve(ctx, l, token)
		}
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost serve: %v\n", err)
		code = 1
	}
	// Every call has finished (a disconnected client's script was
	// cancelled between statements); now the final save.
	srv.Shutdown()
	if saver != nil {
		if err := saver.finish(); err != nil {
			fmt.Fprintln(a.stderr, err)
			return 1
		}
	}
	return code
}

// stdioConn is the connection of a server started by its client.
type stdioConn struct {
	r io.Reader
	w io.Writer
}

// Read implements io.Reader.
func (c stdioConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// Write implements io.Writer.
func (c stdioConn) Write(p []byte) (int, error) { return c.w.Write(p) }

// Close implements io.Closer; the process's streams stay open until it
// exits.
func (c stdioConn) Close() error { return nil }

// stdinOrEmpty is the app's stdin, or an empty one.
func (a *app) stdinOrEmpty() io.Reader {
	if a.stdin == nil {
		return strings.NewReader("")
	}
	return a.stdin
}

// scriptGetenv is the environment served scripts see: the process's,
// without the state key, which a client has no business reading.
func (a *app) scriptGetenv(name string) (string, bool) {
	if isStateKeyVar(name) {
		return "", false
	}
	return a.getenv(name)
}

// isStateKeyVar reports the variables that name the state key.
func isStateKeyVar(name string) bool {
	return strings.EqualFold(name, envStateKey) || strings.EqualFold(name, envStateKeyFile)
}

// keyhostVersion is the module version keyhost was built from, as
// keyhost.hello reports it.
func keyhostVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
