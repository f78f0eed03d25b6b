package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Host is how the runner reaches the outside world. Like mvdan/sh's
// handlers, the runner itself does no I/O: every read, write, clock and
// environment lookup goes through these fields, so tests are hermetic.
// DefaultHost fills them for a real process.
type Host struct {
	// Stdin supplies answers to confirmation prompts; nil means there is
	// no input at all (pwsh -NonInteractive).
	Stdin io.Reader
	// Stdout receives formatted output, Write-Host text and prompts.
	Stdout io.Writer
	// Stderr receives the error view of errors that reach the host.
	Stderr io.Writer
	// EchoAnswers writes the answer to a prompt back to Stdout. Set it
	// when Stdin is not a terminal (answers piped in), so the transcript
	// shows what was answered.
	EchoAnswers bool
	// Color enables ANSI colours on Stdout (Write-Host -ForegroundColor,
	// warnings). Set it only when Stdout is a terminal.
	Color bool
	// ErrorColor enables the red error view on Stderr; set it only when
	// Stderr is a terminal.
	ErrorColor bool
	// Now is the clock (PowerCLI puts a timestamp in its error messages).
	Now func() time.Time
	// FS is the file system scripts and file cmdlets use.
	FS FileSystem
	// Getenv reads an environment variable ($env:NAME).
	Getenv func(name string) (string, bool)
	// Environ lists the environment as KEY=value strings (Env: drive,
	// [Environment]::GetEnvironmentVariables()); nil lists nothing.
	Environ func() []string
	// Getwd returns the current directory ($PWD, relative paths).
	Getwd func() (string, error)
}

// DefaultHost returns a host wired to the process: os.Stdin/out/err, the
// real clock, the real file system and environment. Color is left off;
// the caller decides whether Stdout is a terminal.
func DefaultHost() *Host {
	return &Host{
		Stdin:   os.Stdin,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Now:     time.Now,
		FS:      OSFileSystem{},
		Getenv:  os.LookupEnv,
		Environ: os.Environ,
		Getwd:   os.Getwd,
	}
}

// withDefaults fills the fields a caller left nil with harmless stand-ins.
func (h *Host) withDefaults() *Host {
	c := *h
	if c.Stdout == nil {
		c.Stdout = io.Discard
	}
	if c.Stderr == nil {
		c.Stderr = io.Discard
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.FS == nil {
		c.FS = noFileSystem{}
	}
	if c.Getenv == nil {
		c.Getenv = func(string) (string, bool) { return "", false }
	}
	if c.Getwd == nil {
		c.Getwd = func() (string, error) { return "/", nil }
	}
	return &c
}

// ConsoleColor is one of PowerShell's 16 console colours.
type ConsoleColor int

// NoColor means "leave the colour as it is".
const NoColor ConsoleColor = -1

var consoleColors = []string{
	"Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray",
	"DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White",
}

// ansiForeground maps console colours to SGR codes, as pwsh's console host
// renders them.
var ansiForeground = []int{30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97}

// ParseConsoleColor parses a colour name (any case) as [ConsoleColor] does.
func ParseConsoleColor(s string) (ConsoleColor, error) {
	for i, n := range consoleColors {
		if strings.EqualFold(n, strings.TrimSpace(s)) {
			return ConsoleColor(i), nil
		}
	}
	return NoColor, fmt.Errorf("Cannot convert value \"%s\" to type \"System.ConsoleColor\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"", s, s, strings.Join(consoleColors, ", "))
}

// String returns the colour's name.
func (c ConsoleColor) String() string {
	if c < 0 || int(c) >= len(consoleColors) {
		return ""
	}
	return consoleColors[c]
}

// hostUI is the runner's view of the host: writing text, with colour when
// the host allows it, and reading answers to prompts.
type hostUI struct {
	h  *Host
	in *bufio.Reader
}

func newHostUI(h *Host) *hostUI {
	ui := &hostUI{h: h}
	if h.Stdin != nil {
		ui.in = bufio.NewReader(h.Stdin)
	}
	return ui
}

// write writes text to stdout in the given colours.
func (ui *hostUI) write(text string, fg, bg ConsoleColor) {
	if ui.h.Color && (fg != NoColor || bg != NoColor) {
		var codes []string
		if fg != NoColor {
			codes = append(codes, fmt.Sprint(ansiForeground[fg]))
		}
		if bg != NoColor {
			codes = append(codes, fmt.Sprint(ansiForeground[bg]+10))
		}
		// Colour each line separately so a reset precedes every newline,
		// as the console host does.
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			if l != "" {
				lines[i] = "\x1b[" + strings.Join(codes, ";") + "m" + l + "\x1b[0m"
			}
		}
		text = strings.Join(lines, "\n")
	}
	io.WriteString(ui.h.Stdout, text)
}

// readLine reads one answer line; io.EOF means there is no input left.
func (ui *hostUI) readLine() (string, error) {
	if ui.in == nil {
		return "", io.EOF
	}
	line, err := ui.in.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", io.EOF
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// Transcription (Start-Transcript): while a transcript is on, everything
// the runner shows on the host is copied to it as well. The runner wraps
// the host's Stdout and Stderr in a transcribingWriter when it is
// created, so formatted output, Write-Host text, warnings, verbose and
// debug messages, prompts and the error view all pass through one place.
// Text written while a call's streams are captured (InvokeCommand,
// InvokeScript) never reaches the host, so it is not transcribed either.

// transcribingWriter is a host stream that also feeds the runner's
// running transcripts.
type transcribingWriter struct {
	w io.Writer
	r *Runner
}

// Write implements io.Writer.
func (t *transcribingWriter) Write(p []byte) (int, error) {
	for _, tr := range t.r.transcripts {
		tr.Write(p)
	}
	return t.w.Write(p)
}

// StartTranscript makes w receive a copy of everything the runner shows
// on the host from now on (formatted output, Write-Host, warnings,
// verbose and debug messages, prompts, errors), exactly as written to
// the host: possibly partial lines, with ANSI colour codes when the host
// has colour on. Write errors are ignored. Transcripts nest and all of
// them receive the text; StopTranscript ends the latest one.
func (c *Call) StartTranscript(w io.Writer) {
	r := c.f.r
	r.out.Sync()
	r.transcripts = append(r.transcripts, w)
}

// StopTranscript ends the latest transcript StartTranscript began, after
// the output shown so far has reached it, and returns its writer; ok is
// false when no transcript is running.
func (c *Call) StopTranscript() (w io.Writer, ok bool) {
	r := c.f.r
	if len(r.transcripts) == 0 {
		return nil, false
	}
	r.out.Sync()
	w = r.transcripts[len(r.transcripts)-1]
	r.transcripts = r.transcripts[:len(r.transcripts)-1]
	return w, true
}
