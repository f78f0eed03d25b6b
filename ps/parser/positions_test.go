package parser

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// text returns the source text a node spans.
func text(f *ast.File, n ast.Node) string {
	return f.Source[n.Pos().Offset:n.End().Offset]
}

// checkSpans verifies every node of f: its positions agree with the
// source (line and rune column of its offsets), Start <= Stop, and it lies
// inside its parent.
func checkSpans(t *testing.T, f *ast.File) {
	t.Helper()
	table := lexer.NewPosTable(f.Source)
	var stack []ast.Node
	check := func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		s, e := n.Pos(), n.End()
		desc := fmt.Sprintf("%T %v-%v", n, s, e)
		if assert.True(t, s.IsValid() && e.IsValid(), "invalid span: %s", desc) {
			assert.Equal(t, table.Pos(s.Offset), s, "start of %s", desc)
			assert.Equal(t, table.Pos(e.Offset), e, "end of %s", desc)
			assert.LessOrEqual(t, s.Offset, e.Offset, "reversed span: %s", desc)
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				assert.GreaterOrEqual(t, s.Offset, p.Pos().Offset, "%s starts before its parent %T %v", desc, p, p.Pos())
				assert.LessOrEqual(t, e.Offset, p.End().Offset, "%s ends after its parent %T %v", desc, p, p.End())
			}
		}
		stack = append(stack, n)
		return true
	}
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if n == nil {
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			return false
		}
		return check(n)
	})
}

func TestSpans(t *testing.T) {
	src := "Get-VM -Name web01 -Confirm:$false | Select-Object Name\n$x = @{ a = 1 }\n"
	f := parseOK(t, src)
	checkSpans(t, f)
	stmts := f.Body.EndBlock.Statements
	require.Len(t, stmts, 2)

	pl := stmts[0].(*ast.Pipeline)
	assert.Equal(t, "Get-VM -Name web01 -Confirm:$false | Select-Object Name", text(f, pl))
	cmd := pl.Elements[0].(*ast.Command)
	assert.Equal(t, "Get-VM -Name web01 -Confirm:$false", text(f, cmd))
	assert.Equal(t, "Get-VM", text(f, cmd.Name))
	require.Len(t, cmd.Args, 3)
	name := cmd.Args[0].(*ast.CommandParameter)
	assert.Equal(t, "-Name", text(f, name))
	assert.Equal(t, "Name", name.Name)
	assert.Equal(t, "-Name", name.Text)
	assert.Nil(t, name.Arg)
	confirm := cmd.Args[2].(*ast.CommandParameter)
	assert.Equal(t, "-Confirm:$false", text(f, confirm))
	assert.Equal(t, "-Confirm:", confirm.Text)
	assert.Equal(t, token.Pos{Offset: 19, Line: 1, Col: 20}, confirm.Pos())

	as := stmts[1].(*ast.Assignment)
	assert.Equal(t, "$x = @{ a = 1 }", text(f, as))
	assert.Equal(t, token.Pos{Offset: 56, Line: 2, Col: 1}, as.Pos())
	assert.Equal(t, token.Pos{Offset: 71, Line: 2, Col: 16}, as.End())
	h := as.Right.(*ast.Pipeline).Elements[0].(*ast.CommandExpr).Expr.(*ast.HashtableExpr)
	assert.Equal(t, "a = 1", text(f, h.Pairs[0]))
}

func TestSpansCountRunes(t *testing.T) {
	src := "$é = 'ünïcödé'; $x"
	f := parseOK(t, src)
	checkSpans(t, f)
	x := f.Body.EndBlock.Statements[1]
	assert.Equal(t, 17, x.Pos().Col, "columns count runes, not bytes")
	assert.Equal(t, len("$é = 'ünïcödé'; "), x.Pos().Offset, "offsets count bytes")
	assert.Equal(t, utf8.RuneCountInString(src)+1, x.End().Col)
}

