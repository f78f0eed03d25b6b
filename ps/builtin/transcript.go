package builtin

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"path"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Start-Transcript and Stop-Transcript. A transcript is a file that gets
// pwsh's header, then a copy of every line the host shows (formatted
// output, Write-Host, warnings, verbose and debug messages, errors),
// without colours and with trailing blanks trimmed as pwsh does, then
// pwsh's footer at Stop-Transcript. Lines are appended through the
// host's file system (the one Out-File uses) as they are completed.
//
// The header's machine facts are keyhost's own, the same values its
// automatic variables give: the machine is $env:HOSTNAME (else
// "localhost", as [Environment]::MachineName), the user $env:USER, the
// OS "Unix" ([Environment]::OSVersion), the host application "pwsh"
// ([Environment]::CommandLine), the process ID $PID, the PSVersionTable
// lines $PSVersionTable; the times come from the host's clock.
//
// Not done: the "PS>command" lines and -IncludeInvocationHeader's
// "Command start time" blocks pwsh writes for commands typed at an
// interactive prompt (a script run with -File has none, which is how
// keyhost runs scripts), the Path note property on the message strings,
// and the footer pwsh writes when a session ends with a transcript still
// running (the file keeps everything up to the end, without the footer).

const transcriptRule = "**********************"

// transcriptFile is one running transcript: the eval host writes what it
// shows to it, and it appends completed lines to the file.
type transcriptFile struct {
	fs   eval.FileSystem
	path string
	// display is the path as Start-Transcript reports it.
	display string
	line    strings.Builder
	// cr records a carriage return not yet known to start "\r\n".
	cr bool
	// esc is the state of an ANSI escape sequence being skipped: 0 none,
	// 1 after ESC, 2 in a CSI sequence, 3 in an OSC string.
	esc int
}

// Write implements io.Writer: it strips ANSI escape sequences, handles
// carriage returns as a terminal does (the line starts over) and appends
// every completed line, trailing blanks trimmed, to the file.
func (t *transcriptFile) Write(p []byte) (int, error) {
	for _, b := range p {
		switch t.esc {
		case 1:
			switch b {
			case '[':
				t.esc = 2
			case ']':
				t.esc = 3
			default:
				t.esc = 0
			}
			continue
		case 2:
			if b >= 0x40 && b <= 0x7e {
				t.esc = 0
			}
			continue
		case 3:
			if b == 0x07 {
				t.esc = 0
			} else if b == 0x1b {
				t.esc = 1
			}
			continue
		}
		if t.cr && b != '\n' {
			t.line.Reset()
		}
		t.cr = false
		switch b {
		case 0x1b:
			t.esc = 1
		case '\r':
			t.cr = true
		case '\n':
			t.appendLine(t.line.String())
			t.line.Reset()
		default:
			t.line.WriteByte(b)
		}
	}
	return len(p), nil
}

// appendLine adds a line to the file.
func (t *transcriptFile) appendLine(s string) {
	_ = t.fs.WriteFile(t.path, []byte(strings.TrimRight(s, " \t")+"\n"), true)
}

// flush writes a line the host left unfinished.
func (t *transcriptFile) flush() {
	if t.line.Len() > 0 {
		t.appendLine(t.line.String())
		t.line.Reset()
	}
}

