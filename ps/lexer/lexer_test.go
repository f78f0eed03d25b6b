package lexer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
)

// scanAll tokenizes src in one mode and renders each token as Kind or
// Kind:value; errors are returned as ID@line:col.
func scanAll(mode Mode, src string) ([]string, []string) {
	var errs []string
	l := New(NewPosTable(src), func(e Error) { errs = append(errs, fmt.Sprintf("%s@%d:%d", e.ID, e.Pos.Line, e.Pos.Col)) })
	l.Mode = mode
	var out []string
	for i := 0; i < 1000; i++ {
		t := l.Next()
		if t.Kind == token.EOF {
			break
		}
		out = append(out, render(t))
	}
	return out, errs
}

func render(t Token) string {
	switch t.Kind {
	case token.Generic, token.StringLiteral, token.StringExpandable, token.HereStringLiteral,
		token.HereStringExpandable, token.Identifier, token.Label:
		s := fmt.Sprintf("%s:%s", kindName(t.Kind), t.Value)
		if t.Parts != nil {
			s += fmt.Sprintf("+%d", len(t.Parts))
		}
		return s
	case token.Variable, token.SplattedVariable:
		name := t.Value
		if t.Scope != "" {
			name = t.Scope + ":" + name
		}
		return fmt.Sprintf("%s:%s", kindName(t.Kind), name)
	case token.Parameter:
		if t.Colon {
			return "param:" + t.Value + ":"
		}
		return "param:" + t.Value
	case token.Number:
		return fmt.Sprintf("num:%v", t.Num)
	case token.Redirection:
		return "redir:" + t.Text
	}
	return t.Kind.String()
}

func kindName(k token.Kind) string {
	switch k {
	case token.Generic:
		return "word"
	case token.StringLiteral:
		return "sq"
	case token.StringExpandable:
		return "dq"
	case token.HereStringLiteral:
		return "hsq"
	case token.HereStringExpandable:
		return "hdq"
	case token.Identifier:
		return "id"
	case token.Label:
		return "label"
	case token.Variable:
		return "var"
	case token.SplattedVariable:
		return "splat"
	}
	return k.String()
}

