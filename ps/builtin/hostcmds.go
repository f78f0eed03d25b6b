package builtin

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// hostCmdlets are the host-related cmdlets of Microsoft.PowerShell.Utility
// and Microsoft.PowerShell.Host: Measure-Command, Start-Transcript,
// Stop-Transcript, Clear-Host, Get-Unique, Get-Culture, Get-UICulture and
// Get-Host.
var hostCmdlets = []func() *eval.CommandInfo{measureCommand, startTranscript, stopTranscript, clearHost, getUnique, getCulture, getUICulture, getHost}

// hostAliases are the aliases of hostCmdlets. clear is an alias only on
// Windows in pwsh (elsewhere it is the native clear); keyhost has no
// native commands, so it is an alias here too.
var hostAliases = map[string]string{
	"cls":   "Clear-Host",
	"clear": "Clear-Host",
	"gu":    "Get-Unique",
}

const hostModule = "Microsoft.PowerShell.Host"

// measureCommand is Measure-Command: runs a script block (once per
// pipeline object, with $_ set to it, or once without input) in the
// caller's scope, as pwsh does, discards what it writes, and returns the
// time it took as a System.TimeSpan. The time is read from the host's
// clock, so a host with a fixed clock measures zero.
func measureCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Measure-Command",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.MeasureCommandCommand",
		Synopsis:         "Measures the time it takes to run script blocks and cmdlets.",
		OutputType:       []string{"System.TimeSpan"},
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}},
			{Name: "Expression", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}}},
		},
		New: func() eval.Processor { return &commandTimer{} },
	}
}

type commandTimer struct{ elapsed value.TimeSpan }

func (m *commandTimer) Begin(*eval.Call) error { return nil }

func (m *commandTimer) Process(c *eval.Call) error {
	sb, _ := c.Value("Expression").(*eval.ScriptBlock)
	if sb == nil {
		return nil
	}
	in, has := c.Input()
	if !has {
		in = c.Value("InputObject")
	}
	start := c.Now()
	_, err := c.InvokeScript(sb, in)
	m.elapsed += value.TimeSpan(c.Now().Sub(start).Nanoseconds() / 100)
	return err
}

func (m *commandTimer) End(c *eval.Call) error { return c.WriteObject(m.elapsed) }

// clearHost is Clear-Host (aliases cls, clear). pwsh defines it as a
// function that clears the console; keyhost's writes the ANSI sequences
// clear(1) writes on an xterm (home, erase screen, erase scrollback) when
// the host is a terminal (its Color flag) and nothing otherwise.
func clearHost() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "Clear-Host",
		Module:   coreModule,
		Synopsis: "Clears the display in the host program.",
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if c.HostColor() {
					_, _ = c.HostWriter().Write([]byte(clearScreen))
				}
				return nil
			})
		},
	}
}

const clearScreen = "\x1b[H\x1b[2J\x1b[3J"

// getUnique is Get-Unique (alias gu): passes on each object that differs
// from the last one it passed on, so that sorted input comes out without
// duplicates. Objects compare as Sort-Object compares them, -AsString by
// their string (ordinally), -OnType by type name; all case-sensitively
// unless -CaseInsensitive.
func getUnique() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Unique",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.GetUniqueCommand",
		Synopsis:            "Returns unique items from a sorted list.",
		DefaultParameterSet: "AsString",
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}},
			{Name: "AsString", Switch: true, Sets: []eval.ParameterSet{{Name: "AsString", Position: -1}}},
			{Name: "OnType", Switch: true, Sets: []eval.ParameterSet{{Name: "UniqueByType", Position: -1}}},
			{Name: "CaseInsensitive", Switch: true},
		},
		New: func() eval.Processor { return &uniquer{} },
	}
}

type uniquer struct {
	last              any
	lastString        string
	hasLast, hasStrng bool
}

func (u *uniquer) Begin(*eval.Call) error { return nil }
func (u *uniquer) End(*eval.Call) error   { return nil }

func (u *uniquer) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	ci := c.Switch("CaseInsensitive")
	unique := true
	switch {
	case !u.hasLast:
	case c.Switch("OnType"):
		unique = value.TypeName(in) != value.TypeName(u.last)
	case c.Switch("AsString"):
		s := value.ToString(in)
		if !u.hasStrng {
			u.lastString, u.hasStrng = value.ToString(u.last), true
		}
		if s == u.lastString || ci && strings.EqualFold(s, u.lastString) {
			unique = false
		} else {
			u.lastString = s
		}
	default:
		unique = compareValues(in, u.last, !ci) != 0
	}
	if !unique {
		return nil
	}
	u.last, u.hasLast = in, true
	return c.WriteObject(in)
}

// getHost is Get-Host: the same object as $Host.
func getHost() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-Host",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.GetHostCommand",
		Synopsis:         "Gets an object that represents the current host program.",
		OutputType:       []string{"System.Management.Automation.Host.PSHost"},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				h, _ := c.Variable("Host")
				return c.WriteObject(h)
			})
		},
	}
}
