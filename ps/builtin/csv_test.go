package builtin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// csvObjects defines $rows, two objects for the CSV tests.
const csvObjects = `$rows = [pscustomobject]@{Name='vm1'; CPU=2; Notes=$null}, [pscustomobject]@{Name='vm "2"'; CPU=4; Notes='a,b'}; `

func TestConvertToCSV(t *testing.T) {
	runCases(t, []scriptCase{
		{"quotes everything, nothing for null", csvObjects + `$rows | ConvertTo-Csv`,
			"\"Name\",\"CPU\",\"Notes\"\n\"vm1\",\"2\",\n\"vm \"\"2\"\"\",\"4\",\"a,b\"\n"},
		{"as needed", csvObjects + `$rows | ConvertTo-Csv -UseQuotes AsNeeded`, "Name,CPU,Notes\nvm1,2,\n\"vm \"\"2\"\"\",4,\"a,b\"\n"},
		{"never", csvObjects + `$rows | ConvertTo-Csv -UseQuotes Never`, "Name,CPU,Notes\nvm1,2,\nvm \"2\",4,a,b\n"},
		{"quote fields", csvObjects + `$rows[0] | ConvertTo-Csv -QuoteFields Name`, "\"Name\",CPU,Notes\n\"vm1\",2,\n"},
		{"delimiter", csvObjects + `$rows[0] | ConvertTo-Csv -Delimiter ';'`, "\"Name\";\"CPU\";\"Notes\"\n\"vm1\";\"2\";\n"},
		{"positional delimiter", `ConvertTo-Csv ([pscustomobject]@{A=1; B=2}) ';'`, "\"A\";\"B\"\n\"1\";\"2\"\n"},
		{"type information", `[pscustomobject]@{A=1} | ConvertTo-Csv -IncludeTypeInformation`, "#TYPE System.Management.Automation.PSCustomObject\n\"A\"\n\"1\"\n"},
		{"no type information is accepted", `[pscustomobject]@{A=1} | ConvertTo-Csv -NoTypeInformation`, "\"A\"\n\"1\"\n"},
		{"no header", `[pscustomobject]@{A=1} | ConvertTo-Csv -NoHeader`, "\"1\"\n"},
		{"columns come from the first object", `[pscustomobject]@{A=1}, [pscustomobject]@{B=2; A=3} | ConvertTo-Csv`, "\"A\"\n\"1\"\n\"3\"\n"},
		{"hashtable keys", `[ordered]@{k='v'; n=1} | ConvertTo-Csv`, "\"k\",\"n\"\n\"v\",\"1\"\n"},
		{"values use .NET ToString", `[pscustomobject]@{L=@(1,2); D=[datetime]::new(2020,1,2)} | ConvertTo-Csv`, "\"L\",\"D\"\n\"System.Object[]\",\"1/2/2020 12:00:00 AM\"\n"},
		{"strings have a Length", `'abc' | ConvertTo-Csv`, "\"Length\"\n\"3\"\n"},
	})
	runErrorCases(t, []errorCase{
		{"quote fields and use quotes", `1 | ConvertTo-Csv -QuoteFields a -UseQuotes Never`, "", "Cannot specify both QuoteFields and UseQuotes."},
		{"long delimiter", `1 | ConvertTo-Csv -Delimiter ';;'`, "", "String must be exactly one character long."},
	})
}

func TestConvertFromCSV(t *testing.T) {
	runCases(t, []scriptCase{
		{"lines", `'a,b', '1,2', '3' | ConvertFrom-Csv | Format-Table`, "\na b\n- -\n1 2\n3 \n\n"},
		{"values are strings", "\"x;y`n1;2\" | ConvertFrom-Csv -Delimiter ';' | ForEach-Object { $_.y.GetType().Name }", "String\n"},
		{"missing values are null", `$o = 'a,b', '1' | ConvertFrom-Csv; $null -eq $o.b`, "True\n"},
		{"quoted fields", `('a,b', '"x, y","say ""hi"""' | ConvertFrom-Csv).b`, "say \"hi\"\n"},
		{"quoted line breaks", "('a,b', \"`\"1`n2`\",3\" | ConvertFrom-Csv).a", "1\n2\n"},
		{"header parameter", `('1,2' | ConvertFrom-Csv -Header x, y).y`, "2\n"},
		{"type line", `('#TYPE My.Row', 'a', '1' | ConvertFrom-Csv).pstypenames -join ','`, "My.Row,CSV:My.Row\n"},
		{"blank lines skipped", "@(\"a`n1`n`n2\" | ConvertFrom-Csv).Count", "2\n"},
		{"spaces around unquoted values", `('a,b', ' 1 , 2' | ConvertFrom-Csv).a`, "1 \n"},
		{"unnamed columns", `'a,,c', '1,2,3' | ConvertFrom-Csv`,
			"WARNING: One or more headers were not specified. Default names starting with \"H\" have been used in place of any missing headers.\n\na H1 c\n- -- -\n1 2  3\n\n"},
		{"round trip", csvObjects + `($rows | ConvertTo-Csv | ConvertFrom-Csv)[1].Notes`, "a,b\n"},
	})
	runErrorCases(t, []errorCase{
		{"duplicate header", `'a,A', '1,2' | ConvertFrom-Csv`, "", "The member \"A\" is already present."},
	})
}

