package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// $Host: the console host as scripts see it (Name, Version, UI, RawUI),
// with the reading methods (ReadLine, PromptForChoice, RawUI.ReadKey)
// going to the runner's host input. With no input they fail the way
// pwsh -NonInteractive does.

// hostObject is $Host.
type hostObject struct{ r *Runner }

// TypeNames implements value.Object.
func (h *hostObject) TypeNames() []string {
	return []string{"System.Management.Automation.Internal.Host.InternalHost", "System.Management.Automation.Host.PSHost", "System.Object"}
}

// Property implements value.Object.
func (h *hostObject) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "name":
		return "ConsoleHost", true
	case "version":
		v, _ := parseVersion(psVersion)
		return v, true
	case "instanceid":
		return guidValue{0x6b, 0x65, 0x79, 0x68, 0x6f, 0x73, 0x74, 0x2d, 0x68, 0x6f, 0x73, 0x74, 0x2d, 0x30, 0x30, 0x31}, true
	case "ui":
		return &hostUIObject{r: h.r}, true
	case "currentculture", "currentuiculture":
		return "en-US", true
	case "privatedata":
		return value.NewPSObject("Microsoft.PowerShell.ConsoleHost+ConsoleColorProxy"), true
	case "debuggerenabled":
		return false, true
	case "isrunspacepushed":
		return false, true
	case "runspace":
		return nil, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (h *hostObject) PropertyNames() []string {
	return []string{"Name", "Version", "InstanceId", "UI", "CurrentCulture", "CurrentUICulture", "PrivateData", "DebuggerEnabled", "IsRunspacePushed", "Runspace"}
}

// String is the host's name, as "$Host" renders.
func (h *hostObject) String() string {
	return "System.Management.Automation.Internal.Host.InternalHost"
}

// CallMethod implements value.MethodCaller.
func (h *hostObject) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "enternestedprompt", "exitnestedprompt":
		return nil, true, newExceptionOf("System.NotImplementedException", "The method or operation is not implemented.")
	case "setshouldexit":
		return value.AutomationNull, true, nil
	case "notifybeginapplication", "notifyendapplication":
		return value.AutomationNull, true, nil
	}
	return nil, false, nil
}

// hostUIObject is $Host.UI.
type hostUIObject struct{ r *Runner }

// TypeNames implements value.Object.
func (u *hostUIObject) TypeNames() []string {
	return []string{"System.Management.Automation.Internal.Host.InternalHostUserInterface", "System.Management.Automation.Host.PSHostUserInterface", "System.Object"}
}

// Property implements value.Object.
func (u *hostUIObject) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "rawui":
		return &rawUIObject{r: u.r}, true
	case "supportsvirtualterminal":
		return u.r.host.Color, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (u *hostUIObject) PropertyNames() []string { return []string{"RawUI", "SupportsVirtualTerminal"} }

// nonInteractiveError is what reading from a host without input raises.
func nonInteractiveError() error {
	return newExceptionOf("System.Management.Automation.PSInvalidOperationException", nonInteractiveMessage)
}