func TestModes(t *testing.T) {
	cases := []struct {
		mode Mode
		src  string
		want string
	}{
		// The same text in the two modes.
		{Command, "Get-VM -Name web01", "word:Get-VM param:Name id:web01"},
		{Expression, "Get-VM -Name web01", "id:Get param:VM param:Name id:web01"},
		{Command, "$a -eq 1", "var:a param:eq num:1"},
		{Expression, "$a -eq 1", "var:a -eq num:1"},
		{Command, "2+2", "word:2+2"},
		{Expression, "2+2", "num:2 + num:2"},
		{Command, "7z x", "word:7z id:x"},
		{Command, "42 1.5 0x10 10kb", "num:42 num:1.5 num:16 num:10240"},
		{Command, "-1", "num:-1"},
		{Command, "-1x", "word:-1x"},
		{Expression, "-1", "- num:1"},

		// Keywords only in command mode; a word glued to more is a word.
		{Command, "if foreach-object in", "if word:foreach-object in"},
		{Expression, "if foreach", "id:if id:foreach"},
		{Command, "if(", "if ("},

		// Parameters.
		{Command, "-Confirm:$false", "param:Confirm: var:false"},
		{Command, "–Name", "param:Name"},
		{Command, "-x'y'", "word:-xy"},
		{Command, "-a-b", "param:a-b"},
		{Command, "--", "--"},
		{Command, "--foo", "word:--foo"},
		{Command, "-", "-"},
		{Expression, "-foo", "param:foo"},
		{Expression, "-CEQ -iLike -f -isplit", "-ceq -like -f -split"},

		// Paths and barewords.
		{Command, "./x.ps1 .\\y ..\\z", "word:./x.ps1 word:.\\y word:..\\z"},
		{Command, ". ./x.ps1", ". word:./x.ps1"},
		{Command, "a#b", "word:a#b"},
		{Command, "a{", "id:a {"},
		{Command, "a,b", "id:a , id:b"},
		{Command, "a'b c'd", "word:ab cd"},
		{Command, "a\"b $x\"c", "word:ab $xc+3"},
		{Command, "a$b", "word:a$b+2"},
		{Command, "$x-y", "word:$x-y+2"},
		{Command, "${x}y", "word:${x}y+2"},
		{Command, "[int]$x", "word:[int]$x+2"},
		{Command, "[ ", "["},
		{Command, "*.txt", "word:*.txt"},
		{Command, "= =x", "= word:=x"},
		{Command, "% ?", "% word:?"},
		{Command, ":outer :x-y", "label:outer word::x-y"},
		{Command, "!x", "word:!x"},
		{Command, "`$x", "word:$x"},
		{Command, "a`\nb", "word:a\nb"},

		// Variables.
		{Expression, "$a.b", "var:a . id:b"},
		{Expression, "$global:x $env:Path $using:y", "var:global:x var:env:Path var:using:y"},
		{Expression, "${a b} ${env:x}", "var:a b var:env:x"},
		{Expression, "$$ $? $^ $_", "var:$ var:? var:^ var:_"},
		{Expression, "$a? $a?b", "var:a? var:a?b"},
		{Expression, "$a::b", "var:a :: id:b"},
		{Expression, "$a=1", "var:a = num:1"},
		{Expression, "@splat", "splat:splat"},
		{Expression, "@(@{", "@( @{"},

		// Numbers.
		{Expression, "1..5", "num:1 .. num:5"},
		{Expression, "1.5e3 .5 1e-2", "num:1500 num:0.5 num:0.01"},
		{Expression, "0xFF 0b1010 1kb 2MB", "num:255 num:10 num:1024 num:2097152"},
		{Expression, "7l 7L 7d 7u 7ul 7y 7uy 7s 7us 7n", "num:7 num:7 num:7 num:7 num:7 num:7 num:7 num:7 num:7 num:7"},
		{Expression, "1z", "word:1z"},
		{Expression, "1+", "num:1 +"},
		{Expression, "1kbx", "word:1kbx"},

		// Operators.
		{Expression, "+= -= *= /= %= ??= = ++ --", "+= -= *= /= %= ??= = ++ --"},
		{Expression, "&& || & | ! ?? ? : ::", "&& || & | ! ?? ? : ::"},
		{Expression, "2>&1 > >> 2> *> *>&1 3>>", "num:2 redir:> & num:1 redir:> redir:>> num:2 redir:> redir:*> redir:*>&1 num:3 redir:>>"},
		{Command, "2>&1 > >> 2> *> *>&1 3>>", "redir:2>&1 redir:> redir:>> redir:2> redir:*> redir:*>&1 redir:3>>"},

		// Strings.
		{Expression, "'it''s' ‘smart’", "sq:it's sq:smart"},
		{Expression, "\"a\"\"b\" \"c`\"d\"", "dq:a\"b dq:c\"d"},
		{Expression, "\"`0`a`b`e`f`n`r`t`v`x\"", "dq:\x00\a\b\x1b\f\n\r\t\vx"},
		{Expression, "\"`u{41}`u{1F600}\"", "dq:A\U0001F600"},
		{Expression, "\"$a and $($b)\"", "dq:$a and $($b)+3"},
		{Expression, "@'\nx\n'@", "hsq:x"},
		{Expression, "@\"\n$x\n\"@", "hdq:$x+1"},

		// Newlines, comments, continuation.
		{Command, "a\nb\r\nc\rd", "id:a newline id:b newline id:c newline id:d"},
		{Command, "a # c\nb", "id:a newline id:b"},
		{Command, "a <# c\n #> b", "id:a id:b"},
		{Command, "a `\nb", "id:a id:b"},
		{Command, "a ` \nb", "id:a newline id:b"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			toks, errs := scanAll(c.mode, c.src)
			assert.Empty(t, errs)
			assert.Equal(t, c.want, strings.Join(toks, " "))
		})
	}
}

