package builtin

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/value"
)

// textSink formats objects into text the way Out-String, Out-File and
// Tee-Object do: through the formatting system, as the console would
// show them.
type textSink struct {
	w     *format.Writer
	buf   strings.Builder
	lines []string
	// stream emits each line as it is laid out (Out-String -Stream).
	stream func(line string) error
}

// enumerationLimit reads $FormatEnumerationLimit (4 when unset or not a
// number).
func enumerationLimit(c *eval.Call) *int {
	n := format.DefaultEnumerationLimit
	if v, ok := c.Variable("FormatEnumerationLimit"); ok {
		if i, err := value.ToInt32(v); err == nil && value.IsNumber(v) {
			n = int(i)
		}
	}
	return &n
}

// newTextSink returns a sink laying text out in width columns (0: the
// default 120); unwrappedLists leaves long list values on one line, as
// Out-String does without -Width.
func newTextSink(c *eval.Call, width int, unwrappedLists bool) *textSink {
	s := &textSink{}
	s.w = format.NewWriterOptions(lineWriter{s}, c.Formats(), format.Options{
		Width: width, UnwrappedLists: unwrappedLists, EnumerationLimit: enumerationLimit(c)})
	return s
}

// lineWriter receives the formatted text line by line.
type lineWriter struct{ s *textSink }

// Write implements io.Writer; the format writer writes whole lines.
func (l lineWriter) Write(p []byte) (int, error) {
	text := strings.TrimSuffix(string(p), "\n")
	for _, line := range strings.Split(text, "\n") {
		if l.s.stream != nil {
			if err := l.s.stream(line); err != nil {
				return 0, err
			}
			continue
		}
		l.s.lines = append(l.s.lines, line)
	}
	return len(p), nil
}

// write formats one object.
func (s *textSink) write(v any) error { return s.w.Write(v) }

// close ends the formatting and returns the text, one newline after each
// line.
func (s *textSink) close() string {
	s.w.Flush()
	var b strings.Builder
	for _, l := range s.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// closeLines ends the formatting and returns the lines.
func (s *textSink) closeLines() []string {
	s.w.Flush()
	return s.lines
}
