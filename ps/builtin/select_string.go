package builtin

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// Select-String (alias sls): finds text in strings and files, as pwsh 7's
// SelectStringCommand does (MatchString.cs in the PowerShell source).
//
// Each pipeline object is one "line" (converted to a string; a MatchInfo
// from an earlier Select-String is matched on its Line and passed on);
// a FileInfo, -Path or -LiteralPath is read line by line. A match is a
// MatchInfo object, or the line itself with -Raw, or $true with -Quiet.
//
// Patterns are .NET regular expressions run on Go's regexp (RE2) through
// the evaluator's [regex] type, so the Matches property holds the same
// Match objects as [regex]::Match; lookaround and backreferences are not
// supported and fail as an invalid pattern. -Encoding is accepted and
// ignored (files are read as UTF-8, a byte order mark dropped). -Culture
// only affects -SimpleMatch in pwsh; keyhost compares with Unicode case
// folding whatever the culture. Matches are never emphasized: keyhost's
// output is plain text, as pwsh's is when it is redirected.

// matchInfoType is the type of Select-String's output.
const matchInfoType = "Microsoft.PowerShell.Commands.MatchInfo"

// inputStream is MatchInfo's Path and Filename for pipeline input.
const inputStream = "InputStream"

func selectString() *eval.CommandInfo {
	const file, object, literal = "File", "Object", "LiteralFile"
	return &eval.CommandInfo{
		Name:                "Select-String",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.SelectStringCommand",
		Synopsis:            "Finds text in strings and files.",
		DefaultParameterSet: file,
		OutputType:          []string{"System.Boolean", matchInfoType, "System.String"},
		Parameters: []*eval.Parameter{
			{Name: "InputObject", AllowNull: true, AllowEmptyString: true, Sets: []eval.ParameterSet{{Name: object, Mandatory: true, Position: -1, ValueFromPipeline: true}}},
			{Name: "Pattern", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}}},
			{Name: "Path", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: file, Mandatory: true, Position: 1, ValueFromPipelineByPropertyName: true}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: literal, Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "Raw", Switch: true},
			{Name: "SimpleMatch", Switch: true},
			{Name: "CaseSensitive", Switch: true},
			{Name: "Quiet", Switch: true},
			{Name: "List", Switch: true},
			{Name: "NoEmphasis", Switch: true},
			{Name: "Include", Type: eval.StringArrayType, NotNullOrEmpty: true},
			{Name: "Exclude", Type: eval.StringArrayType, NotNullOrEmpty: true},
			{Name: "NotMatch", Switch: true},
			{Name: "AllMatches", Switch: true},
			{Name: "Encoding", Type: encodingType, NotNullOrEmpty: true},
			{Name: "Context", Type: intArrayType, NotNullOrEmpty: true, Validate: append(validateCount(1, 2), validateEachRange(0, maxInt32)...)},
			{Name: "Culture", Type: eval.StringType, NotNullOrEmpty: true},
		},
		New: func() eval.Processor { return &stringSearch{} },
	}
}

// validateCount is [ValidateCount(lo, hi)] on an array parameter.
func validateCount(lo, hi int) []func(any) string {
	return []func(any) string{func(v any) string {
		n := len(value.Enumerate(v))
		switch {
		case n < lo:
			return fmt.Sprintf("The parameter requires at least %d value(s) and no more than %d value(s) - %d value(s) were provided.", lo, hi, n)
		case n > hi:
			return fmt.Sprintf("The parameter requires at least %d value(s) and no more than %d value(s) - %d value(s) were provided.", lo, hi, n)
		}
		return ""
	}}
}

// validateEachRange is [ValidateRange(lo, hi)] on each element of an
// array parameter.
func validateEachRange(lo, hi int64) []func(any) string {
	check := validateRange(lo, hi)[0]
	return []func(any) string{func(v any) string {
		for _, it := range value.Enumerate(v) {
			if msg := check(it); msg != "" {
				return msg
			}
		}
		return ""
	}}
}

