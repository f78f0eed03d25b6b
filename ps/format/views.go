package format

import (
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// ErrorViewer is implemented by error records: the text of PowerShell's
// error view (ConciseView), which is also how a record that reaches the
// output is shown.
type ErrorViewer interface {
	ErrorViewText() string
}

// registerBuiltinViews adds the views of PowerShell's own types that
// admin scripts print (from DotNetTypes.format.ps1xml and
// PowerShellCore.format.ps1xml).
func registerBuiltinViews(r *Registry) {
	prop := func(name string) func(any) string {
		return func(obj any) string {
			v, _ := value.GetProperty(obj, name)
			return Cell(v)
		}
	}
	// A hashtable prints its entries as Name/Value rows.
	r.AddTable("System.Collections.DictionaryEntry", &TableView{Columns: []Column{
		{Label: "Name", Width: 30, Value: prop("Name")},
		{Label: "Value", Value: prop("Value")},
	}})
	r.AddList("System.Collections.DictionaryEntry", &ListView{Items: []Column{
		{Label: "Name", Value: prop("Name")},
		{Label: "Value", Value: prop("Value")},
	}})
	// DateTime: the long date and time, or the part Get-Date's
	// -DisplayHint asks for.
	r.AddCustom("System.DateTime", &CustomView{Text: func(obj any) string {
		if d, ok := obj.(value.DateTime); ok {
			return d.HintText()
		}
		v, _ := value.GetProperty(obj, "DateTime")
		return value.ToString(v)
	}})
	timeSpan := make([]Column, 0, 11)
	for _, p := range []string{"Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks", "TotalDays", "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds"} {
		timeSpan = append(timeSpan, Column{Label: p, Value: prop(p)})
	}
	r.AddList("System.TimeSpan", &ListView{Items: timeSpan})
	r.AddTable("System.Guid", &TableView{Columns: []Column{{Label: "Guid", Value: prop("Guid")}}})
	r.AddCustom("System.Management.Automation.ScriptBlock", &CustomView{Text: value.ToString})
	r.AddCustom("System.Management.Automation.ErrorRecord", &CustomView{OutOfBand: true, Text: func(obj any) string {
		if ev, ok := obj.(ErrorViewer); ok {
			return ev.ErrorViewText()
		}
		return value.ToString(obj)
	}})

	// Select-String's results print as text: pwsh's view shows
	// $_.ToEmphasizedString((Get-Location).Path), the match with its path
	// relative to the current location. keyhost's MatchInfo answers
	// ToEmphasizedString() with the location it was made in.
	r.AddCustom("Microsoft.PowerShell.Commands.MatchInfo", &CustomView{Text: func(obj any) string {
		if mc, ok := obj.(value.MethodCaller); ok {
			if s, found, err := mc.CallMethod("ToEmphasizedString", nil); found && err == nil {
				return value.ToString(s)
			}
		}
		return value.ToString(obj)
	}})

	// Group-Object's groups (PowerShellCore.format.ps1xml).
	r.AddTable("Microsoft.PowerShell.Commands.GroupInfo", &TableView{Columns: []Column{
		{Label: "Count", Width: 5, Align: Right, Value: prop("Count")},
		{Label: "Name", Width: 25, Value: prop("Name")},
		{Label: "Group", Value: prop("Group")},
	}})
	r.AddList("Microsoft.PowerShell.Commands.GroupInfo", &ListView{Items: []Column{
		{Label: "Name", Value: prop("Name")},
		{Label: "Count", Value: prop("Count")},
		{Label: "Group", Value: prop("Group")},
		{Label: "Values", Value: prop("Values")},
	}})
	r.AddTable("Microsoft.PowerShell.Commands.GroupInfoNoElement", &TableView{Columns: []Column{
		{Label: "Count", Width: 5, Align: Right, Value: prop("Count")},
		{Label: "Name", Width: 25, Value: prop("Name")},
	}})
	r.AddList("Microsoft.PowerShell.Commands.GroupInfoNoElement", &ListView{Items: []Column{
		{Label: "Name", Value: prop("Name")},
		{Label: "Count", Value: prop("Count")},
		{Label: "Values", Value: prop("Values")},
	}})
	// Get-Member's rows: an auto-sized table per type.
	r.AddTable("Microsoft.PowerShell.Commands.MemberDefinition", &TableView{
		Columns: []Column{
			{Label: "Name", Value: prop("Name")},
			{Label: "MemberType", Value: prop("MemberType")},
			{Label: "Definition", Value: prop("Definition")},
		},
		Group: func(obj any) string {
			v, _ := value.GetProperty(obj, "TypeName")
			return "   TypeName: " + value.ToString(v)
		},
	})
	// Get-Location and Resolve-Path.
	r.AddTable("System.Management.Automation.PathInfo", &TableView{Columns: []Column{{Label: "Path", Value: prop("Path")}}})
	// Get-ChildItem on Linux: pwsh's childrenWithUnixStat view, grouped
	// by folder. LastWriteTime is '{0:d} {0:HH}:{0:mm}', 16 wide in en-US.
	fileView := &TableView{
		Columns: []Column{
			{Label: "UnixMode", Width: 10, Value: prop("UnixMode")},
			{Label: "User", Width: 10, Align: Right, Value: prop("User")},
			{Label: "Group", Width: 10, Value: prop("Group")},
			{Label: "LastWriteTime", Width: 16, Align: Right, Value: func(obj any) string {
				v, _ := value.GetProperty(obj, "LastWriteTime")
				if d, ok := v.(value.DateTime); ok {
					return d.Format("d") + " " + d.Format("HH:mm")
				}
				return Cell(v)
			}},
			{Label: "Size", Width: 12, Align: Right, Value: prop("Size")},
			{Label: "Name", Value: prop("NameString")},
		},
		Group: directoryGroup,
		Wrap:  true,
	}
	r.AddTable("System.IO.DirectoryInfo", fileView)
	r.AddTable("System.IO.FileInfo", fileView)
	fileWide := &WideView{Group: directoryGroup, Value: func(obj any) string {
		v, _ := value.GetProperty(obj, "Name")
		if value.TypeName(obj) == "System.IO.DirectoryInfo" {
			return "[" + value.ToString(v) + "]"
		}
		return value.ToString(v)
	}}
	r.AddWide("System.IO.DirectoryInfo", fileWide)
	r.AddWide("System.IO.FileInfo", fileWide)
}

// directoryGroup is the group label of file system items: their folder.
func directoryGroup(obj any) string {
	v, _ := value.GetProperty(obj, "PSParentPath")
	return "    Directory: " + strings.TrimPrefix(value.ToString(v), "Microsoft.PowerShell.Core\\FileSystem::")
}