func TestSpansOfExpandableStringParts(t *testing.T) {
	src := "Write-Host \"VM $($vm.Name) is $state\""
	f := parseOK(t, src)
	checkSpans(t, f)
	cmd := f.Body.EndBlock.Statements[0].(*ast.Pipeline).Elements[0].(*ast.Command)
	es := cmd.Args[0].(*ast.ExpandableString)
	assert.Equal(t, `VM $($vm.Name) is $state`, es.Raw)
	require.Len(t, es.Parts, 4)
	assert.Equal(t, "VM ", text(f, es.Parts[0]))
	sub := es.Parts[1].(*ast.SubExpr)
	assert.Equal(t, "$($vm.Name)", text(f, sub))
	inner := sub.Body.Statements[0].(*ast.Pipeline).Elements[0].(*ast.CommandExpr).Expr
	assert.Equal(t, "$vm.Name", text(f, inner), "positions inside $( ) point into the file")
	assert.Equal(t, " is ", text(f, es.Parts[2]))
	assert.Equal(t, "$state", text(f, es.Parts[3]))
}

func TestSpansOfErrorsInNestedStrings(t *testing.T) {
	list := parseErrors(t, "$x = 1\n\"value: $($a +)\"")
	require.NotEmpty(t, list)
	assert.Equal(t, "ExpectedValueExpression", list[0].ID)
	assert.Equal(t, 2, list[0].Pos.Line)
	assert.Equal(t, 15, list[0].Pos.Col, "an error inside $( ) in a string points into the file")
}

func TestScriptBlockText(t *testing.T) {
	f := parseOK(t, "$sb = { Get-Date | Out-Host }")
	sbe := f.Body.EndBlock.Statements[0].(*ast.Assignment).Right.(*ast.Pipeline).Elements[0].(*ast.CommandExpr).Expr.(*ast.ScriptBlockExpr)
	assert.Equal(t, " Get-Date | Out-Host ", sbe.Text)
	assert.Equal(t, "{ Get-Date | Out-Host }", text(f, sbe))
	checkSpans(t, f)
}

func TestScriptParamBlock(t *testing.T) {
	src := "<#\n.SYNOPSIS\nRekeys.\n#>\n[CmdletBinding(SupportsShouldProcess)]\nparam(\n  [Parameter(Mandatory)][string]$Server,\n  [int]$Port = 443\n)\nConnect-VIServer $Server -Port $Port\n"
	f := parseOK(t, src)
	checkSpans(t, f)
	sb := f.Body
	require.Len(t, sb.Attributes, 1)
	assert.Equal(t, "CmdletBinding", sb.Attributes[0].Name.Name)
	require.Len(t, sb.Attributes[0].Named, 1)
	assert.Equal(t, "SupportsShouldProcess", sb.Attributes[0].Named[0].Name)
	assert.Nil(t, sb.Attributes[0].Named[0].Value)
	require.NotNil(t, sb.Param)
	require.Len(t, sb.Param.Params, 2)
	server := sb.Param.Params[0]
	assert.Equal(t, "Server", server.Name)
	require.Len(t, server.Attributes, 1)
	assert.Equal(t, "Parameter", server.Attributes[0].Name.Name)
	require.Len(t, server.Types, 1)
	assert.Equal(t, "string", server.Types[0].Name)
	assert.Equal(t, "[Parameter(Mandatory)][string]$Server", text(f, server))
	port := sb.Param.Params[1]
	assert.Equal(t, "443", text(f, port.Default))
	require.NotNil(t, sb.EndBlock)
	assert.True(t, sb.EndBlock.Unnamed)
	assert.Equal(t, token.End, sb.EndBlock.Kind)
	assert.Equal(t, "(cmd Connect-VIServer $Server -Port $Port)", sexprStmts(f))
}

