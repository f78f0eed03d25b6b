package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// The automatic enumerators $foreach and $switch (about_Automatic_Variables):
// inside a foreach loop, $foreach is the loop's enumerator, and inside a
// switch, $switch is the switch's; calling MoveNext() on it skips
// elements, the loop going on from where the enumerator is
// (switch ($args) { '-Name' { [void]$switch.MoveNext(); $name = $switch.Current } }).

// loopEnumerator is what a loop iterates and exposes as $foreach or
// $switch.
type loopEnumerator interface {
	value.Object
	// next advances to the next element; ok is false at the end.
	next() (item any, ok bool)
}

// next implements loopEnumerator for the enumerator of a collection.
func (e *enumerator) next() (any, bool) {
	if e.pos >= len(e.items) {
		e.pos = len(e.items) + 1
		return nil, false
	}
	e.pos++
	return e.items[e.pos-1], true
}

// rangeEnumerator enumerates lo..hi without building the array.
type rangeEnumerator struct {
	lo, hi, cur int64
	step        int64
	state       int // 0 before the first element, 1 on one, 2 past the end
}

func newRangeEnumerator(lo, hi int64) *rangeEnumerator {
	step := int64(1)
	if hi < lo {
		step = -1
	}
	return &rangeEnumerator{lo: lo, hi: hi, step: step}
}

func (e *rangeEnumerator) next() (any, bool) {
	switch e.state {
	case 0:
		e.cur, e.state = e.lo, 1
	case 1:
		if e.cur == e.hi {
			e.state = 2
			return nil, false
		}
		e.cur += e.step
	default:
		return nil, false
	}
	return widen(e.cur, false, 0), true
}

// TypeNames implements value.Object.
func (e *rangeEnumerator) TypeNames() []string {
	return []string{"System.Collections.IEnumerator", "System.Object"}
}

// PropertyNames implements value.Object.
func (e *rangeEnumerator) PropertyNames() []string { return []string{"Current"} }

// Property implements value.Object.
func (e *rangeEnumerator) Property(name string) (any, bool) {
	if !strings.EqualFold(name, "Current") {
		return nil, false
	}
	if e.state != 1 {
		return nil, true
	}
	return widen(e.cur, false, 0), true
}

// CallMethod implements MoveNext and Reset.
func (e *rangeEnumerator) CallMethod(name string, _ []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "movenext":
		_, ok := e.next()
		return ok, true, nil
	case "reset":
		e.state = 0
		return value.AutomationNull, true, nil
	}
	return nil, false, nil
}