// CallMethod implements value.MethodCaller: the reading and writing
// methods of the host's user interface.
func (u *hostUIObject) CallMethod(name string, args []any) (any, bool, error) {
	r := u.r
	str := func(i int) string {
		if i < len(args) {
			return value.ToString(args[i])
		}
		return ""
	}
	switch strings.ToLower(name) {
	case "readline":
		r.out.Sync()
		line, err := r.ui.readLine()
		if err != nil {
			return nil, true, nonInteractiveError()
		}
		if r.host.EchoAnswers {
			r.ui.write(line+"\n", NoColor, NoColor)
		}
		return line, true, nil
	case "readlineassecurestring":
		r.out.Sync()
		line, err := r.ui.readLine()
		if err != nil {
			return nil, true, nonInteractiveError()
		}
		if r.host.EchoAnswers {
			r.ui.write(strings.Repeat("*", len([]rune(line)))+"\n", NoColor, NoColor)
		}
		return value.NewSecureString(line), true, nil
	case "promptforchoice":
		if len(args) != 4 {
			return nil, false, nil
		}
		def, err := value.ToInt32(args[3])
		if err != nil {
			return nil, true, err
		}
		choices := choiceList(args[2])
		i, err := r.promptForChoice(str(0), str(1), choices, int(def))
		return int32(i), true, err
	case "write":
		if len(args) == 3 {
			fg, _ := ParseConsoleColor(str(0))
			bg, _ := ParseConsoleColor(str(1))
			r.out.Sync()
			r.ui.write(str(2), fg, bg)
			return value.AutomationNull, true, nil
		}
		r.out.Sync()
		r.ui.write(str(0), NoColor, NoColor)
		return value.AutomationNull, true, nil
	case "writeline":
		r.out.Sync()
		if len(args) == 3 {
			fg, _ := ParseConsoleColor(str(0))
			bg, _ := ParseConsoleColor(str(1))
			r.ui.write(str(2)+"\n", fg, bg)
			return value.AutomationNull, true, nil
		}
		r.ui.write(str(0)+"\n", NoColor, NoColor)
		return value.AutomationNull, true, nil
	case "writeerrorline":
		r.out.Sync()
		fmt.Fprintln(r.host.Stderr, str(0))
		return value.AutomationNull, true, nil
	case "writewarningline":
		r.out.Sync()
		r.ui.write("WARNING: "+str(0)+"\n", warningColor, NoColor)
		return value.AutomationNull, true, nil
	case "writeverboseline":
		r.out.Sync()
		r.ui.write("VERBOSE: "+str(0)+"\n", warningColor, NoColor)
		return value.AutomationNull, true, nil
	case "writedebugline":
		r.out.Sync()
		r.ui.write("DEBUG: "+str(0)+"\n", warningColor, NoColor)
		return value.AutomationNull, true, nil
	case "promptforcredential", "prompt":
		return nil, true, nonInteractiveError()
	}
	return nil, false, nil
}

// choice is one answer of PromptForChoice: its label with the &hotkey
// marker removed, the hot key, and its help text.
type choice struct {
	label, help string
	key         string
}

// choiceList reads PromptForChoice's choices: ChoiceDescription objects
// or strings such as '&Yes'.
func choiceList(v any) []choice {
	var out []choice
	for _, it := range value.Enumerate(v) {
		label, help := value.ToString(it), ""
		if o, ok := it.(value.Object); ok && value.TypeName(it) == "System.Management.Automation.Host.ChoiceDescription" {
			l, _ := o.Property("Label")
			h, _ := o.Property("HelpMessage")
			label, help = value.ToString(l), value.ToString(h)
		}
		c := choice{help: help}
		if i := strings.IndexByte(label, '&'); i >= 0 && i+1 < len(label) {
			c.key = strings.ToUpper(label[i+1 : i+2])
			label = label[:i] + label[i+1:]
		} else if label != "" {
			c.key = strings.ToUpper(label[:1])
		}
		c.label = label
		out = append(out, c)
	}
	return out
}