func TestTypeNames(t *testing.T) {
	cases := []struct {
		src, name, base string
		array           int
		generic         int
	}{
		{"[int]", "int", "int", 0, 0},
		{"[string[]]", "string[]", "string", 1, 0},
		{"[int[,]]", "int[,]", "int", 2, 0},
		{"[System.Collections.Generic.List[string]]", "System.Collections.Generic.List[string]", "System.Collections.Generic.List", 0, 1},
		{"[System.Collections.Generic.Dictionary[string, int]]", "System.Collections.Generic.Dictionary[string,int]", "System.Collections.Generic.Dictionary", 0, 2},
		{"[Collections.Generic.List[[string]]]", "Collections.Generic.List[string]", "Collections.Generic.List", 0, 1},
		{"[Collections.Generic.List[string][]]", "Collections.Generic.List[string][]", "Collections.Generic.List", 1, 1},
		{"[Outer+Inner]", "Outer+Inner", "Outer+Inner", 0, 0},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			f := parseOK(t, c.src)
			checkSpans(t, f)
			te := f.Body.EndBlock.Statements[0].(*ast.Pipeline).Elements[0].(*ast.CommandExpr).Expr.(*ast.TypeExpr)
			assert.Equal(t, c.name, te.Type.Name)
			assert.Equal(t, c.base, te.Type.Base)
			assert.Equal(t, c.array, te.Type.Array)
			assert.Len(t, te.Type.Generic, c.generic)
			if c.array > 0 {
				require.NotNil(t, te.Type.Element)
			}
		})
	}
	f := parseOK(t, "[int[][]]")
	jagged := f.Body.EndBlock.Statements[0].(*ast.Pipeline).Elements[0].(*ast.CommandExpr).Expr.(*ast.TypeExpr).Type
	assert.Equal(t, "int[][]", jagged.Name)
	assert.Equal(t, "int[]", jagged.Element.Name)
	assert.Equal(t, "int", jagged.Element.Element.Name)
}

func TestTrapsAreLifted(t *testing.T) {
	f := parseOK(t, "Get-A\ntrap { 'caught' }\nGet-B\nif ($x) { trap [System.Exception] { } ; 1 }")
	checkSpans(t, f)
	require.Len(t, f.Body.Traps, 1)
	require.Len(t, f.Body.EndBlock.Statements, 3)
	ifs := f.Body.EndBlock.Statements[2].(*ast.IfStmt)
	require.Len(t, ifs.Clauses[0].Body.Traps, 1)
	assert.Equal(t, "System.Exception", ifs.Clauses[0].Body.Traps[0].Type.Name)
	assert.Len(t, ifs.Clauses[0].Body.Statements, 1)
}

func TestNumberValues(t *testing.T) {
	cases := []struct {
		src  string
		kind ast.NumberKind
		val  any
	}{
		{"42", ast.Int32Number, int32(42)},
		{"2147483647", ast.Int32Number, int32(2147483647)},
		{"2147483648", ast.Int64Number, int64(2147483648)},
		{"-2147483648", ast.Int32Number, int32(-2147483648)},
		{"0x7FFFFFFF", ast.Int32Number, int32(0x7FFFFFFF)},
		{"0x80000000", ast.Int32Number, int32(-2147483648)},
		{"0xFFFFFFFFFFFFFFFF", ast.Int64Number, int64(-1)},
		{"0xFFFFFFFFu", ast.UInt32Number, uint32(0xFFFFFFFF)},
		{"0b11111111", ast.Int32Number, int32(255)},
		{"0b11111111111111111111111111111111", ast.Int32Number, int32(-1)},
		{"1kb", ast.Int32Number, int32(1024)},
		{"1pb", ast.Int64Number, int64(1) << 50},
		{"1.5", ast.DoubleNumber, 1.5},
		{"1.5e2", ast.DoubleNumber, 150.0},
		{"1.5d", ast.DecimalNumber, 1.5},
		{"1.9l", ast.Int64Number, int64(1)},
		{"255uy", ast.ByteNumber, uint8(255)},
		{"-128y", ast.SByteNumber, int8(-128)},
		{"32767s", ast.Int16Number, int16(32767)},
		{"65535us", ast.UInt16Number, uint16(65535)},
		{"5u", ast.UInt32Number, uint32(5)},
		{"5ul", ast.UInt64Number, uint64(5)},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			f := parseOK(t, c.src)
			n := f.Body.EndBlock.Statements[0].(*ast.Pipeline).Elements[0].(*ast.CommandExpr).Expr.(*ast.Number)
			assert.Equal(t, c.kind, n.Kind)
			assert.Equal(t, c.val, n.Value)
			assert.Equal(t, c.src, n.Text)
		})
	}
	f := parseOK(t, "123456789012345678901234567890n")
	n := f.Body.EndBlock.Statements[0].(*ast.Pipeline).Elements[0].(*ast.CommandExpr).Expr.(*ast.Number)
	assert.Equal(t, ast.BigIntegerNumber, n.Kind)
	assert.Equal(t, "123456789012345678901234567890", fmt.Sprint(n.Value))
}