// regexReason is .NET's RegexParseException text for a pattern Go's
// regexp rejects, as [regex] words it.
func regexReason(pattern string, err error) string {
	var se *syntax.Error
	if !errors.As(err, &se) {
		return err.Error()
	}
	return fmt.Sprintf("Invalid pattern '%s' at offset %d. %s.", pattern, len(pattern), capitalize(strings.TrimSuffix(se.Error()[len("error parsing regexp: "):], ".")))
}

// stringSearch is one Select-String invocation.
type stringSearch struct {
	patterns []string
	regexes  []any // [regex] objects; nil with -SimpleMatch
	simple   bool
	cs       bool
	notMatch bool
	all      bool
	raw      bool
	quiet    bool
	list     bool
	pre      int
	post     int
	include  []string
	exclude  []string
	// global tracks the context of pipeline input, which runs across
	// Process calls; each file gets its own tracker.
	global      tracker
	done        bool
	record      uint64
	filterWarn  bool
	displayRoot string
}

func (s *stringSearch) Begin(c *eval.Call) error {
	if c.Has("Culture") && !c.Has("SimpleMatch") {
		ex := eval.NewException("System.InvalidOperationException", "Cannot specify the Culture parameter without the SimpleMatch parameter.")
		return c.ThrowTerminatingError(c.NewError(ex, "CannotSpecifyCultureWithoutSimpleMatch", eval.InvalidData, nil))
	}
	s.raw, s.quiet = c.Switch("Raw"), c.Switch("Quiet")
	if s.raw && s.quiet {
		// In pwsh -Raw and -Quiet are in different parameter sets.
		ex := eval.NewException("System.Management.Automation.ParameterBindingException", "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.")
		return c.ThrowTerminatingError(c.NewError(ex, "AmbiguousParameterSet", eval.InvalidArgument, nil))
	}
	s.patterns = c.Strings("Pattern")
	s.simple, s.cs = c.Switch("SimpleMatch"), c.Switch("CaseSensitive")
	s.notMatch, s.all, s.list = c.Switch("NotMatch"), c.Switch("AllMatches"), c.Switch("List")
	s.include, s.exclude = c.Strings("Include"), c.Strings("Exclude")
	if c.Has("Context") {
		ctx := value.Enumerate(c.Value("Context"))
		if len(ctx) > 0 {
			n, _ := value.ToInt32(ctx[0])
			s.pre, s.post = int(n), int(n)
		}
		if len(ctx) > 1 {
			n, _ := value.ToInt32(ctx[1])
			s.post = int(n)
		}
	}
	if !s.simple {
		var opts int64 // RegexOptions.None
		if !s.cs {
			opts = 1 // RegexOptions.IgnoreCase
		}
		for _, p := range s.patterns {
			// The pattern is checked on its own first, so that the message
			// does not show the case option [regex] adds to it.
			re, err := any(nil), error(nil)
			if _, err = regexp.Compile(p); err == nil {
				re, _, err = c.NewObject("System.Text.RegularExpressions.Regex", []any{p, opts})
			}
			if err != nil {
				ex := eval.NewException("System.ArgumentException", fmt.Sprintf("The string %s is not a valid regular expression: %s", p, regexReason(p, err)))
				return c.ThrowTerminatingError(c.NewError(ex, "InvalidRegex", eval.InvalidArgument, p))
			}
			s.regexes = append(s.regexes, re)
		}
	}
	s.displayRoot = c.Location()
	s.global = s.newTracker()
	return nil
}

