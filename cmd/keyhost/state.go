package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/keyhost/keyhost/engine"
)

// openWorld returns the world a command works on: the demo inventory when
// path is empty, else the state file, created from the demo when missing.
// created reports that the file did not exist yet.
func openWorld(path string) (w *engine.World, created bool, err error) {
	if path == "" {
		w, err = engine.NewDemo()
		return w, false, err
	}
	if _, statErr := os.Stat(path); errors.Is(statErr, fs.ErrNotExist) {
		w, err = engine.NewDemo()
		return w, true, err
	}
	w, err = engine.Load(path)
	return w, false, err
}

// saveWorld writes the world back to its state file, atomically.
func saveWorld(w *engine.World, path string) error {
	if err := w.Save(path); err != nil {
		return fmt.Errorf("keyhost: %w", err)
	}
	return nil
}

// worldFromFlags parses a command's flags (a --state FILE flag and the
// rest) and opens the world it names. ok is false when parsing or
// opening failed; code is then the exit code.
func (a *app) worldFromFlags(fl *flag.FlagSet, args []string) (w *engine.World, code int, ok bool) {
	fl.SetOutput(a.stderr)
	statePath := fl.String("state", "", "state `FILE` to use (default: a fresh demo inventory)")
	if err := fl.Parse(args); err != nil {
		return nil, 2, false
	}
	w, _, err := openWorld(*statePath)
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
		return nil, 1, false
	}
	return w, 0, true
}
