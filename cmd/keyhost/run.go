package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/ps/eval"
)

// run implements `keyhost run`: a script file (like pwsh -File) or a
// command string (-c, like pwsh -Command) on the world, which is saved back
// when the script changed it, also when it then failed: changes that
// happened are real, as they would be on a vCenter. While the script runs,
// a changed world is also saved every --checkpoint interval (see
// checkpointer), so killing a long script loses little and corrupts
// nothing.
func (a *app) run(ctx context.Context, args []string) int {
	fl := flag.NewFlagSet("keyhost run", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	statePath := fl.String("state", "", "state `FILE` to load and save (default: a fresh demo inventory)")
	command := fl.String("c", "", "run `COMMANDS` instead of a script file")
	noConnect := fl.Bool("no-connect", false, "start disconnected ($DefaultVIServer unset)")
	checkpoint := fl.Duration("checkpoint", defaultCheckpoint, "with --state, save a changed world this often while the script runs (0: only at the end)")
	pace := fl.Duration("pace", defaultPace, "simulated time per GiB an operation rewrites (deep rekeys, encryption), so tasks can be watched (0: none)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	rest := fl.Args()
	if *command == "" && len(rest) == 0 {
		fmt.Fprintln(a.stderr, "keyhost run: a script file or -c COMMANDS is required")
		return 2
	}
	if *command == "" {
		if _, err := os.Stat(rest[0]); err != nil {
			// pwsh's wording and exit code for -File naming no script.
			fmt.Fprintf(a.stderr, "The argument '%s' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n", rest[0])
			return 64
		}
	}
	w, created, err := a.openFleet(*statePath)
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
		return 1
	}
	defer w.Close() // after the last save: the embedded KMS's keys are saved from it
	w.SetWorkPace(*pace)
	before := w.Generation()
	var cp *checkpointer
	if *statePath != "" {
		cp = startCheckpoints(w, *statePath, *checkpoint, before, a.stderr)
	}
	r, session := cmdlets.NewFleetRunner(w, a.host(), !*noConnect)
	var res eval.Result
	if *command != "" {
		res = r.RunCommand(ctx, "<command>", *command)
	} else {
		res = r.RunFile(ctx, rest[0], rest[1:])
	}
	// Tasks started with -RunAsync go on when the script ends without
	// waiting for them, as on a vCenter; their changes are saved too.
	session.WaitTasks()
	if *statePath == "" {
		return res.ExitCode
	}
	// saved is the generation the file holds: the loaded one, or the last
	// checkpoint's. A created file holds nothing until the first save.
	saved := cp.Stop()
	if w.Generation() != saved || (created && saved == before && res.ExitCode == 0) {
		if err := w.Save(*statePath); err != nil {
			fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
			return 1
		}
	}
	return res.ExitCode
}

// defaultPace is keyhost run's simulated time per GiB rewritten: a deep
// rekey of the demo's 12 TB vSAN cluster takes about 3 seconds.
const defaultPace = 250 * time.Microsecond

// host builds the interpreter's host from the process: colours only on a
// terminal (and never with NO_COLOR), answers echoed when they are piped in.
func (a *app) host() *eval.Host {
	_, noColor := a.getenv("NO_COLOR")
	return &eval.Host{
		Stdin:       a.stdin,
		Stdout:      a.stdout,
		Stderr:      a.stderr,
		Color:       a.stdoutTTY && !noColor,
		ErrorColor:  a.stderrTTY && !noColor,
		EchoAnswers: !a.stdinTTY,
		Now:         a.now,
		FS:          eval.OSFileSystem{},
		Getenv:      a.getenv,
		Environ:     a.environ,
		Getwd:       a.getwd,
	}
}
