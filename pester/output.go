package pester

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Console output, line for line as Pester 5.7's WriteScreen plugin
// writes it, in the colours of its theme (ANSI, on a terminal only).

// Theme colours, as ANSI foreground codes (Pester's $ReportTheme).
const (
	colorNone      = ""
	colorDarkGreen = "32" // Pass
	colorDarkGray  = "90" // times, Information
	colorRed       = "91" // Fail, BlockFail
	colorYellow    = "93" // Skipped
	colorMagenta   = "95" // Discovery, Container
	colorGreen     = "92" // Describe
	colorCyan      = "96" // Context
	colorWhite     = "97" // Foreground
	colorGray      = "37" // NotRun, Total, Inconclusive
)

// output writes the run's console lines.
type output struct {
	cfg *Config
	r   *runState
	// w returns the writer to use now (a script's host flushes the
	// script's pending output first).
	w     func() io.Writer
	color bool
}

// write writes text in a colour, with or without a line break, as
// Write-PesterHostMessage does: in ANSI every line starts with the colour
// and the text ends with a reset.
func (o *output) write(text, color string, newline bool) {
	if o.cfg.Verbosity == VerbosityNone {
		return
	}
	o.emit(text, color, newline)
}

// emit writes text whatever the verbosity (Invoke-Pester's fatal errors).
func (o *output) emit(text, color string, newline bool) {
	if o.color {
		prefix := ""
		if color != colorNone {
			prefix = "\x1b[" + color + "m"
		}
		lines := strings.Split(text, "\n")
		for i := range lines {
			lines[i] = prefix + lines[i]
		}
		text = strings.Join(lines, "\n") + "\x1b[0m"
	}
	if newline {
		text += "\n"
	}
	io.WriteString(o.w(), text)
}

// line writes one line in a colour.
func (o *output) line(text, color string) { o.write(text, color, true) }

// start writes the version banner (Detailed only).
func (o *output) start() {
	if o.cfg.detailed() {
		o.line("Pester v"+Version, colorMagenta)
	}
}

// discoveryStart announces discovery (the message starts with a line
// break, so a blank line precedes it).
func (o *output) discoveryStart(files int) {
	o.line(fmt.Sprintf("\nStarting discovery in %d files.", files), colorMagenta)
}

// discoveryFailed reports a container whose discovery failed.
func (o *output) discoveryFailed(r *runState, cont *Container) {
	o.errorBlock(r, "[-] Discovery in "+cont.Path+" failed with:", "", []failure{failureOf(cont.DiscoveryError, r.stackBase, r.cfg.StackTraceVerbosity == "Full")})
}

// discoveryEnd reports what discovery found and, in Detailed, the
// active filters.
func (o *output) discoveryEnd(tests int, d time.Duration, f *filter, selected int) {
	o.line(fmt.Sprintf("Discovery found %d tests in %s.", tests, humanTime(d)), colorMagenta)
	if o.cfg.detailed() {
		if act := f.active(); len(act) > 0 {
			for _, a := range act {
				o.line(fmt.Sprintf("Filter '%s' set to %s.", a[0], a[1]), colorMagenta)
			}
			o.line(fmt.Sprintf("Filters selected %d tests to run.", selected), colorMagenta)
		}
	}
	if o.cfg.SkipRun {
		o.line("\nTest run was skipped.", colorMagenta)
	}
}

// runStart announces the run phase.
func (o *output) runStart() { o.line("Running tests.", colorMagenta) }

// containerRunStart names the file whose tests run now (Detailed).
func (o *output) containerRunStart(cont *Container) {
	if o.cfg.detailed() {
		o.line("\nRunning tests from '"+cont.Path+"'", colorMagenta)
	}
}

// containerRunEnd reports container failures and, in Normal, the
// container's line.
func (o *output) containerRunEnd(r *runState, cont *Container) {
	if len(cont.ErrorRecords) > 0 {
		o.errorBlock(r, "[-] "+cont.Path+" failed with:", "", r.failures(cont.ErrorRecords))
	}
	if o.cfg.Verbosity != VerbosityNormal {
		return
	}
	times := fmt.Sprintf(" %s (%s|%s)", humanTime(cont.Duration), humanTime(cont.UserDuration), humanTime(cont.FrameworkDuration))
	if cont.Passed() {
		o.write("[+] "+cont.Path, colorDarkGreen, false)
		o.line(times, colorDarkGray)
	}
}

// blockHeader writes "Describing X" / "Context X" before the first test
// of a block (Detailed), and the headers of its parents not written yet.
func (o *output) blockHeader(b *Block) {
	if b.IsRoot || b.written {
		return
	}
	if b.Parent != nil && !b.Parent.IsRoot && !b.Parent.written {
		o.blockHeader(b.Parent)
	}
	level := len(b.Path) - 1
	name := b.ExpandedName
	if strings.TrimSpace(name) == "" {
		name = b.Name
	}
	text := "Describing " + name
	color := colorGreen
	if b.Command == "Context" {
		text, color = "Context "+name, colorCyan
	}
	if level == 0 && !b.First {
		o.line("", colorNone)
	}
	b.written = true
	o.line(strings.Repeat(" ", level)+text, color)
}

// testStarting writes the block headers before a block's first test
// (Detailed).
func (o *output) testStarting(t *Test) {
	if o.cfg.detailed() && t.First {
		o.blockHeader(t.Block)
	}
}

