package builtin_test

import "testing"

func TestFormatTable(t *testing.T) {
	runCases(t, []scriptCase{
		{"all properties", vmObjects + `$vms | Format-Table`,
			"\nName  PowerState Cpu Tags\n----  ---------- --- ----\nweb01 PoweredOn    2 {prod, web}\ndb01  PoweredOff   8 {prod}\ndev01 PoweredOn    1 \n\n"},
		{"selected properties", vmObjects + `$vms | ft Name, Cpu`,
			"\nName  Cpu\n----  ---\nweb01   2\ndb01    8\ndev01   1\n\n"},
		{"calculated with width and alignment", vmObjects + `$vms | Format-Table @{Label='CPUs'; Expression={$_.Cpu}; Width=6; Alignment='Left'}, Name`,
			"\nCPUs   Name\n----   ----\n2      web01\n8      db01\n1      dev01\n\n"},
		{"format string", vmObjects + `$vms[0] | Format-Table Name, @{n='V'; e={1234.5}; FormatString='N2'}`,
			"\nName         V\n----         -\nweb01 1,234.50\n\n"},
		{"hide headers", vmObjects + `$vms | Format-Table Name -HideTableHeaders`, "\nweb01\ndb01\ndev01\n\n"},
		{"group by", vmObjects + `$vms | Format-Table Name, Cpu -GroupBy PowerState`,
			"\n   PowerState: PoweredOn\n\nName  Cpu\n----  ---\nweb01   2\n\n" +
				"   PowerState: PoweredOff\n\nName Cpu\n---- ---\ndb01   8\n\n" +
				"   PowerState: PoweredOn\n\nName  Cpu\n----  ---\ndev01   1\n\n"},
		{"long values are cut with an ellipsis", `[pscustomobject]@{A='x' * 130; B=1} | Format-Table`,
			// B does not fit and is dropped, as pwsh's ColumnWidthManager does.
			"\nA\n-" + spaces(119) + "\n" + repeat("x", 119) + "…\n\n"},
		{"wrap", `[pscustomobject]@{A='x' * 130; B=1} | Format-Table -Wrap`,
			"\nA\n-" + spaces(119) + "\n" + repeat("x", 120) + "\n" + repeat("x", 10) + "\n\n"},
		{"auto size", `[pscustomobject]@{Name='a'; Value=1} | Format-Table -AutoSize`, "\nName Value\n---- -----\na        1\n\n"},
		{"emits format objects", vmObjects + `($vms | Format-Table)[0].pstypenames[0]`, "Microsoft.PowerShell.Commands.Internal.Format.FormatStartData\n"},
		{"format objects count", vmObjects + `($vms | Format-Table).Count`, "7\n"},
		{"script block column", `[pscustomobject]@{N=1}, [pscustomobject]@{N=22} | Format-Table { $_.N * 2 }`, "\n $_.N * 2 \n----------\n         2\n        44\n\n"},
		{"scalars stay out of band", `1, 22 | Format-Table`, "1\n22\n"},
	})
}

func TestFormatList(t *testing.T) {
	runCases(t, []scriptCase{
		{"all properties", vmObjects + `$vms[0] | Format-List`,
			"\nName       : web01\nPowerState : PoweredOn\nCpu        : 2\nTags       : {prod, web}\n\n"},
		{"selected", vmObjects + `$vms[0..1] | fl Name, Cpu`, "\nName : web01\nCpu  : 2\n\nName : db01\nCpu  : 8\n\n"},
		{"star", vmObjects + `$vms[0] | Format-List -Property *`,
			"\nName       : web01\nPowerState : PoweredOn\nCpu        : 2\nTags       : {prod, web}\n\n"},
		{"hashtable entries", `[ordered]@{a=1; b=2} | Format-List`, "\nName  : a\nValue : 1\n\nName  : b\nValue : 2\n\n"},
		{"calculated", vmObjects + `$vms[2] | Format-List @{n='Upper'; e={$_.Name.ToUpper()}}`, "\nUpper : DEV01\n\n"},
		{"multi-line values align", "[pscustomobject]@{A=\"x`ny\"} | Format-List", "\nA : x\n    y\n\n"},
	})
}

func TestFormatWide(t *testing.T) {
	runCases(t, []scriptCase{
		{"columns", vmObjects + `$vms | Format-Wide Name -Column 3`,
			"\nweb01" + spaces(36) + "db01" + spaces(36) + "dev01\n\n"},
		{"default two columns", vmObjects + `$vms | fw Name`,
			"\nweb01" + spaces(56) + "db01\ndev01" + spaces(56) + "\n\n"},
		{"files", `New-Item -ItemType Directory d | Out-Null; Set-Content a.txt 'hi'; Get-ChildItem | Format-Wide -Column 2`,
			"\n    Directory: /work\n\n[d]" + spaces(58) + "a.txt\n\n"},
	})
}

// spaces returns n blanks.
func spaces(n int) string { return repeat(" ", n) }

// repeat returns s n times.
func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}
