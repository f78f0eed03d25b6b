package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/value"
)

// Display formats of the language's own objects (PowerShell's
// format.ps1xml views for help, commands, variables and modules).

// registerLanguageViews adds the views to a format registry.
func registerLanguageViews(reg *format.Registry) {
	prop := func(name string) func(any) string {
		return func(obj any) string {
			v, _ := value.GetProperty(obj, name)
			return value.ToString(v)
		}
	}
	reg.AddCustom("MamlCommandHelpInfo", &format.CustomView{Text: func(obj any) string {
		s, _ := HelpText(obj, "")
		return s
	}})
	commandView := &format.TableView{Columns: []format.Column{
		{Label: "CommandType", Width: 15, Value: prop("CommandType")},
		{Label: "Name", Width: 50, Value: prop("DisplayName")},
		{Label: "Version", Width: 10, Value: prop("Version")},
		{Label: "Source", Value: prop("Source")},
	}}
	for _, t := range []string{"AliasInfo", "FunctionInfo", "FilterInfo", "CmdletInfo", "ExternalScriptInfo"} {
		reg.AddTable("System.Management.Automation."+t, commandView)
	}
	reg.AddTable("System.RuntimeType", &format.TableView{Columns: []format.Column{
		{Label: "IsPublic", Width: 8, Value: func(any) string { return "True" }},
		{Label: "IsSerial", Width: 8, Value: func(obj any) string {
			if t, ok := obj.(*TypeValue); ok && t.t != nil {
				return "True"
			}
			return "False"
		}},
		{Label: "Name", Width: 40, Value: prop("Name")},
		{Label: "BaseType", Value: prop("BaseType")},
	}})
	reg.AddTable("System.Management.Automation.PSVariable", &format.TableView{Columns: []format.Column{
		{Label: "Name", Width: 30, Value: prop("Name")},
		{Label: "Value", Value: func(obj any) string {
			v, _ := value.GetProperty(obj, "Value")
			if value.IsCollection(v) {
				items := value.Enumerate(v)
				parts := make([]string, 0, len(items))
				for _, it := range items {
					parts = append(parts, value.ToString(it))
				}
				return "{" + strings.Join(parts, ", ") + "}"
			}
			return value.ToString(v)
		}},
	}})
	reg.AddTable("System.Management.Automation.PSModuleInfo", &format.TableView{Columns: []format.Column{
		{Label: "ModuleType", Width: 10, Value: prop("ModuleType")},
		{Label: "Version", Width: 10, Value: prop("Version")},
		{Label: "PreRelease", Width: 10, Value: func(any) string { return "" }},
		{Label: "Name", Width: 35, Value: prop("Name")},
		{Label: "ExportedCommands", Value: func(obj any) string {
			v, _ := value.GetProperty(obj, "ExportedCommands")
			h, ok := v.(*value.Hashtable)
			if !ok {
				return ""
			}
			keys := h.Keys()
			parts := make([]string, len(keys))
			for i, k := range keys {
				parts[i] = value.ToString(k)
			}
			return "{" + strings.Join(parts, ", ") + "}"
		}},
	}})
}
