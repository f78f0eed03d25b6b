package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/format"
)

// NewRunner returns an interpreter with PowerShell's own cmdlets and the
// PowerCLI cmdlets on world w. When connect is set the session starts
// connected to the world's vCenter, as if Connect-VIServer had run (the FAQ
// scripts never connect themselves).
func NewRunner(w *engine.World, h *eval.Host, connect bool) (*eval.Runner, *Session) {
	table := eval.NewCommandTable()
	builtin.Register(table)
	formats := format.NewRegistry()
	s := NewSession(w)
	Register(table, formats, s)
	r := eval.New(eval.WithHost(h), eval.WithCommands(table), eval.WithFormats(formats))
	if connect {
		s.Connect(r)
	}
	return r, s
}
