package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/ast"
)

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

// faqDir holds the repository's copy of the NKP FAQ scripts (checked
// against the specification's by the keyhost command's tests).
const faqDir = "../../cmd/keyhost/demo/faq"

// readFAQ reads one of the FAQ scripts.
func readFAQ(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(faqDir, name))
	require.NoError(t, err)
	return string(b)
}

// Every sample script parses, with consistent spans.
func TestTestdataScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.ps1"))
	require.NoError(t, err)
	faqs, err := filepath.Glob(filepath.Join(faqDir, "*.ps1"))
	require.NoError(t, err)
	require.Len(t, faqs, 5)
	files = append(files, faqs...)
	require.NotEmpty(t, files)
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(name)
			require.NoError(t, err)
			src := string(b)
			f, err := ParseFile(name, src)
			require.NoError(t, err)
			assert.Equal(t, name, f.Name)
			assert.Equal(t, src, f.Source)
			checkSpans(t, f)
		})
	}
}

func TestFAQShallowRekey(t *testing.T) {
	f := parseOK(t, readFAQ(t, "01-shallow-rekey-one-vm.ps1"))
	assert.Equal(t,
		"(= $keyprovider (cmd Get-KeyProvider -Name $keyprovidername -ErrorAction Stop))\n"+
			"(cmd Set-VM -VM $vm -KeyProvider $keyprovider -SkipHardDisks)",
		sexprStmts(f))
}

func TestFAQRekeyAll(t *testing.T) {
	f := parseOK(t, readFAQ(t, "02-rekey-all-encrypted-vms.ps1"))
	assert.Equal(t,
		"(foreach $vm (cmd Get-VM) (block "+
			"(= $vmview (cmd Get-View $vm)) "+
			"(if (clause (. (. $vmview Config) KeyId) (then "+
			"(cmd Set-VM -VM $vm -KeyProvider $keyprovider -SkipHardDisks (-Confirm: $false) -ErrorAction Stop))))))",
		sexprStmts(f))
}

func TestFAQVsanRekey(t *testing.T) {
	f := parseOK(t, readFAQ(t, "04-rekey-vsan-clusters.ps1"))
	stmts := f.Body.EndBlock.Statements
	require.Len(t, stmts, 2)
	loop := stmts[1].(*ast.ForEachStmt)
	ifs := loop.Body.Statements[1].(*ast.IfStmt)
	then := ifs.Clauses[0].Body.Statements
	require.Len(t, then, 3)
	assert.Equal(t,
		`(cmd Write-Host (xstr "[REKEY] Rekeying vSAN datastores in " $cluster " to " $keyprovider " (" $date ")") -ForegroundColor Green)`,
		sexpr(then[0]))
	assert.Equal(t,
		"(pipe (cmd Start-VsanEncryptionConfiguration -Cluster $cluster -KeyProvider $keyprovider (-Confirm: $false) -ErrorAction Stop) (cmd Out-Null))",
		sexpr(then[1]))
	assert.Equal(t,
		"(pipe (cmd Start-VsanEncryptionConfiguration -Cluster $cluster -ShallowRekey (-Confirm: $false) -ErrorAction Stop) (cmd Out-Null))",
		sexpr(then[2]))
	require.NotNil(t, ifs.Else)
}

// As the FAQ page prints it, the first Start-VsanEncryptionConfiguration
// is wrapped after -ErrorAction: that parses, as two statements, and the
// binder then fails with "Missing an argument for parameter 'ErrorAction'".
func TestFAQVsanRekeyWrapped(t *testing.T) {
	f := parseOK(t, readTestdata(t, "faq-04-wrapped-as-printed.ps1"))
	loop := f.Body.EndBlock.Statements[1].(*ast.ForEachStmt)
	then := loop.Body.Statements[1].(*ast.IfStmt).Clauses[0].Body.Statements
	require.Len(t, then, 4)
	cmd := then[1].(*ast.Pipeline).Elements[0].(*ast.Command)
	last := cmd.Args[len(cmd.Args)-1].(*ast.CommandParameter)
	assert.Equal(t, "ErrorAction", last.Name)
	assert.Nil(t, last.Arg, "the value on the next line is not the parameter's argument")
	assert.Equal(t, "(pipe (cmd Stop) (cmd Out-Null))", sexpr(then[2]))
	assert.Equal(t, 7, then[2].Pos().Line)
	assert.Equal(t, 1, then[2].Pos().Col)
}

func TestFAQListEncrypted(t *testing.T) {
	f := parseOK(t, readFAQ(t, "05-list-encrypted-vms.ps1"))
	assert.Equal(t,
		"(foreach $VM (cmd Get-VM) (block (if (clause (. (. (. $vm ExtensionData) Config) KeyId) (then (cmd echo (. $vm name)))))))",
		sexprStmts(f))
}

func TestToolkitShape(t *testing.T) {
	f := parseOK(t, readTestdata(t, "key-provider-toolkit.ps1"))
	var funcs []string
	var calls int
	ast.Inspect(f.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FunctionDef:
			funcs = append(funcs, n.Name)
		case *ast.Command:
			calls++
		}
		return true
	})
	assert.Equal(t, []string{"Get-KeyProviderSummary", "Test-KeyProviderBackup", "New-RekeyPlan", "Invoke-RekeyPlan", "ConvertTo-KeyReport"}, funcs)
	assert.Greater(t, calls, 30)

	fn := f.Body.EndBlock.Statements[4].(*ast.FunctionDef)
	require.Equal(t, "Get-KeyProviderSummary", fn.Name)
	require.NotNil(t, fn.Body.Param)
	assert.Len(t, fn.Body.Param.Params, 3)
	assert.NotNil(t, fn.Body.BeginBlock)
	assert.NotNil(t, fn.Body.ProcessBlock)
	assert.NotNil(t, fn.Body.EndBlock)
	assert.False(t, fn.Body.EndBlock.Unnamed)
	name := fn.Body.Param.Params[0]
	var attrs []string
	for _, a := range name.Attributes {
		attrs = append(attrs, a.Name.Name)
	}
	assert.Equal(t, []string{"Parameter", "Alias", "SupportsWildcards"}, attrs)
	assert.Equal(t, "string[]", name.Types[0].Name)
}

func BenchmarkParse(b *testing.B) {
	src := readTestdata(b, "key-provider-toolkit.ps1")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseFile("toolkit.ps1", src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(strings.Count(src, "\n")), "lines")
}