// promptForChoice shows the console host's choice prompt and reads the
// answer: a hot key, a full label, or Enter for the default.
func (r *Runner) promptForChoice(caption, message string, choices []choice, def int) (int, error) {
	r.out.Sync()
	if r.ui.in == nil {
		return 0, nonInteractiveError()
	}
	if caption != "" {
		r.ui.write(caption+"\n", NoColor, NoColor)
	}
	if message != "" {
		r.ui.write(message+"\n", NoColor, NoColor)
	}
	var b strings.Builder
	for _, c := range choices {
		fmt.Fprintf(&b, "[%s] %s  ", c.key, c.label)
	}
	b.WriteString("[?] Help")
	if def >= 0 && def < len(choices) {
		fmt.Fprintf(&b, " (default is \"%s\")", choices[def].key)
	}
	b.WriteString(": ")
	for {
		r.ui.write(b.String(), NoColor, NoColor)
		answer, err := r.ui.readLine()
		if err != nil {
			r.ui.write("\n", NoColor, NoColor)
			return 0, nonInteractiveError()
		}
		if r.host.EchoAnswers {
			r.ui.write(answer+"\n", NoColor, NoColor)
		}
		a := strings.TrimSpace(answer)
		if a == "" && def >= 0 && def < len(choices) {
			return def, nil
		}
		if a == "?" {
			for _, c := range choices {
				r.ui.write(c.key+" - "+c.help+"\n", NoColor, NoColor)
			}
			continue
		}
		for i, c := range choices {
			if strings.EqualFold(a, c.key) || strings.EqualFold(a, c.label) {
				return i, nil
			}
		}
	}
}

// rawUIObject is $Host.UI.RawUI.
type rawUIObject struct{ r *Runner }

// TypeNames implements value.Object.
func (u *rawUIObject) TypeNames() []string {
	return []string{"System.Management.Automation.Internal.Host.InternalHostRawUserInterface", "System.Management.Automation.Host.PSHostRawUserInterface", "System.Object"}
}

// size is a System.Management.Automation.Host.Size.
func size(w, h int32) *value.PSObject {
	o := value.NewPSObject("System.Management.Automation.Host.Size")
	o.Add("Width", w).Add("Height", h)
	o.ToStringFunc = func() string { return fmt.Sprintf("%d,%d", w, h) }
	return o
}

// Property implements value.Object.
func (u *rawUIObject) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "foregroundcolor":
		return value.Enum{Type: consoleColorType, Index: 7}, true
	case "backgroundcolor":
		return value.Enum{Type: consoleColorType, Index: 0}, true
	case "windowsize", "maxwindowsize", "maxphysicalwindowsize":
		return size(120, 50), true
	case "buffersize":
		return size(120, 9001), true
	case "cursorposition", "windowposition":
		o := value.NewPSObject("System.Management.Automation.Host.Coordinates")
		o.Add("X", int32(0)).Add("Y", int32(0))
		return o, true
	case "cursorsize":
		return int32(25), true
	case "windowtitle":
		return u.r.windowTitle, true
	case "keyavailable":
		return false, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (u *rawUIObject) PropertyNames() []string {
	return []string{"ForegroundColor", "BackgroundColor", "CursorPosition", "WindowPosition", "CursorSize", "BufferSize", "WindowSize", "MaxWindowSize", "MaxPhysicalWindowSize", "KeyAvailable", "WindowTitle"}
}

// SetProperty implements value.PropertySetter: colours and the title can
// be set (and are remembered only as far as keyhost renders them).
func (u *rawUIObject) SetProperty(name string, v any) error {
	switch strings.ToLower(name) {
	case "windowtitle":
		u.r.windowTitle = value.ToString(v)
		return nil
	case "foregroundcolor", "backgroundcolor", "cursorposition", "buffersize", "windowsize", "cursorsize":
		return nil
	}
	return fmt.Errorf("'%s' is a ReadOnly property.", name)
}

// CallMethod implements value.MethodCaller: ReadKey reads one line's
// first character from the host input.
func (u *rawUIObject) CallMethod(name string, args []any) (any, bool, error) {
	r := u.r
	switch strings.ToLower(name) {
	case "readkey":
		r.out.Sync()
		line, err := r.ui.readLine()
		if err != nil {
			return nil, true, nonInteractiveError()
		}
		ch := value.Char('\r')
		if rs := []rune(line); len(rs) > 0 {
			ch = value.Char(rs[0])
		}
		key := value.NewPSObject("System.Management.Automation.Host.KeyInfo")
		key.Add("VirtualKeyCode", int32(unicodeUpper(rune(ch)))).Add("Character", ch).Add("ControlKeyState", "0").Add("KeyDown", true)
		return key, true, nil
	case "flushinputbuffer":
		return value.AutomationNull, true, nil
	}
	return nil, false, nil
}