// startTranscript is Start-Transcript.
func startTranscript() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Start-Transcript",
		Module:                hostModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.StartTranscriptCommand",
		Synopsis:              "Creates a record of all or part of a PowerShell session to a text file.",
		DefaultParameterSet:   "ByPath",
		SupportsShouldProcess: true,
		OutputType:            []string{"System.String"},
		Parameters: []*eval.Parameter{
			{Name: "Path", Type: eval.StringType, Validate: notNullOrEmpty("Path"), Sets: []eval.ParameterSet{{Name: "ByPath", Position: 0}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringType, Validate: notNullOrEmpty("LiteralPath"), Sets: []eval.ParameterSet{{Name: "ByLiteralPath", Position: 0}}},
			{Name: "OutputDirectory", Type: eval.StringType, Validate: notNullOrEmpty("OutputDirectory"), Sets: []eval.ParameterSet{{Name: "ByOutputDirectory", Position: 0}}},
			{Name: "Append", Switch: true},
			{Name: "Force", Switch: true},
			{Name: "NoClobber", Aliases: []string{"NoOverwrite"}, Switch: true},
			{Name: "IncludeInvocationHeader", Switch: true},
			{Name: "UseMinimalHeader", Switch: true},
		},
		New: func() eval.Processor { return &transcriptStarter{} },
	}
}

// notNullOrEmpty is [ValidateNotNullOrEmpty].
func notNullOrEmpty(name string) []func(any) string {
	return []func(any) string{func(v any) string {
		if value.IsNull(v) || value.ToString(v) == "" {
			return "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."
		}
		return ""
	}}
}

type transcriptStarter struct{}

func (transcriptStarter) Process(*eval.Call) error { return nil }
func (transcriptStarter) End(*eval.Call) error     { return nil }

// Begin starts the transcript, as pwsh's BeginProcessing does.
func (transcriptStarter) Begin(c *eval.Call) error {
	// -Path and -LiteralPath resolve alike: the file need not exist, and
	// keyhost does not expand wildcards in a transcript's path.
	var display string
	switch {
	case c.Has("Path"):
		display = c.String("Path")
	case c.Has("LiteralPath"):
		display = c.String("LiteralPath")
	default:
		if v, ok := c.Variable("global:Transcript"); ok && !value.IsNull(v) {
			display = value.ToString(v)
		} else {
			display = defaultTranscriptPath(c, c.String("OutputDirectory"))
		}
	}
	abs := absPath(c, display)
	ok, err := c.ShouldProcess(abs, "Start-Transcript")
	if err != nil || !ok {
		return err
	}
	fs := c.FS()
	cannotStart := func(msg string) error {
		ex := eval.NewException("System.Management.Automation.PSInvalidOperationException", "Transcription cannot be started due to the error: "+msg)
		return c.ThrowTerminatingError(c.NewError(ex, "CannotStartTranscription", eval.InvalidOperation, nil))
	}
	if fi, err := fs.Stat(abs); err == nil {
		if fi.IsDir() {
			return cannotStart(fmt.Sprintf("File path %s resolves to a directory.", abs))
		}
		if c.Switch("NoClobber") && !c.Switch("Append") {
			ex := eval.NewException("System.UnauthorizedAccessException", fmt.Sprintf("File %s already exists and NoClobber was specified.", abs))
			return c.ThrowTerminatingError(c.NewError(ex, "NoClobber", eval.ErrorCategory("ResourceExists"), abs))
		}
		if !c.Switch("Append") {
			if err := fs.WriteFile(abs, nil, false); err != nil {
				return cannotStart(ioError(c, err, abs, "", eval.InvalidOperation).Exception.Message)
			}
		}
	}
	if dir := path.Dir(abs); dir != abs {
		if _, err := fs.Stat(dir); err != nil {
			if err := fs.MkdirAll(dir); err != nil {
				return cannotStart(ioError(c, err, dir, "", eval.InvalidOperation).Exception.Message)
			}
		}
	}
	header := transcriptHeader(c, c.Switch("UseMinimalHeader"))
	if err := fs.WriteFile(abs, []byte(header+"\n"), true); err != nil {
		return cannotStart(ioError(c, err, abs, "", eval.InvalidOperation).Exception.Message)
	}
	c.StartTranscript(&transcriptFile{fs: fs, path: abs, display: display})
	return c.WriteObject("Transcript started, output file is " + display)
}