func TestTokenPositions(t *testing.T) {
	src := "Get-VM\n  -Name 'é' | Out-Null"
	l := New(NewPosTable(src), nil)
	want := []struct {
		text      string
		line, col int
		endCol    int
	}{
		{"Get-VM", 1, 1, 7}, {"\n", 1, 7, 1}, {"-Name", 2, 3, 8}, {"'é'", 2, 9, 12}, {"|", 2, 13, 14}, {"Out-Null", 2, 15, 23},
	}
	for _, w := range want {
		tok := l.Next()
		assert.Equal(t, w.text, tok.Text)
		assert.Equal(t, w.line, tok.Pos.Line, tok.Text)
		assert.Equal(t, w.col, tok.Pos.Col, tok.Text)
		assert.Equal(t, w.endCol, tok.EndPos.Col, tok.Text)
		assert.Equal(t, src[tok.Start:tok.End], tok.Text)
	}
	assert.Equal(t, token.EOF, l.Next().Kind)
	assert.Equal(t, token.EOF, l.Next().Kind, "EOF again and again")
}

func TestResetRescansInAnotherMode(t *testing.T) {
	l := New(NewPosTable("-eq 1"), nil)
	l.Mode = Command
	tok := l.Next()
	require.Equal(t, token.Parameter, tok.Kind)
	l.Reset(tok.Start)
	l.Mode = Expression
	assert.Equal(t, token.Ieq, l.Next().Kind)
}

func TestSignedNumbers(t *testing.T) {
	l := New(NewPosTable("-5 +2"), nil)
	l.Mode = Expression
	l.AllowSignedNumbers = true
	a, b := l.Next(), l.Next()
	assert.Equal(t, int32(-5), a.Num)
	assert.Equal(t, int32(2), b.Num)
}

func TestExpandableParts(t *testing.T) {
	src := `"Hi $name, it is $(Get-Date) ${x}!"`
	l := New(NewPosTable(src), nil)
	l.Mode = Expression
	tok := l.Next()
	require.Len(t, tok.Parts, 7)
	var kinds []PartKind
	for _, p := range tok.Parts {
		kinds = append(kinds, p.Kind)
	}
	assert.Equal(t, []PartKind{PartText, PartVariable, PartText, PartSubExpr, PartText, PartVariable, PartText}, kinds)
	assert.Equal(t, "Hi ", tok.Parts[0].Value)
	assert.Equal(t, "name", tok.Parts[1].Var.Value)
	assert.Equal(t, "$(Get-Date)", tok.Parts[3].Sub.Text)
	assert.Equal(t, len(tok.Parts[3].Sub.Text)+1, len(tok.Parts[3].Sub.Offsets))
	assert.Equal(t, strings.Index(src, "$("), tok.Parts[3].Sub.Offsets[0])
	assert.True(t, tok.Parts[5].Var.Braced)
	assert.Equal(t, "!", tok.Parts[6].Value)
	assert.Equal(t, `Hi $name, it is $(Get-Date) ${x}!`, tok.Raw)

	// "" inside $( ) in a "..." string is one quote, and the nested text
	// still maps back to the file.
	src = `"$(""a"")"`
	l = New(NewPosTable(src), nil)
	tok = l.Next()
	require.Len(t, tok.Parts, 1)
	sub := tok.Parts[0].Sub
	assert.Equal(t, `$("a")`, sub.Text)
	assert.Equal(t, strings.LastIndex(src, `a`), sub.Offsets[strings.Index(sub.Text, "a")])
}

func TestHereStrings(t *testing.T) {
	cases := []struct{ src, value string }{
		{"@'\nabc\n'@", "abc"},
		{"@'\n\n'@", ""},
		{"@'   \nx\n'@", "x"},
		{"@'\nline1\nline2\n'@", "line1\nline2"},
		{"@'\n 'quoted' \n'@", " 'quoted' "},
		{"@'\nx '@ inside\n'@", "x '@ inside"},
	}
	for _, c := range cases {
		toks, errs := scanAll(Expression, c.src)
		assert.Empty(t, errs, c.src)
		require.NotEmpty(t, toks, c.src)
		assert.Equal(t, "hsq:"+c.value, toks[0], c.src)
	}
}

