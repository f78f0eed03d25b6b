package engine

import "fmt"

// FaultPoint names a place in an operation where a test can make it fail
// (InjectFault).
type FaultPoint string

// Fault points.
const (
	// FaultShallowRecryptLink fails a VM's shallow recrypt after the given
	// number of links of its disk chains were rewrapped (the objects
	// themselves first, then their snapshot links from the newest
	// snapshot to the oldest). The links already rewrapped keep the new
	// KEK: this is the one partial operation vSphere documents.
	FaultShallowRecryptLink FaultPoint = "shallow-recrypt-link"
	// FaultVsanDiskGroup fails a vSAN encryption task after the given
	// number of disk groups; the task then changes nothing.
	FaultVsanDiskGroup FaultPoint = "vsan-disk-group"
)

// injected holds armed faults: point to the number of steps that succeed
// first. Each fires once.
type injected struct {
	armed map[FaultPoint]int
}

// InjectFault arms a one-shot fault at point: the next operation that
// reaches point fails after `after` steps succeeded there. It is not a
// state change.
func (w *World) InjectFault(point FaultPoint, after int) error {
	if after < 0 {
		return fmt.Errorf("inject fault %s: negative step count %d", point, after)
	}
	switch point {
	case FaultShallowRecryptLink, FaultVsanDiskGroup:
	default:
		return fmt.Errorf("inject fault: unknown fault point %q", point)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.inject.armed == nil {
		w.inject.armed = map[FaultPoint]int{}
	}
	w.inject.armed[point] = after
	return nil
}

// fire reports whether a fault is armed at point and, if so, after how
// many steps; it disarms it. Callers hold the write lock.
func (w *World) fire(point FaultPoint) (after int, armed bool) {
	after, armed = w.inject.armed[point]
	if armed {
		delete(w.inject.armed, point)
	}
	return after, armed
}

// errInjected is the cause of a failure InjectFault caused.
type errInjected struct {
	point FaultPoint
	after int
}

func (e *errInjected) Error() string {
	return fmt.Sprintf("injected fault %s after %d steps", e.point, e.after)
}