// testEnd writes a test's line: every test in Detailed, failures only in
// Normal.
func (o *output) testEnd(t *Test) {
	var margin, errMargin, text string
	if o.cfg.detailed() {
		margin = strings.Repeat(" ", len(t.Path))
		errMargin = margin + " "
		text = t.ExpandedName
		if !t.Skip && (t.Result == Skipped || t.Result == Inconclusive) && len(t.ErrorRecords) > 0 {
			text += " " + t.ErrorRecords[0].Message()
		}
	} else {
		errMargin = " "
		text = t.ExpandedPath
	}
	times := fmt.Sprintf(" %s (%s|%s)", humanTime(t.Duration), humanTime(t.UserDuration), humanTime(t.FrameworkDuration()))
	switch t.Result {
	case Passed:
		if o.cfg.detailed() {
			o.write(margin+"[+] "+text, colorDarkGreen, false)
			o.line(times, colorDarkGray)
		}
	case Failed:
		header := margin + "[-] " + text
		if o.cfg.CIFormat == "AzureDevops" || o.cfg.CIFormat == "GithubActions" {
			o.ciError(header+times, formatErrors(t.failures, errMargin, o.cfg.StackTraceVerbosity))
			return
		}
		o.write(header, colorRed, false)
		o.line(times, colorDarkGray)
		o.line(formatErrors(t.failures, errMargin, o.cfg.StackTraceVerbosity), colorRed)
	case Skipped:
		if o.cfg.detailed() {
			o.write(margin+"[!] "+text, colorYellow, false)
			o.line(times, colorDarkGray)
		}
	case Inconclusive:
		if o.cfg.detailed() {
			o.write(margin+"[?] "+text, colorGray, false)
			o.line(times, colorDarkGray)
		}
	}
}

// blockFailed reports a block whose BeforeAll or AfterAll failed.
func (o *output) blockFailed(b *Block) {
	r := o.r
	errMargin := " "
	if o.cfg.detailed() {
		for _, t := range b.Tests {
			if t.First && !t.Executed {
				o.blockHeader(b)
				break
			}
		}
		errMargin = strings.Repeat(" ", len(b.Path)) + " "
	}
	header := "[-] " + b.Command + " " + strings.Join(b.Path, ".") + " failed"
	o.errorBlock(r, header, errMargin, r.failures(b.ErrorRecords))
}

// errorBlock writes a failure header and the errors under it.
func (o *output) errorBlock(r *runState, header, margin string, fs []failure) {
	msg := formatErrors(fs, margin, o.cfg.StackTraceVerbosity)
	if o.cfg.CIFormat == "AzureDevops" || o.cfg.CIFormat == "GithubActions" {
		o.ciError(header, msg)
		return
	}
	o.line(header, colorRed)
	o.line(msg, colorRed)
}

// ciError writes a failure as Azure DevOps or GitHub Actions annotations
// (Output.CIFormat), at Output.CILogLevel Error.
func (o *output) ciError(header, message string) {
	lines := strings.Split(message, "\n")
	if o.cfg.CIFormat == "AzureDevops" {
		o.line("##vso[task.logissue type=error] "+header, colorNone)
		for _, l := range lines {
			o.line("##[error] "+l, colorNone)
		}
		return
	}
	o.line("::error::"+strings.TrimLeft(header, " \t"), colorNone)
	o.line("::group::Message", colorNone)
	for _, l := range lines {
		o.line(strings.TrimLeft(l, " \t"), colorNone)
	}
	o.line("::endgroup::", colorNone)
}

// summary writes the closing lines: the time, the counts, and the failed
// blocks and containers.
func (o *output) summary(res *RunResult) {
	o.line("Tests completed in "+humanTime(res.Duration), colorWhite)
	success, fail := colorDarkGreen, colorDarkGray
	if res.FailedCount > 0 {
		success, fail = colorWhite, colorRed
	}
	pick := func(n int, c string) string {
		if n > 0 {
			return c
		}
		return colorDarkGray
	}
	o.write(fmt.Sprintf("Tests Passed: %d, ", res.PassedCount), success, false)
	o.write(fmt.Sprintf("Failed: %d, ", res.FailedCount), fail, false)
	o.write(fmt.Sprintf("Skipped: %d, ", res.SkippedCount), pick(res.SkippedCount, colorYellow), false)
	o.write(fmt.Sprintf("Inconclusive: %d, ", res.InconclusiveCount), pick(res.InconclusiveCount, colorGray), false)
	o.line(fmt.Sprintf("NotRun: %d", res.NotRunCount), pick(res.NotRunCount, colorGray))
	if n := len(res.FailedBlocks); n > 0 {
		o.line(fmt.Sprintf("BeforeAll \\ AfterAll failed: %d", n), colorRed)
		var ls []string
		for _, b := range res.FailedBlocks {
			ls = append(ls, "  - "+strings.Join(b.Path, "."))
		}
		o.line(strings.Join(ls, "\n"), colorRed)
	}
	if n := len(res.FailedContainers); n > 0 {
		o.line(fmt.Sprintf("Container failed: %d", n), colorRed)
		var ls []string
		for _, c := range res.FailedContainers {
			ls = append(ls, "  - "+c.Path)
		}
		o.line(strings.Join(ls, "\n"), colorRed)
	}
}

// humanTime formats a duration as Get-HumanTime does: whole
// milliseconds below a second ("12ms"), else seconds rounded to two
// decimals ("1.03s").
func humanTime(d time.Duration) string {
	if d < time.Second {
		return strconv.FormatFloat(math.RoundToEven(float64(d)/float64(time.Millisecond)), 'f', 0, 64) + "ms"
	}
	s := math.RoundToEven(d.Seconds()*100) / 100
	return strconv.FormatFloat(s, 'f', -1, 64) + "s"
}