func TestExportImportCSV(t *testing.T) {
	runCases(t, []scriptCase{
		{"export and read back", `[pscustomobject]@{A=1; B=2} | Export-Csv t.csv; Get-Content t.csv`, "\"A\",\"B\"\n\"1\",\"2\"\n"},
		{"import", `[pscustomobject]@{A=1; B=2}, [pscustomobject]@{A=3; B=4} | Export-Csv t.csv; Import-Csv t.csv | ForEach-Object { $_.A + $_.B }`, "12\n34\n"},
		{"append", `[pscustomobject]@{A=1; B=2} | Export-Csv t.csv; [pscustomobject]@{B=4; A=3} | Export-Csv t.csv -Append; Get-Content t.csv`,
			"\"A\",\"B\"\n\"1\",\"2\"\n\"3\",\"4\"\n"},
		{"append with force drops columns", `[pscustomobject]@{A=1; B=2} | Export-Csv t.csv; [pscustomobject]@{A=3; C=4} | Export-Csv t.csv -Append -Force; Get-Content t.csv`,
			"\"A\",\"B\"\n\"1\",\"2\"\n\"3\",\n"},
		{"append to a new file writes the header", `[pscustomobject]@{A=1} | Export-Csv n.csv -Append; Get-Content n.csv`, "\"A\"\n\"1\"\n"},
		{"type information", `[pscustomobject]@{A=1} | Export-Csv t.csv -IncludeTypeInformation; (Import-Csv t.csv).pstypenames[0]`, "System.Management.Automation.PSCustomObject\n"},
		{"import delimiter and header", "Set-Content t.csv \"1;2`n3;4\"; Import-Csv t.csv -Delimiter ';' -Header x, y | ForEach-Object y", "2\n4\n"},
		{"import from the pipeline", `[pscustomobject]@{A=1} | Export-Csv t.csv; ('t.csv' | Import-Csv).A`, "1\n"},
		{"literal path", `[pscustomobject]@{A=1} | Export-Csv -LiteralPath t.csv; (Import-Csv -LiteralPath t.csv).A`, "1\n"},
		{"what if", `[pscustomobject]@{A=1} | Export-Csv t.csv -WhatIf; Test-Path t.csv`, "What if: Performing the operation \"Export-Csv\" on target \"/work/t.csv\".\nFalse\n"},
	})
	runErrorCases(t, []errorCase{
		{"mismatched append", `[pscustomobject]@{A=1; B=2} | Export-Csv t.csv; [pscustomobject]@{A=3; C=4} | Export-Csv t.csv -Append`, "",
			"Cannot append CSV content to the following file: t.csv. The appended object does not have a property that corresponds to the following column: B. To continue with mismatched properties, add the -Force parameter, and then retry the command."},
		{"no clobber", `[pscustomobject]@{A=1} | Export-Csv t.csv; [pscustomobject]@{A=1} | Export-Csv t.csv -NoClobber`, "", "The file '/work/t.csv' already exists."},
		{"import missing file", `Import-Csv nope.csv`, "", "Cannot find path '/work/nope.csv' because it does not exist."},
	})
	t.Run("export writes UTF-8 without BOM", func(t *testing.T) {
		r := runScript(t, `[pscustomobject]@{A='é'} | Export-Csv /work/t.csv`, nil)
		data, err := r.fs.ReadFile("/work/t.csv")
		assert.NoError(t, err)
		assert.Equal(t, "\"A\"\n\"é\"\n", string(data))
	})
}
