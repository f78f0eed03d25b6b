package builtin_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestConvertToHTMLEscaping(t *testing.T) {
	runCases(t, []scriptCase{
		{"markup, quotes, Latin-1 and astral characters are encoded",
			"[pscustomobject]@{V = \"<a href='x'>&\"\"é\"\"</a> \U0001F600\"} | ConvertTo-Html -Fragment | Select-Object -Index 3",
			"<tr><td>&lt;a href=&#39;x&#39;&gt;&amp;&quot;&#233;&quot;&lt;/a&gt; &#128512;</td></tr>\n"},
		{"title and head are written as given", `ConvertTo-Html -Head '<style>td{x:1}</style>' | Select-Object -Index 3`, "<style>td{x:1}</style>\n"},
		{"arrays use .NET ToString", `[pscustomobject]@{L = 1, 2} | ConvertTo-Html -Fragment | Select-Object -Index 3`, "<tr><td>System.Object[]</td></tr>\n"},
		{"list of two objects has a rule", `1, 2 | ForEach-Object { [pscustomobject]@{N = $_} } | ConvertTo-Html -As List -Fragment`,
			lines("<table>", "<tr><td>N:</td><td>1</td></tr>", "<tr><td><hr></td></tr>", "<tr><td>N:</td><td>2</td></tr>", "</table>")},
		{"css, charset and transitional", `ConvertTo-Html -CssUri style.css -Charset UTF-8 -Transitional | Select-Object -First 6`,
			lines(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">`,
				`<html xmlns="http://www.w3.org/1999/xhtml">`, "<head>", `<meta charset="UTF-8">`, "<title>HTML TABLE</title>",
				`<link rel="stylesheet" type="text/css" href="style.css" />`)},
	})
	runErrorCases(t, []errorCase{
		{"fragment and title are different sets", `1 | ConvertTo-Html -Fragment -Title x`, "", "Parameter set cannot be resolved"},
	})
}

func TestExportClixmlEscaping(t *testing.T) {
	r := runScript(t, "Export-Clixml -Path ./s.xml -InputObject ([pscustomobject]@{'a_xb' = \"<&>`r`n_x\u0085\"}); Get-Content ./s.xml -Raw; (Import-Clixml ./s.xml).'a_xb' -eq \"<&>`r`n_x\u0085\"", nil)
	assert.Empty(t, r.err)
	assert.Contains(t, r.out, `<S N="a_x005F_xb">&lt;&amp;&gt;_x000D__x000A__x005F_x_x0085_</S>`)
	assert.True(t, strings.HasSuffix(r.out, "</Objs>\nTrue\n"), r.out)
}

func TestClixmlTypes(t *testing.T) {
	runCases(t, []scriptCase{
		{"primitives round-trip", `$v = [long]5, [double]1e20, [char]'x', [byte]7, [decimal]1.25, [timespan]'1.02:03:04.5', $null, [ordered]@{b = 1; a = 2}
Export-Clixml -Path ./p.xml -InputObject $v
$back = Import-Clixml ./p.xml
$back | ForEach-Object { if ($null -eq $_) { 'null' } else { '{0} {1}' -f $_.GetType().FullName, $_ } }
($back[7].Keys) -join ','`,
			lines("System.Int64 5", "System.Double 1E+20", "System.Char x", "System.Byte 7", "System.Decimal 1.25", "System.TimeSpan 1.02:03:04.5000000", "null",
				"System.Collections.Specialized.OrderedDictionary System.Collections.Specialized.OrderedDictionary", "b,a")},
		{"depth limits nesting", `[pscustomobject]@{A = [pscustomobject]@{B = [pscustomobject]@{C = 1}}} | Export-Clixml ./d.xml -Depth 1; (Import-Clixml ./d.xml).A.GetType().FullName`,
			"System.String\n"},
		{"a shared object is written once", `$o = [pscustomobject]@{X = 1}; Export-Clixml ./r.xml -InputObject @($o, $o); (Get-Content ./r.xml -Raw) -match '<Ref RefId="1" />'; $b = Import-Clixml ./r.xml; $b[1].X`,
			"True\n1\n"},
		{"an empty pipeline writes an empty root", `@() | Export-Clixml ./e.xml; Get-Content ./e.xml -Raw; @(Import-Clixml ./e.xml).Count`,
			"<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\" />\n0\n"},
	})
}

func TestImportClixmlMalformed(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"not xml", "hello", "Data at the root level is invalid. Line 1, position 1."},
		{"empty", "", "Root element is missing."},
		{"unclosed", `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S>x</S>`, "The file is not valid XML"},
		{"wrong root", `<root/>`, "'root' was found where 'Objs' was expected"},
		{"bad number", `<Objs><I32>x1</I32></Objs>`, "'x1' is not a valid I32 value."},
		{"dangling reference", `<Objs><Ref RefId="9" /></Objs>`, `The reference RefId="9" names no object read before it.`},
		{"unknown element", `<Objs><Bogus/></Objs>`, "'Bogus' is not an element CLIXML knows."},
		{"dpapi secure string", `<Objs><SS>01000000d08c9ddf0115d1118c7a00c04fc297eb0100</SS></Objs>`, "Windows DPAPI"},
		{"odd secure string", `<Objs><SS>abc</SS></Objs>`, "The SecureString data is not valid."},
		{"dictionary entry without key", `<Objs><Obj RefId="0"><DCT><En><S N="Value">v</S></En></DCT></Obj></Objs>`, "A dictionary entry has no key."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runScript(t, `try { Import-Clixml ./bad.xml } catch { $_.Exception.GetType().FullName; $_.FullyQualifiedErrorId; $_.Exception.Message }`,
				map[string]string{"/work/bad.xml": tc.text})
			assert.Empty(t, r.err)
			assert.True(t, strings.HasPrefix(r.out, "System.Xml.XmlException\nSystem.Xml.XmlException,Microsoft.PowerShell.Commands.ImportClixmlCommand\n"), r.out)
			assert.Contains(t, r.out, tc.want)
		})
	}
	r := runScript(t, `Import-Clixml ./missing.xml; 'after'`, nil)
	assert.Contains(t, r.err, "Cannot find path '/work/missing.xml' because it does not exist.")
}