// defaultTranscriptPath is pwsh's GetTranscriptPath: a
// PowerShell_transcript.<machine>.<random>.<time>.txt file in the output
// directory, or in the documents folder, which on Linux pwsh takes to be
// $HOME (keyhost uses the current location when $HOME is not set). A
// relative output directory is relative to that folder too, as in pwsh.
func defaultTranscriptPath(c *eval.Call, dir string) string {
	docs := c.Location()
	if h, ok := c.Variable("HOME"); ok && value.ToString(h) != "" {
		docs = value.ToString(h)
	}
	switch {
	case dir == "":
		dir = docs
	case !path.IsAbs(normalizePath(c, dir)):
		dir = path.Join(docs, normalizePath(c, dir))
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	random := strings.ReplaceAll(base64.StdEncoding.EncodeToString(b[:]), "/", "_")
	name := fmt.Sprintf("PowerShell_transcript.%s.%s.%s.txt", transcriptMachine(c), random, c.Now().Format("20060102150405"))
	return path.Join(normalizePath(c, dir), name)
}

// transcriptMachine is the machine name keyhost reports
// ([Environment]::MachineName).
func transcriptMachine(c *eval.Call) string {
	if n, ok := c.Getenv("HOSTNAME"); ok && n != "" {
		return n
	}
	return "localhost"
}

// transcriptHeader is pwsh's TranscriptPrologue (or
// MinimalTranscriptPrologue) with keyhost's values.
func transcriptHeader(c *eval.Call, minimal bool) string {
	start := c.Now().Format("20060102150405")
	if minimal {
		return transcriptRule + "\nPowerShell transcript start\nStart time: " + start + "\n" + transcriptRule
	}
	machine := transcriptMachine(c)
	user, _ := c.Getenv("USER")
	username := machine + `\` + user
	pid := ""
	if v, ok := c.Variable("PID"); ok {
		pid = value.ToString(v)
	}
	var versions []string
	if v, ok := c.Variable("PSVersionTable"); ok {
		if h, ok := v.(*value.Hashtable); ok {
			for _, k := range h.Keys() {
				val, _ := h.Get(k)
				if value.IsNull(val) {
					continue
				}
				s := value.ToString(val)
				if list, ok := val.([]any); ok {
					parts := make([]string, len(list))
					for i, it := range list {
						parts[i] = value.ToString(it)
					}
					s = strings.Join(parts, ", ")
				}
				versions = append(versions, value.ToString(k)+": "+s)
			}
		}
	}
	lines := []string{
		transcriptRule,
		"PowerShell transcript start",
		"Start time: " + start,
		"Username: " + username,
		"RunAs User: " + username,
		"Configuration Name: ",
		"Machine: " + machine + " (Unix)",
		"Host Application: pwsh",
		"Process ID: " + pid,
	}
	lines = append(lines, versions...)
	lines = append(lines, transcriptRule)
	return strings.Join(lines, "\n")
}

// stopTranscript is Stop-Transcript: ends the latest transcript with
// pwsh's footer.
func stopTranscript() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Stop-Transcript",
		Module:                hostModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.StopTranscriptCommand",
		Synopsis:              "Stops a transcript.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactNone,
		OutputType:            []string{"System.String"},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				ok, err := c.ShouldProcess("", "Stop-Transcript")
				if err != nil || !ok {
					return err
				}
				w, running := c.StopTranscript()
				if !running {
					ex := eval.NewException("System.Management.Automation.PSInvalidOperationException", "An error occurred stopping transcription: The host is not currently transcribing.")
					return c.ThrowTerminatingError(c.NewError(ex, "InvalidOperation", eval.InvalidOperation, nil))
				}
				t, _ := w.(*transcriptFile)
				if t == nil {
					return nil
				}
				t.flush()
				footer := transcriptRule + "\nPowerShell transcript end\nEnd time: " + c.Now().Format("20060102150405") + "\n" + transcriptRule + "\n"
				_ = t.fs.WriteFile(t.path, []byte(footer), true)
				return c.WriteObject("Transcript stopped, output file is " + t.path)
			})
		},
	}
}
