package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/format"
)

// NewRunner returns an interpreter with PowerShell's own cmdlets and the
// PowerCLI cmdlets on world w (a fleet of one, which grows when a script
// connects to another demo vCenter). When connect is set the session
// starts connected to the world's vCenter, as if Connect-VIServer had run
// (the FAQ scripts never connect themselves).
func NewRunner(w *engine.World, h *eval.Host, connect bool) (*eval.Runner, *Session) {
	return NewFleetRunner(engine.NewFleet(w), h, connect)
}

// NewFleetRunner is NewRunner on the vCenters of f; the session starts
// connected to f's primary vCenter when connect is set.
func NewFleetRunner(f *engine.Fleet, h *eval.Host, connect bool) (*eval.Runner, *Session) {
	table := eval.NewCommandTable()
	builtin.Register(table)
	formats := format.NewRegistry()
	s := NewFleetSession(f)
	Register(table, formats, s)
	r := eval.New(eval.WithHost(h), eval.WithCommands(table), eval.WithFormats(formats))
	if connect {
		s.Connect(r)
	}
	return r, s
}
