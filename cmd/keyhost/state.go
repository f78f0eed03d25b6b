package main

import (
	"errors"
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
