package eval

import (
	"strings"
	"time"

	"github.com/keyhost/keyhost/ps/value"
)

// [System.Diagnostics.Stopwatch]: scripts time their steps with it
// ($sw = [Diagnostics.Stopwatch]::StartNew(); ... $sw.Elapsed). It reads
// the host's clock, so tests with a fixed clock see no time pass.

func init() {
	registerType(&psType{Name: "System.Diagnostics.Stopwatch",
		New: func(f *frame, _ []any) (any, error) { return &stopwatch{now: f.r.host.Now}, nil },
		StaticMethod: func(f *frame, name string, args []any) (any, bool, error) {
			switch strings.ToLower(name) {
			case "startnew":
				sw := &stopwatch{now: f.r.host.Now}
				sw.start()
				return sw, true, nil
			case "gettimestamp":
				return f.r.host.Now().UnixNano() / 100, true, nil
			}
			return nil, false, nil
		},
		StaticProperty: func(_ *frame, name string) (any, bool) {
			switch strings.ToLower(name) {
			case "frequency":
				return int64(10_000_000), true // ticks of 100 ns
			case "ishighresolution":
				return true, true
			}
			return nil, false
		},
	}, "diagnostics.stopwatch")
}

// stopwatch is a System.Diagnostics.Stopwatch.
type stopwatch struct {
	now     func() time.Time
	started time.Time
	running bool
	elapsed time.Duration // accumulated while stopped
}

func (s *stopwatch) start() {
	if !s.running {
		s.started, s.running = s.now(), true
	}
}

func (s *stopwatch) total() time.Duration {
	if s.running {
		return s.elapsed + s.now().Sub(s.started)
	}
	return s.elapsed
}

// TypeNames implements value.Object.
func (s *stopwatch) TypeNames() []string {
	return []string{"System.Diagnostics.Stopwatch", "System.Object"}
}

// PropertyNames implements value.Object.
func (s *stopwatch) PropertyNames() []string {
	return []string{"IsRunning", "Elapsed", "ElapsedMilliseconds", "ElapsedTicks"}
}

// Property implements value.Object.
func (s *stopwatch) Property(name string) (any, bool) {
	d := s.total()
	switch strings.ToLower(name) {
	case "isrunning":
		return s.running, true
	case "elapsed":
		return value.TimeSpan(d / 100), true
	case "elapsedmilliseconds":
		return d.Milliseconds(), true
	case "elapsedticks":
		return int64(d / 100), true
	}
	return nil, false
}

// CallMethod implements the stopwatch's methods.
func (s *stopwatch) CallMethod(name string, _ []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "start":
		s.start()
	case "stop":
		if s.running {
			s.elapsed += s.now().Sub(s.started)
			s.running = false
		}
	case "reset":
		s.elapsed, s.running = 0, false
	case "restart":
		s.elapsed, s.running = 0, false
		s.start()
	case "tostring":
		return "System.Diagnostics.Stopwatch", true, nil
	default:
		return nil, false, nil
	}
	return value.AutomationNull, true, nil
}

// String is the stopwatch's ToString().
func (s *stopwatch) String() string { return "System.Diagnostics.Stopwatch" }
