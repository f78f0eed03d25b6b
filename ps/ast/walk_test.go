package ast_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/parser"
)

const script = `
[CmdletBinding()]
param([Parameter(Mandatory)][string[]]$Name, [int]$N = 2)
function f($a) { begin { 1 } process { $a } end { trap { continue } } }
$x = foreach ($i in 1..$N) { if ($i -gt 1) { "v$($i)" } elseif (-not $i) { [int]'3' } else { @(1, 2)[0] } }
switch -Regex ($x) { 'a' { break } default { continue } }
try { Get-X -A:$true 2>&1 | Out-Null } catch [System.Exception] { throw } finally { exit 1 }
for ($j = 0; $j -lt 3; $j++) { while ($false) {} ; do { } until ($true) }
$h = @{ k = { param($p) $p.M(1) }; v = $a ? $b : $c ?? $d }
data d { 'x' }
return $h[$k]?.Length
`

func parse(t *testing.T, src string) *ast.File {
	t.Helper()
	f, err := parser.ParseFile("<t>", src)
	require.NoError(t, err)
	return f
}

func TestInspectVisitsEveryKind(t *testing.T) {
	f := parse(t, script)
	seen := map[string]int{}
	depth, maxDepth := 0, 0
	ast.Inspect(f.Body, func(n ast.Node) bool {
		if n == nil {
			depth--
			return false
		}
		depth++
		if depth > maxDepth {
			maxDepth = depth
		}
		seen[fmt.Sprintf("%T", n)]++
		return true
	})
	assert.Equal(t, 0, depth, "every node is followed by f(nil)")
	assert.Greater(t, maxDepth, 5)
	for _, kind := range []string{
		"*ast.Attribute", "*ast.NamedArg", "*ast.ParamBlock", "*ast.Parameter", "*ast.TypeName",
		"*ast.NamedBlock", "*ast.FunctionDef", "*ast.TrapStmt", "*ast.Assignment", "*ast.ForEachStmt",
		"*ast.IfStmt", "*ast.IfClause", "*ast.BinaryExpr", "*ast.ExpandableString", "*ast.SubExpr",
		"*ast.UnaryExpr", "*ast.ConvertExpr", "*ast.IndexExpr", "*ast.ArrayExpr", "*ast.ArrayLiteral",
		"*ast.SwitchStmt", "*ast.SwitchClause", "*ast.BreakStmt", "*ast.ContinueStmt", "*ast.TryStmt",
		"*ast.CatchClause", "*ast.ThrowStmt", "*ast.ExitStmt", "*ast.Pipeline", "*ast.Command",
		"*ast.CommandParameter", "*ast.Redirection", "*ast.ForStmt", "*ast.WhileStmt", "*ast.DoStmt",
		"*ast.HashtableExpr", "*ast.KeyValue", "*ast.ScriptBlockExpr", "*ast.InvokeMemberExpr",
		"*ast.TernaryExpr", "*ast.DataStmt", "*ast.ReturnStmt", "*ast.MemberExpr", "*ast.Variable",
		"*ast.Number", "*ast.StringConstant", "*ast.CommandExpr", "*ast.StatementBlock",
	} {
		assert.Greater(t, seen[kind], 0, "%s not visited", kind)
	}
}

func TestInspectPrunes(t *testing.T) {
	f := parse(t, "function f { $inside }; $outside")
	var vars []string
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FunctionDef:
			return false
		case *ast.Variable:
			vars = append(vars, n.Name)
		}
		return true
	})
	assert.Equal(t, []string{"outside"}, vars)
}

func TestInspectToleratesNilFields(t *testing.T) {
	// Partial trees (as built for scripts with errors) have nil fields,
	// some of them typed nils inside interfaces.
	var noBlock *ast.StatementBlock
	var noVar *ast.Variable
	nodes := []ast.Node{
		&ast.IfStmt{Clauses: []*ast.IfClause{{}}},
		&ast.ForEachStmt{Variable: noVar},
		&ast.WhileStmt{Body: noBlock},
		&ast.FunctionDef{},
		&ast.ScriptBlockExpr{},
		&ast.UnaryExpr{},
		&ast.BinaryExpr{Left: noVar},
		&ast.TryStmt{},
		&ast.Command{},
		&ast.TypeName{Generic: []*ast.TypeName{nil}},
		noVar,
		nil,
	}
	for _, n := range nodes {
		assert.NotPanics(t, func() { ast.Inspect(n, func(ast.Node) bool { return true }) }, "%T", n)
	}
	assert.NotPanics(t, func() { ast.Inspect((*ast.ScriptBlock)(nil), func(ast.Node) bool { return true }) })
}