func TestLexerErrors(t *testing.T) {
	cases := []struct {
		mode Mode
		src  string
		err  string
	}{
		{Expression, "'abc", "TerminatorExpectedAtEndOfString@1:1"},
		{Expression, "  \"abc", "TerminatorExpectedAtEndOfString@1:3"},
		{Expression, "@'abc'@", "UnexpectedCharactersAfterHereStringHeader@1:3"},
		{Expression, "@'\nabc", "TerminatorExpectedAtEndOfString@1:1"},
		{Expression, "@'\nabc\n '@", "WhitespaceBeforeHereStringFooter@3:2"},
		{Expression, "<# x", "MissingTerminatorMultiLineComment@1:1"},
		{Expression, "${x", "IncompleteDollarVariableReference@1:2"},
		{Expression, "${}", "EmptyVariableReference@1:3"},
		{Expression, "${a{b}", "OpenBraceNeedsToBeBackTickedInVariableName@1:4"},
		{Expression, "$x:", "InvalidVariableReferenceWithDrive@1:1"},
		{Expression, "\"$(x\"", "IncompleteDollarSubexpressionReference@1:2"},
		{Expression, "\"`u{12345678}\"", "TooManyDigitsInUnicodeEscapeSequence@1:11"},
		{Expression, "\"`u{12\"", "InvalidUnicodeEscapeSequence@1:7"},
		{Expression, "\"`ux\"", "InvalidUnicodeEscapeSequence@1:2"},
		{Expression, "0x1FFFFFFFFFFFFFFFF", "BadNumericConstant@1:20"},
		{Expression, "256uy", "BadNumericConstant@1:6"},
		{Command, "@", "UnrecognizedToken@1:1"},
		{Command, "`", "IncompleteString@1:2"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			_, errs := scanAll(c.mode, c.src)
			assert.Contains(t, errs, c.err)
		})
	}
}

func TestNumberKinds(t *testing.T) {
	cases := map[string]ast.NumberKind{
		"1": ast.Int32Number, "3000000000": ast.Int64Number, "1.0": ast.DoubleNumber,
		"1d": ast.DecimalNumber, "99999999999999999999": ast.DecimalNumber,
		"1e30": ast.DoubleNumber, "1n": ast.BigIntegerNumber,
	}
	for src, kind := range cases {
		l := New(NewPosTable(src), nil)
		l.Mode = Expression
		assert.Equal(t, kind, l.Next().NumKind, src)
	}
	// A 29-digit integer is beyond decimal and becomes a double.
	l := New(NewPosTable("99999999999999999999999999999999"), nil)
	l.Mode = Expression
	assert.Equal(t, ast.DoubleNumber, l.Next().NumKind)
}

func TestPipeContinues(t *testing.T) {
	cases := map[string]bool{
		"a\n| b":             true,
		"a\n  | b":           true,
		"a\n# note\n| b":     true,
		"a\n<# note #>\n| b": true,
		"a\n\n| b":           false,
		"a\nb":               false,
		"a\n|| b":            true,
		"a\r\n| b":           true,
	}
	for src, want := range cases {
		l := New(NewPosTable(src), nil)
		l.Next()
		nl := l.Next()
		require.Equal(t, token.NewLine, nl.Kind, src)
		assert.Equal(t, want, l.PipeContinues(nl.End), "%q", src)
	}
}

func TestMemberAccessNeedsNoSpace(t *testing.T) {
	l := New(NewPosTable("$a.b $a .b $a::c ${a}?.d $a[0] ${a}?[0] $a?.d"), nil)
	l.Mode = Expression
	var got []string
	for {
		tok := l.Next()
		if tok.Kind == token.EOF {
			break
		}
		if tok.Kind != token.Variable {
			continue
		}
		if m, ok := l.MemberAccess(true); ok {
			got = append(got, m.Kind.String())
		} else {
			got = append(got, "none")
		}
	}
	assert.Equal(t, []string{".", "none", "::", "?.", "[", "?[", "."}, got)
}

func TestPosTable(t *testing.T) {
	src := "ab\r\ncd\ref\n" + strings.Repeat("é", 100) + "x"
	tab := NewPosTable(src)
	assert.Equal(t, token.Pos{Offset: 0, Line: 1, Col: 1}, tab.Pos(0))
	assert.Equal(t, token.Pos{Offset: 4, Line: 2, Col: 1}, tab.Pos(4))
	assert.Equal(t, token.Pos{Offset: 7, Line: 3, Col: 1}, tab.Pos(7))
	x := strings.Index(src, "x")
	assert.Equal(t, token.Pos{Offset: x, Line: 4, Col: 101}, tab.Pos(x))
	assert.Equal(t, tab.Pos(len(src)), tab.Pos(len(src)+10), "clamped")
	assert.Equal(t, tab.Pos(0), tab.Pos(-3), "clamped")
}
