package engine

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Fleet is the set of vCenters one keyhost run can reach, each a World:
// the primary one (the state file's own vCenter, the one keyhost's commands
// start connected to) and the others a script connected to or the state
// file holds. A real admin's key-provider migration often spans vCenters
// (export a Native Key Provider from one, import it into another); a Fleet
// lets Connect-VIServer reach a second vCenter and saves every vCenter in
// one state file (fleet_persist.go).
//
// Besides the worlds it holds, a Fleet knows the demo vCenters by name
// (DemoVCenterNames) and builds one the first time a script connects to
// it, with fresh keys, as if it had always been there. All methods are
// safe for concurrent use.
type Fleet struct {
	mu     sync.Mutex
	worlds []*World
	// added counts worlds added since the fleet was made or loaded, so a
	// vCenter created on demand counts as a change to save.
	added uint64
	// opts configure the demo vCenters built on demand (clock, randomness,
	// state key, embedded KMIP), as the primary world's were.
	opts []Option
	// pace is the work pace given to every world, also those added later
	// (SetWorkPace).
	pace time.Duration
}

// SetWorkPace sets the work pace (World.SetWorkPace) of every world of
// the fleet, and of the worlds added to it later.
func (f *Fleet) SetWorkPace(perGiB time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pace = perGiB
	for _, w := range f.worlds {
		w.SetWorkPace(perGiB)
	}
}

// NewFleet returns a fleet of one world, primary. opts configure the demo
// vCenters the fleet builds on demand; pass the options primary was built
// with.
func NewFleet(primary *World, opts ...Option) *Fleet {
	return &Fleet{worlds: []*World{primary}, opts: opts}
}

// Primary returns the fleet's first world, the state file's own vCenter.
func (f *Fleet) Primary() *World {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.worlds[0]
}

// Worlds returns the fleet's worlds, the primary first.
func (f *Fleet) Worlds() []*World {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*World(nil), f.worlds...)
}

// Find returns the world whose vCenter is called name: its full name or
// its first DNS label ("vcsa02" for "vcsa02.lab.local"), in any case; nil
// when the fleet holds none.
func (f *Fleet) Find(name string) *World {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.findLocked(name)
}

func (f *Fleet) findLocked(name string) *World {
	for _, w := range f.worlds {
		if vcenterNamed(w.VCenter().Name, name) {
			return w
		}
	}
	return nil
}

// vcenterNamed reports whether name names the vCenter called full.
func vcenterNamed(full, name string) bool {
	if strings.EqualFold(full, name) {
		return true
	}
	short, _, _ := strings.Cut(full, ".")
	return strings.EqualFold(short, name)
}

// Add adds a world; its vCenter's name and instance UUID must be new to
// the fleet.
func (f *Fleet) Add(w *World) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.addLocked(w)
}

func (f *Fleet) addLocked(w *World) error {
	vc := w.VCenter()
	for _, o := range f.worlds {
		ov := o.VCenter()
		if strings.EqualFold(ov.Name, vc.Name) || ov.InstanceUUID == vc.InstanceUUID {
			return fmt.Errorf("fleet: vCenter %s (%s) is already in the fleet", vc.Name, vc.InstanceUUID)
		}
	}
	if f.pace > 0 {
		w.SetWorkPace(f.pace)
	}
	f.worlds = append(f.worlds, w)
	f.added++
	return nil
}

// ErrUnknownVCenter reports a vCenter name the fleet neither holds nor
// can build.
var ErrUnknownVCenter = errors.New("unknown vCenter")

// Open returns the world named name (see Find), building a demo vCenter of
// that name on demand. A name that is neither gives an error wrapping
// ErrUnknownVCenter.
func (f *Fleet) Open(name string) (*World, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if w := f.findLocked(name); w != nil {
		return w, nil
	}
	inv, ok := demoVCenterInventory(name)
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownVCenter, name)
	}
	w, err := NewFromInventory(inv, f.opts...)
	if err != nil {
		return nil, fmt.Errorf("build vCenter %s: %w", inv.VCenter.Name, err)
	}
	if err := f.addLocked(w); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// Generation counts the fleet's changes: every world's mutations and the
// worlds added. A caller saves when it moved.
func (f *Fleet) Generation() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.added
	for _, w := range f.worlds {
		n += w.Generation()
	}
	return n
}

// Close closes every world (see World.Close).
func (f *Fleet) Close() error {
	var errs []error
	for _, w := range f.Worlds() {
		if err := w.Close(); err != nil {
			errs = append(errs, fmt.Errorf("vCenter %s: %w", w.VCenter().Name, err))
		}
	}
	return errors.Join(errs...)
}