func TestStringKindsAndValues(t *testing.T) {
	f := parseOK(t, "Write-Output 'a' \"b\" @'\nc\n'@ @\"\nd\n\"@ e")
	cmd := f.Body.EndBlock.Statements[0].(*ast.Pipeline).Elements[0].(*ast.Command)
	kinds := []ast.StringKind{ast.SingleQuoted, ast.DoubleQuoted, ast.SingleQuotedHere, ast.DoubleQuotedHere, ast.BareWord}
	values := []string{"a", "b", "c", "d", "e"}
	require.Len(t, cmd.Args, 5)
	for i, a := range cmd.Args {
		sc := a.(*ast.StringConstant)
		assert.Equal(t, kinds[i], sc.Kind)
		assert.Equal(t, values[i], sc.Value)
	}
	checkSpans(t, f)
}

func TestVariableFields(t *testing.T) {
	f := parseOK(t, "Write-Output $Global:Foo @splat ${a b}")
	cmd := f.Body.EndBlock.Statements[0].(*ast.Pipeline).Elements[0].(*ast.Command)
	v := cmd.Args[0].(*ast.Variable)
	assert.Equal(t, "Foo", v.Name)
	assert.Equal(t, "global", v.Scope)
	s := cmd.Args[1].(*ast.Variable)
	assert.True(t, s.Splatted)
	assert.Equal(t, "splat", s.Name)
	b := cmd.Args[2].(*ast.Variable)
	assert.True(t, b.Braced)
	assert.Equal(t, "a b", b.Name)
}

func TestBinaryOpPos(t *testing.T) {
	f := parseOK(t, "$a  -eq  $b")
	be := f.Body.EndBlock.Statements[0].(*ast.Pipeline).Elements[0].(*ast.CommandExpr).Expr.(*ast.BinaryExpr)
	assert.Equal(t, 5, be.OpPos.Col)
	assert.Equal(t, token.Ieq, be.Op)
}

// More sources with consistent spans (runGolden checks the golden ones).
func TestSampleSpans(t *testing.T) {
	for _, src := range spanSamples {
		checkSpans(t, parseOK(t, src))
	}
}

var spanSamples = []string{
	"Get-VM | Where-Object { $_.PowerState -eq 'PoweredOn' } | Select-Object Name, @{ N = 'GB'; E = { [math]::Round($_.UsedSpaceGB, 2) } }",
	"foreach ($vm in Get-VM) { if ($vm.ExtensionData.Config.KeyId) { echo $vm.name } }",
	"switch -Regex ($x) { '^a' { 1; break } default { 2 } }",
	"try { Get-X -ErrorAction Stop } catch [System.Exception] { Write-Warning $_.Exception.Message } finally { 'done' }",
	"function f { [CmdletBinding()] param([Parameter(Mandatory)][string]$n) begin { } process { $n } end { } }",
	"$x = $a ? $b : $c ?? 'd'",
	"\"a $($b.c) ${d} $e\" | Out-Host 2>&1 > out.txt",
	"@\"\nHello $name\n$(Get-Date)\n\"@",
	":outer for ($i = 0; $i -lt 3; $i++) { continue outer }",
	"do { $i-- } until ($i -le 0)",
	"[int[]]$a = 1, 2, 3; $a[0..1]",
	"& { param($x) $x } -x 5 | % { $_ }",
	"data d { 'x' }",
	"trap { continue } 1",
	"$h = [ordered]@{ a = 1; b = @(1, 2); c = @{ d = $null } }",
	"Get-X -A:$true -B a,b -- -C",
}

func TestByteOrderMark(t *testing.T) {
	f := parseOK(t, "\ufeff[CmdletBinding()]\nparam($a)\nGet-X $a")
	require.NotNil(t, f.Body.Param, "the BOM does not hide the param block")
	assert.Equal(t, 1, f.Body.Attributes[0].Pos().Col, "columns start after the BOM")
	checkSpans(t, f)
}
