package lexer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/keyhost/keyhost/ps/token"
)

// FuzzLexer scans arbitrary text, switching modes and flags and rewinding
// as the parser does, and checks that the lexer never panics, always moves
// on, and hands out valid positions, also for nested $( ) texts.
func FuzzLexer(f *testing.F) {
	for _, s := range []string{
		"", "Get-VM -Name a,b | ? { $_.x -eq 1 }", "$x = 1 + 2 * 3", "\"a $b $(c) ${d}\"",
		"@'\nx\n'@", "@\"\n$x\n\"@", "0x1F 1kb 1.5e3 7uy", "<# c #> # d\n`\n", "${a`}b}", "-Confirm:$false",
		"2>&1 *> x", "[int[]]$a", "$a::b $a?.c", "“x” ‘y’ –z", "\x00\xff", "\"`u{1F600}\"", "a`", "\"$(\"$(x)\")\"",
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(0xA5))
	}
	for _, src := range scriptSeeds() {
		f.Add(src, uint8(0))
		f.Add(src, uint8(0x5A))
	}
	f.Fuzz(func(t *testing.T, src string, script uint8) {
		var errs []Error
		table := NewPosTable(src)
		check := func(e Error) {
			if !e.Pos.IsValid() || e.Pos.Offset < 0 || e.Pos.Offset > len(src) || e.ID == "" || e.Msg == "" {
				t.Fatalf("bad error %+v", e)
			}
			errs = append(errs, e)
		}
		l := New(table, check)
		scan(t, l, src, script, 0)
		_ = errs
	})
}

// scan tokenizes the lexer's text to the end; the bits of script choose
// modes and flags and when to rewind. Nested texts are scanned too.
func scan(t *testing.T, l *Lexer, src string, script uint8, depth int) {
	modes := []Mode{Command, Expression, TypeName}
	limit := 4*len(l.Text()) + 16
	for i := 0; ; i++ {
		if i > limit {
			t.Fatalf("no end after %d tokens", i)
		}
		bits := script >> (i % 8)
		l.Mode = modes[int(bits)%3]
		l.AllowSignedNumbers = bits&4 != 0
		l.WantSimpleName = bits&8 != 0
		l.EndNumberOnTernary = bits&16 != 0
		before := l.Offset()
		tok := l.Next()
		if tok.Kind == token.EOF {
			return
		}
		if tok.End <= before || tok.Start < before || tok.End > len(l.Text()) {
			t.Fatalf("token %v [%d,%d) does not move on from %d", tok.Kind, tok.Start, tok.End, before)
		}
		if !tok.Pos.IsValid() || !tok.EndPos.IsValid() || tok.Pos.Offset > tok.EndPos.Offset || tok.EndPos.Offset > len(src) {
			t.Fatalf("token %v has bad positions %v-%v", tok.Kind, tok.Pos, tok.EndPos)
		}
		for _, p := range tok.Parts {
			if p.Sub != nil {
				if len(p.Sub.Offsets) != len(p.Sub.Text)+1 {
					t.Fatalf("nested text %q has %d offsets", p.Sub.Text, len(p.Sub.Offsets))
				}
				if depth < 4 {
					scan(t, NewNested(p.Sub, l.table, l.report), src, script, depth+1)
				}
			}
		}
		// Now and then rewind to the token and rescan it in another mode,
		// as the parser does; then take the token as scanned now.
		if bits&32 != 0 && i%3 == 0 {
			l.Reset(tok.Start)
			l.Mode = modes[(int(bits)+1)%3]
			if again := l.Next(); again.Kind != token.EOF && again.End <= tok.Start {
				t.Fatalf("rescan did not move on")
			}
		}
		l.MemberAccess(bits&64 != 0)
		l.InvokeParen()
		if bits&128 != 0 {
			l.LBracket()
			l.SkipNewlines(bits&1 != 0)
			l.PipeContinues(l.Offset())
		}
	}
}

// scriptSeeds are the repository's PowerShell test scripts: the parser's
// golden scripts and the conformance suite.
func scriptSeeds() []string {
	var out []string
	for _, pattern := range []string{"../parser/testdata/*.ps1", "../testdata/conformance/*.ps1", "../testdata/conformance/*/*.ps*1", "../testdata/conformance/*/*/*.ps*1"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				out = append(out, string(b))
			}
		}
	}
	return out
}
