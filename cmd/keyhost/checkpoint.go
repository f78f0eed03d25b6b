package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// savable is what checkpoints save: a world, or a fleet of them.
type savable interface {
	Generation() uint64
	Save(path string) error
}

// defaultCheckpoint is how often `keyhost run --state` saves a world that
// changed while its script still runs.
const defaultCheckpoint = 2 * time.Second

// checkpointer saves the world to its state file in the background while a
// script runs, whenever the world changed since the last save and at most
// once per interval (longer when saves are slow: never more than a third of
// the time goes to saving). A long rekey loop that is killed then loses at
// most the last interval's changes instead of all of them.
//
// Why this is safe: each Save is a snapshot of one generation taken under
// the world's read lock, between two mutations, and written through a
// synced temporary file and a rename, so the file always holds one whole
// generation, old or new, never a torn or mixed one. The KMS of Standard
// providers (keyhost's embedded KMIP server) keeps its keys in the same
// file and the same snapshot, so its keys and the objects they wrap are
// consistent by construction: a KMIP server creates a key before the world
// commits the operation that uses it, and operations hold the world's lock
// throughout, so a snapshot may hold a key no object uses yet (a failed
// operation's), never a key reference the KMS lacks. An external KMS must
// store keys durably before it answers for the same to hold.
type checkpointer struct {
	w        savable
	path     string
	interval time.Duration
	log      io.Writer

	stop chan struct{}
	done chan struct{}
	mu   sync.Mutex
	last uint64 // generation last saved
	err  error  // first save error
}

// startCheckpoints starts saving w to path every interval while it
// changes; saved is the generation the file already holds. A zero
// interval disables checkpoints.
func startCheckpoints(w savable, path string, interval time.Duration, saved uint64, log io.Writer) *checkpointer {
	c := &checkpointer{w: w, path: path, interval: interval, log: log, stop: make(chan struct{}), done: make(chan struct{}), last: saved}
	if interval <= 0 {
		close(c.done)
		return c
	}
	go c.loop()
	return c
}

func (c *checkpointer) loop() {
	defer close(c.done)
	wait := c.interval
	for {
		select {
		case <-c.stop:
			return
		case <-time.After(wait):
		}
		gen := c.w.Generation()
		if gen == c.savedGeneration() {
			wait = c.interval
			continue
		}
		start := time.Now()
		if err := c.w.Save(c.path); err != nil {
			c.mu.Lock()
			if c.err == nil {
				c.err = err
				fmt.Fprintf(c.log, "keyhost: checkpoint: %v\n", err)
			}
			c.mu.Unlock()
		} else {
			c.mu.Lock()
			// gen may be older than what was saved (the world moved on
			// while Save waited for the lock): then the next tick saves again.
			c.last = gen
			c.mu.Unlock()
		}
		wait = max(c.interval, 2*time.Since(start))
	}
}

func (c *checkpointer) savedGeneration() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// Stop ends the checkpoints and returns the generation the file holds
// from them (the one it started with if none ran).
func (c *checkpointer) Stop() uint64 {
	select {
	case <-c.stop:
	default:
		close(c.stop)
	}
	<-c.done
	return c.savedGeneration()
}
