package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/keyhost/keyhost/server"
)

// stateSaver keeps a served world's state file up to date: checkpoints
// while the world changes (checkpointer, as keyhost run), a save on each
// state.save, and a last one when the server stops. Every save is atomic
// (a whole generation, old or new). Explicit saves stop the checkpointer
// first and restart it after, so that a checkpoint that took its snapshot
// earlier can never be renamed over a newer explicit save.
type stateSaver struct {
	w        savable
	path     string
	interval time.Duration
	log      io.Writer

	mu      sync.Mutex
	cp      *checkpointer
	saved   uint64 // the generation the file holds
	created bool   // the file does not exist yet
}

// newStateSaver starts checkpoints of w (a world or a fleet) to path;
// created says the file
// does not exist yet (it is written at the latest when the server stops).
func newStateSaver(w savable, path string, interval time.Duration, created bool, log io.Writer) *stateSaver {
	gen := w.Generation()
	return &stateSaver{
		w: w, path: path, interval: interval, log: log,
		cp: startCheckpoints(w, path, interval, gen, log), saved: gen, created: created,
	}
}

// save answers state.save: it writes the world when the file does not
// hold its current generation.
func (s *stateSaver) save() (server.SaveResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = max(s.saved, s.cp.Stop())
	defer func() { s.cp = startCheckpoints(s.w, s.path, s.interval, s.saved, s.log) }()
	gen := s.w.Generation()
	res := server.SaveResult{Path: s.path, Generation: gen}
	if gen == s.saved && !s.created {
		return res, nil
	}
	if err := s.w.Save(s.path); err != nil {
		return res, fmt.Errorf("keyhost serve: %w", err)
	}
	s.saved, s.created, res.Saved = gen, false, true
	return res, nil
}

// finish stops the checkpoints and saves what they have not.
func (s *stateSaver) finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = max(s.saved, s.cp.Stop())
	if s.w.Generation() == s.saved && !s.created {
		return nil
	}
	if err := s.w.Save(s.path); err != nil {
		return fmt.Errorf("keyhost serve: final save: %w", err)
	}
	return nil
}