func (s *stringSearch) Process(c *eval.Call) error {
	if s.done {
		return nil
	}
	var paths []string
	fromParams := false
	switch {
	case c.Has("LiteralPath"):
		for _, p := range c.Strings("LiteralPath") {
			paths = append(paths, absPath(c, p))
		}
		fromParams = true
	case c.Has("Path"):
		for _, p := range c.Strings("Path") {
			// As pwsh's globbing, a path without wildcards must exist;
			// one with wildcards may match nothing.
			abs := absPath(c, p)
			if !wildcard.HasWildcard(abs) {
				if _, err := c.FS().Stat(abs); err != nil {
					if err := c.WriteError(itemNotFound(c, abs)); err != nil {
						return err
					}
					continue
				}
			}
			paths = append(paths, expandPath(c, p, false)...)
		}
		fromParams = true
	}
	in, hasInput := c.Input()
	if !hasInput {
		if !fromParams && !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	if !fromParams {
		if full, ok := fileInfoPath(in); ok {
			paths = []string{full}
			fromParams = true
		}
	}
	if fromParams {
		for _, p := range paths {
			if fi, err := c.FS().Stat(p); err == nil && fi.IsDir() {
				continue
			}
			found, err := s.processFile(c, p)
			if err != nil {
				return err
			}
			if s.quiet && found {
				return nil
			}
		}
		if s.quiet {
			if s.list {
				return c.WriteObject(nil)
			}
			return c.WriteObject(false)
		}
		return nil
	}
	return s.processObject(c, in)
}

// processObject matches one pipeline object.
func (s *stringSearch) processObject(c *eval.Call, in any) error {
	s.record++
	if value.IsNull(in) {
		in = ""
	}
	if prev, ok := in.(*value.PSObject); ok && isMatchInfo(prev) {
		// Filter mode: match the earlier result's line and pass it on.
		if (s.pre > 0 || s.post > 0) && !s.filterWarn {
			s.filterWarn = true
			s.pre, s.post = 0, 0
			s.global = s.newTracker()
			if err := c.WriteWarning(`The option "Context" is not valid when searching results that are piped from Select-String output.`); err != nil {
				return err
			}
		}
		line, _ := prev.Property("Line")
		m, err := s.match(c, value.ToString(line))
		if err != nil {
			return err
		}
		if m == nil {
			s.global.line(value.ToString(line))
		} else {
			m.passOn = prev
			s.global.match(m)
		}
		return s.flushGlobal(c)
	}
	line := value.ToString(in)
	m, err := s.match(c, line)
	if err != nil {
		return err
	}
	if m == nil {
		s.global.line(line)
	} else {
		m.lineNumber = s.record
		s.global.match(m)
	}
	return s.flushGlobal(c)
}

func (s *stringSearch) flushGlobal(c *eval.Call) error {
	wrote, err := s.flush(c, s.global)
	if err == nil && wrote && s.quiet {
		s.done = true
	}
	return err
}

func (s *stringSearch) End(c *eval.Call) error {
	s.global.eof()
	if s.done {
		return nil
	}
	_, err := s.flush(c, s.global)
	return err
}

// processFile searches one file; found tells whether anything matched.
func (s *stringSearch) processFile(c *eval.Call, p string) (bool, error) {
	if !s.meetsIncludeExclude(p) {
		return false, nil
	}
	data, err := c.FS().ReadFile(p)
	if err != nil {
		// .NET's FileStream messages, inside Select-String's own.
		msg := err.Error()
		switch {
		case errors.Is(err, fs.ErrNotExist):
			msg = fmt.Sprintf("Could not find file '%s'.", p)
		case errors.Is(err, fs.ErrPermission):
			msg = fmt.Sprintf("Access to the path '%s' is denied.", p)
		}
		ex := eval.NewException("System.ArgumentException", fmt.Sprintf("The file %s cannot be read: %s", p, msg))
		return false, c.WriteError(c.NewError(ex, "ProcessingFile", eval.InvalidArgument, nil))
	}
	t := s.newTracker()
	found := false
	for i, line := range readLines(string(data)) {
		m, err := s.match(c, line)
		if err != nil {
			return found, err
		}
		if m == nil {
			t.line(line)
		} else {
			m.path, m.pathSet = p, true
			m.lineNumber = uint64(i + 1)
			t.match(m)
		}
		if t.ready() {
			found = true
			if s.quiet || s.list {
				break
			}
			if _, err := s.flush(c, t); err != nil {
				return found, err
			}
		}
	}
	t.eof()
	wrote, err := s.flush(c, t)
	return found || wrote, err
}

// meetsIncludeExclude applies -Include and -Exclude to a file's path.
func (s *stringSearch) meetsIncludeExclude(p string) bool {
	if len(s.include) > 0 {
		ok := false
		for _, pat := range s.include {
			if wildcard.Match(pat, p, false) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, pat := range s.exclude {
		if wildcard.Match(pat, p, false) {
			return false
		}
	}
	return true
}

// flush writes what the tracker has ready; wrote tells whether anything
// was ready.
func (s *stringSearch) flush(c *eval.Call, t tracker) (bool, error) {
	queue := t.take()
	if len(queue) == 0 {
		return false, nil
	}
	switch {
	case s.raw:
		for _, m := range queue {
			if err := c.WriteObject(m.line); err != nil {
				return true, err
			}
		}
	case s.quiet && !s.list:
		return true, c.WriteObject(true)
	case s.list:
		return true, c.WriteObject(queue[0].object(s.displayRoot))
	default:
		for _, m := range queue {
			if err := c.WriteObject(m.object(s.displayRoot)); err != nil {
				return true, err
			}
		}
	}
	return true, nil
}

// match tries the patterns on a line: the result to report (a match, or
// with -NotMatch a line no pattern matched), or nil.
func (s *stringSearch) match(c *eval.Call, line string) (*matchResult, error) {
	got := false
	idx := 0
	var matches []any
	if s.simple {
		for i, p := range s.patterns {
			if s.cs && strings.Contains(line, p) || !s.cs && strings.Contains(strings.ToLower(line), strings.ToLower(p)) {
				got, idx = true, i
				break
			}
		}
	} else {
		for i, re := range s.regexes {
			if s.all && !s.notMatch {
				res, err := c.InvokeMethod(re, "Matches", []any{line})
				if err != nil {
					return nil, err
				}
				if items := value.Enumerate(res); len(items) > 0 {
					got, idx, matches = true, i, items
					break
				}
				continue
			}
			res, err := c.InvokeMethod(re, "Match", []any{line})
			if err != nil {
				return nil, err
			}
			if ok, _ := value.GetProperty(res, "Success"); value.ToBool(ok) {
				got, idx, matches = true, i, []any{res}
				break
			}
		}
	}
	if s.notMatch {
		got, idx, matches = !got, 0, nil
	}
	if !got {
		return nil, nil
	}
	m := &matchResult{ignoreCase: !s.cs, line: line, pattern: s.patterns[idx], matches: matches}
	if s.pre > 0 || s.post > 0 {
		m.ctx = &matchContext{}
	}
	return m, nil
}

// matchResult is a MatchInfo under construction; object builds the
// PowerShell object once its context is known.
type matchResult struct {
	ignoreCase bool
	lineNumber uint64
	line       string
	path       string
	pathSet    bool
	pattern    string
	matches    []any
	ctx        *matchContext
	// passOn is the MatchInfo a filtering Select-String passes on.
	passOn *value.PSObject
}

// matchContext is MatchInfoContext: the logical context (as many lines
// as asked, overlapping other matches) and the display context (without
// lines shown by a neighbouring match).
type matchContext struct {
	pre, post, displayPre, displayPost []string
}

func isMatchInfo(o *value.PSObject) bool {
	names := o.TypeNames()
	return len(names) > 0 && names[0] == matchInfoType
}

// fileInfoPath is the full name of a piped FileInfo.
func fileInfoPath(v any) (string, bool) {
	o, ok := v.(*value.PSObject)
	if !ok || len(o.TypeNames()) == 0 || o.TypeNames()[0] != "System.IO.FileInfo" {
		return "", false
	}
	full, ok := o.Property("FullName")
	return value.ToString(full), ok
}

func stringArray(lines []string) []any {
	out := make([]any, len(lines))
	for i, l := range lines {
		out[i] = l
	}
	return out
}

// object builds the MatchInfo. root is the location that display
// (Out-Default, Out-String) shows paths relative to.
func (m *matchResult) object(root string) *value.PSObject {
	if m.passOn != nil {
		return m.passOn
	}
	o := value.NewPSObject(matchInfoType)
	filename, p := inputStream, inputStream
	if m.pathSet {
		filename, p = path.Base(m.path), m.path
	}
	var ctx any
	if m.ctx != nil {
		co := value.NewPSObject("Microsoft.PowerShell.Commands.MatchInfoContext")
		co.Add("PreContext", stringArray(m.ctx.pre)).
			Add("PostContext", stringArray(m.ctx.post)).
			Add("DisplayPreContext", stringArray(m.ctx.displayPre)).
			Add("DisplayPostContext", stringArray(m.ctx.displayPost))
		ctx = co
	}
	matches := m.matches
	if matches == nil {
		matches = []any{}
	}
	o.Add("IgnoreCase", m.ignoreCase).
		Add("LineNumber", m.lineNumber).
		Add("Line", m.line).
		Add("Filename", filename).
		Add("Path", p).
		Add("Pattern", m.pattern).
		Add("Context", ctx).
		Add("Matches", matches)
	o.ToStringFunc = func() string { return m.format(nil) }
	dirArg := func(args []any) *string {
		if len(args) == 0 || value.IsNull(args[0]) {
			return nil
		}
		d := value.ToString(args[0])
		return &d
	}
	o.Methods = map[string]func([]any) (any, error){
		"tostring": func(args []any) (any, error) { return m.format(dirArg(args)), nil },
		"relativepath": func(args []any) (any, error) {
			if d := dirArg(args); d != nil {
				return m.relativePath(*d), nil
			}
			return m.relativePath(""), nil
		},
		// ToEmphasizedString(directory) is what pwsh's view shows; keyhost
		// never emphasizes. Called without an argument (by keyhost's
		// view), paths are relative to the location the match was made in.
		"toemphasizedstring": func(args []any) (any, error) {
			if len(args) == 0 {
				return m.format(&root), nil
			}
			return m.format(dirArg(args)), nil
		},
	}
	return o
}

// relativePath is MatchInfo.RelativePath: the path without directory
// when the file lies under it.
func (m *matchResult) relativePath(dir string) string {
	if !m.pathSet {
		return inputStream
	}
	rel := m.path
	if dir == "" || len(rel) < len(dir) || !strings.EqualFold(rel[:len(dir)], dir) {
		return rel
	}
	n := len(dir)
	if n >= len(rel) {
		return rel
	}
	switch {
	case dir[n-1] == '/' || dir[n-1] == '\\':
		return rel[n:]
	case rel[n] == '/' || rel[n] == '\\':
		return rel[n+1:]
	}
	return rel
}

// format is MatchInfo.ToString(directory): "path:line:text" for files
// (the path relative to dir when given), the text alone for pipeline
// input, with the display context around it ("> " marks the match).
func (m *matchResult) format(dir *string) string {
	shown := m.path
	if dir != nil {
		shown = m.relativePath(*dir)
	}
	one := func(text string, n uint64, prefix string) string {
		if m.pathSet {
			return fmt.Sprintf("%s%s:%d:%s", prefix, shown, n, text)
		}
		return prefix + text
	}
	if m.ctx == nil {
		return one(m.line, m.lineNumber, "")
	}
	var lines []string
	n := m.lineNumber - uint64(len(m.ctx.displayPre))
	for _, l := range m.ctx.displayPre {
		lines = append(lines, one(l, n, "  "))
		n++
	}
	lines = append(lines, one(m.line, n, "> "))
	n++
	for _, l := range m.ctx.displayPost {
		lines = append(lines, one(l, n, "  "))
		n++
	}
	return strings.Join(lines, "\n")
}

// readLines splits a file's text as StreamReader.ReadLine does: at \n,
// \r\n or \r, without an empty line after a final line break.
func readLines(text string) []string {
	text = strings.TrimPrefix(text, "\uFEFF")
	var lines []string
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			lines = append(lines, text[start:i])
			start = i + 1
		case '\r':
			lines = append(lines, text[start:i])
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	if start < len(text) {
		lines = append(lines, text[start:])
	}
	return lines
}

// tracker collects matches with their context and queues them once the
// context is complete.
type tracker interface {
	line(text string)
	match(m *matchResult)
	eof()
	ready() bool
	take() []*matchResult
}

func (s *stringSearch) newTracker() tracker {
	if s.raw || s.pre == 0 && s.post == 0 {
		return &noContext{}
	}
	return &contextTracker{
		display: displayTracker{pre: s.pre, post: s.post},
		logical: logicalTracker{pre: s.pre, post: s.post},
	}
}

// noContext queues each match at once.
type noContext struct{ queue []*matchResult }

func (t *noContext) line(string)               {}
func (t *noContext) match(m *matchResult)      { t.queue = append(t.queue, m) }
func (t *noContext) eof()                      {}
func (t *noContext) ready() bool               { return len(t.queue) > 0 }
func (t *noContext) take() []*matchResult      { q := t.queue; t.queue = nil; return q }
func (t *contextTracker) ready() bool          { return len(t.logical.queue) > 0 }
func (t *contextTracker) take() []*matchResult { return t.logical.take() }

// contextTracker runs the display and logical trackers side by side; the
// logical one, which waits for the most context, decides when a match is
// complete.
type contextTracker struct {
	display displayTracker
	logical logicalTracker
}

func (t *contextTracker) line(text string) {
	t.display.line(text)
	t.logical.add(ctxEntry{text: text})
}

func (t *contextTracker) match(m *matchResult) {
	t.display.match(m)
	t.logical.add(ctxEntry{text: m.line, m: m})
}

func (t *contextTracker) eof() {
	t.display.eof()
	t.logical.eof()
}

// displayTracker fills DisplayPreContext and DisplayPostContext: lines
// after a match go to its post-context until it is full, and only lines
// after that can be the next match's pre-context.
type displayTracker struct {
	pre, post  int
	collecting bool // post-context of cur
	preLines   []string
	postLines  []string
	cur        *matchResult
}

func (t *displayTracker) line(text string) {
	switch {
	case t.collecting:
		t.postLines = append(t.postLines, text)
		if len(t.postLines) >= t.post {
			t.finish()
		}
	case t.pre > 0:
		t.preLines = append(t.preLines, text)
		if len(t.preLines) > t.pre {
			t.preLines = t.preLines[1:]
		}
	}
}

func (t *displayTracker) match(m *matchResult) {
	if t.collecting {
		t.finish()
	}
	t.cur = m
	if t.post > 0 {
		t.collecting = true
	} else {
		t.finish()
	}
}

func (t *displayTracker) eof() {
	if t.collecting {
		t.finish()
	}
}

func (t *displayTracker) finish() {
	if t.cur != nil && t.cur.ctx != nil {
		t.cur.ctx.displayPre = append([]string{}, t.preLines...)
		t.cur.ctx.displayPost = append([]string{}, t.postLines...)
	}
	t.cur, t.collecting, t.preLines, t.postLines = nil, false, nil, nil
}

// logicalTracker fills PreContext and PostContext from a window of the
// last pre+post+1 lines; a match is complete when it reaches the middle
// of a full window (or at the end of the input).
type logicalTracker struct {
	pre, post int
	window    []ctxEntry
	processed bool
	queue     []*matchResult
}

type ctxEntry struct {
	text string
	m    *matchResult
}

func (t *logicalTracker) add(e ctxEntry) {
	t.window = append(t.window, e)
	if len(t.window) > t.pre+t.post+1 {
		t.window = t.window[1:]
	}
	if len(t.window) == t.pre+t.post+1 {
		if t.processed {
			t.emitRange(t.pre, t.pre)
		} else {
			t.emitRange(0, t.pre)
			t.processed = true
		}
	}
}

func (t *logicalTracker) eof() {
	start := 0
	if len(t.window) == t.pre+t.post+1 {
		start = t.pre + 1
	}
	t.emitRange(start, len(t.window)-1)
}

func (t *logicalTracker) emitRange(from, to int) {
	for i := from; i <= to; i++ {
		m := t.window[i].m
		if m == nil {
			continue
		}
		preStart := max(i-t.pre, 0)
		postLen := min(t.post, len(t.window)-i-1)
		if m.ctx != nil {
			m.ctx.pre = t.texts(preStart, i)
			m.ctx.post = t.texts(i+1, i+1+postLen)
		}
		t.queue = append(t.queue, m)
	}
}

func (t *logicalTracker) texts(from, to int) []string {
	out := make([]string, 0, to-from)
	for _, e := range t.window[from:to] {
		out = append(out, e.text)
	}
	return out
}

func (t *logicalTracker) take() []*matchResult {
	q := t.queue
	t.queue = nil
	return q
}