func unicodeUpper(r rune) rune {
	return []rune(strings.ToUpper(string(r)))[0]
}

func init() {
	registerType(&psType{Name: "System.Management.Automation.Host.ChoiceDescription", New: func(_ *frame, args []any) (any, error) {
		if len(args) < 1 || len(args) > 2 {
			return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
		}
		o := value.NewPSObject("System.Management.Automation.Host.ChoiceDescription")
		help := ""
		if len(args) == 2 {
			help = value.ToString(args[1])
		}
		o.Add("Label", value.ToString(args[0])).Add("HelpMessage", help)
		return o, nil
	}, Convert: func(v any) (any, error) {
		o := value.NewPSObject("System.Management.Automation.Host.ChoiceDescription")
		o.Add("Label", value.ToString(v)).Add("HelpMessage", "")
		return o, nil
	}})
}

// ReadHost implements Read-Host: it writes the prompt ("Prompt: ") and
// reads a line from the host input; with asSecure the line becomes a
// SecureString and is echoed as asterisks.
func (c *Call) ReadHost(prompt string, hasPrompt, asSecure bool) (any, error) {
	r := c.f.r
	r.out.Sync()
	if r.ui.in == nil {
		return nil, c.readHostFailure()
	}
	if hasPrompt {
		r.ui.write(prompt+": ", NoColor, NoColor)
	}
	line, err := r.ui.readLine()
	if err != nil {
		return nil, c.readHostFailure()
	}
	if r.host.EchoAnswers {
		if asSecure {
			r.ui.write(strings.Repeat("*", len([]rune(line)))+"\n", NoColor, NoColor)
		} else {
			r.ui.write(line+"\n", NoColor, NoColor)
		}
	}
	if asSecure {
		return value.NewSecureString(line), nil
	}
	return line, nil
}

// readHostFailure is Read-Host's error without input.
func (c *Call) readHostFailure() error {
	rec := c.NewError(newExceptionOf("System.Management.Automation.PSInvalidOperationException", nonInteractiveMessage),
		"System.Management.Automation.PSInvalidOperationException", InvalidOperation, nil)
	return c.ThrowTerminatingError(rec)
}

// ProgressRecord is what Write-Progress reports.
type ProgressRecord struct {
	Activity, Status, CurrentOperation string
	ID, ParentID, PercentComplete      int
	SecondsRemaining                   int
	Completed                          bool
}

// WriteProgress shows a progress record on a terminal host (one line,
// redrawn in place, erased when the activity completes) and nothing
// otherwise, since progress never reaches redirected output. It honours
// $ProgressPreference and -ProgressAction.
func (c *Call) WriteProgress(p ProgressRecord) {
	act := toAction(c.f.preference("progresspreference"))
	if c.Has("ProgressAction") {
		act = toAction(c.Value("ProgressAction"))
	}
	r := c.f.r
	if act == actSilentlyContinue || act == actIgnore || !r.host.Color {
		return
	}
	r.out.Sync()
	if p.Completed {
		r.ui.write("\r\x1b[K", NoColor, NoColor)
		return
	}
	line := p.Activity
	if p.Status != "" {
		line += " " + p.Status
	}
	if p.PercentComplete >= 0 {
		const width = 30
		filled := p.PercentComplete * width / 100
		if filled > width {
			filled = width
		}
		line += fmt.Sprintf(" [%s%s] %d%%", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), p.PercentComplete)
	}
	if p.CurrentOperation != "" {
		line += " " + p.CurrentOperation
	}
	r.ui.write("\r\x1b[K\x1b[1m"+line+"\x1b[0m", NoColor, NoColor)
}
