package parser

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/keyhost/keyhost/ps/ast"
)

// FuzzParse checks that no input makes the parser panic or hang, that
// every error has a valid position inside the source, and that the tree
// (complete or partial) can be walked.
func FuzzParse(f *testing.F) {
	for _, src := range fuzzSeeds() {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		st := time.Now()
		file, err := ParseFile("<fuzz>", src)
		if d := time.Since(st); d > 2*time.Second {
			t.Fatalf("slow (%v) on %d bytes: %q", d, len(src), src)
		}
		if file == nil || file.Body == nil {
			t.Fatalf("no file for %q", src)
		}
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %v", err)
			}
			if len(list) > maxErrors {
				t.Fatalf("%d errors, more than %d", len(list), maxErrors)
			}
			for _, e := range list {
				if !e.Pos.IsValid() || e.Pos.Col < 1 || e.Pos.Offset < 0 || e.Pos.Offset > len(src) {
					t.Fatalf("error with invalid position %+v: %v", e.Pos, e)
				}
				if e.ID == "" || e.Msg == "" {
					t.Fatalf("error without id or message: %+v", e)
				}
			}
		}
		ast.Inspect(file.Body, func(n ast.Node) bool {
			if n == nil {
				return false
			}
			s, e := n.Pos(), n.End()
			if err == nil && (!s.IsValid() || !e.IsValid() || s.Offset > e.Offset || e.Offset > len(src)) {
				t.Fatalf("%T has a bad span %v-%v in %q", n, s, e, src)
			}
			return true
		})
	})
}

// fuzzSeeds is a corpus of valid and broken scripts.
func fuzzSeeds() []string {
	seeds := []string{
		"", " ", "\n", "$", "@", "`", "'", "\"", "@'", "@\"\n", "<#", "#", "[", "]", "{", "}", "(", ")",
		"$(", "@(", "@{", "${", "-", "--", "--%", "&", "&&", "||", "|", ";", ",", ".", "..", "::", ":",
		"?", "??", "?.", "!", "=", "+=", "++", "2>&1", "*>", "<", ">", "0x", "0b", "1e", "1kb", "1.5d",
		"\"$(\"$(\"\")\")\"", "\"`u{\"", "${a`", "[a[b[", "function", "param(", "switch", "try {} catch [",
		"\x00", "\r\n", "\r", "\xff\xfe", "–Name", "“x”", "‘x’",
	}
	for _, group := range [][]golden{expressionsCases, variablesCases, expandableStringsCases, commandsCases, assignmentsCases, statementsCases, functionsCases, newlinesAndSeparatorsCases, idiomsCases} {
		for _, g := range group {
			seeds = append(seeds, g.src)
		}
	}
	seeds = append(seeds, spanSamples...)
	for _, pattern := range []string{"testdata/*.ps1", "../testdata/conformance/*.ps1", "../testdata/conformance/*/*.ps*1", "../testdata/conformance/*/*/*.ps*1"} {
		files, _ := filepath.Glob(filepath.FromSlash(pattern))
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				seeds = append(seeds, string(b))
			}
		}
	}
	return seeds
}
