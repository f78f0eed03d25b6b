package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/keyhost/keyhost/engine"
)

// The environment variables that name the state key (see engine.StateKey).
const (
	envStateKey     = "KEYHOST_STATE_KEY"
	envStateKeyFile = "KEYHOST_STATE_KEY_FILE"
)

// stateOptions returns the engine options of the command's worlds: the
// Standard providers' KMS is a KMIP server embedded in the process
// (engine.WithEmbeddedKMIP: vCenter really speaks KMIP over mutual TLS on
// loopback), and the state key is the one the environment names:
// KEYHOST_STATE_KEY (64 hex digits or base64 of 32 bytes) or
// KEYHOST_STATE_KEY_FILE (a private file holding the same). With neither,
// the engine keeps the key in FILE.key beside the state file. Worlds opened
// with these options must be closed (World.Close).
func (a *app) stateOptions() ([]engine.Option, error) {
	opts := []engine.Option{engine.WithEmbeddedKMIP()}
	text, _ := a.getenv(envStateKey)
	file, _ := a.getenv(envStateKeyFile)
	var k engine.StateKey
	var err error
	switch {
	case text != "" && file != "":
		return nil, fmt.Errorf("set %s or %s, not both", envStateKey, envStateKeyFile)
	case text != "":
		k, err = engine.ParseStateKey(text, envStateKey)
	case file != "":
		k, err = engine.ReadStateKeyFile(file)
		if err != nil {
			err = fmt.Errorf("%s: %w", envStateKeyFile, err)
		}
	default:
		return opts, nil
	}
	if err != nil {
		return nil, err
	}
	return append(opts, engine.WithStateKey(k)), nil
}

// openFleet returns the vCenters a command works on: the demo inventory
// when path is empty, else the state file's vCenters (one, or several when
// a script connected to another), created from the demo when the file is
// missing. created reports that the file did not exist yet.
func (a *app) openFleet(path string) (f *engine.Fleet, created bool, err error) {
	opts, err := a.stateOptions()
	if err != nil {
		return nil, false, err
	}
	if path != "" {
		if _, statErr := os.Stat(path); statErr == nil {
			f, err = engine.LoadFleet(path, opts...)
			return f, false, withKeyHint(err)
		} else if !errors.Is(statErr, fs.ErrNotExist) {
			return nil, false, statErr
		}
		created = true
	}
	w, err := engine.NewDemo(opts...)
	if err != nil {
		return nil, false, err
	}
	return engine.NewFleet(w, opts...), created, nil
}

// withKeyHint adds where keyhost looks for the state key to key errors.
func withKeyHint(err error) error {
	if errors.Is(err, engine.ErrNoStateKey) || errors.Is(err, engine.ErrWrongStateKey) {
		return fmt.Errorf("%w\n(keyhost takes the state key from %s, from the file %s names, or from FILE.key beside the state file)", err, envStateKey, envStateKeyFile)
	}
	return err
}

// saveFleet writes the vCenters back to their state file, atomically.
func saveFleet(f *engine.Fleet, path string) error {
	if err := f.Save(path); err != nil {
		return fmt.Errorf("keyhost: %w", err)
	}
	return nil
}

// saveWorld writes the world back to its state file, atomically.
func saveWorld(w *engine.World, path string) error {
	if err := w.Save(path); err != nil {
		return fmt.Errorf("keyhost: %w", err)
	}
	return nil
}

// fleetFromFlags parses a command's flags (a --state FILE flag and the
// rest) and opens the vCenters it names (every one the state file holds),
// which the caller closes. ok is false when parsing or opening failed;
// code is then the exit code.
func (a *app) fleetFromFlags(fl *flag.FlagSet, args []string) (f *engine.Fleet, code int, ok bool) {
	fl.SetOutput(a.stderr)
	statePath := fl.String("state", "", "state `FILE` to use (default: a fresh demo inventory)")
	if err := fl.Parse(args); err != nil {
		return nil, 2, false
	}
	f, _, err := a.openFleet(*statePath)
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
		return nil, 1, false
	}
	return f, 0, true
}
