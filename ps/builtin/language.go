package builtin

import (
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// languageCmdlets are the cmdlets that reach into the language runtime:
// Set-StrictMode, the variable cmdlets, Invoke-Expression, Get-Command,
// Get-Help, the module cmdlets, the alias cmdlets, Read-Host and
// Write-Progress.
var languageCmdlets = []func() *eval.CommandInfo{
	setStrictMode, getVariable, setVariable, newVariable, removeVariable, clearVariable,
	invokeExpression, getCommand, getHelp,
	importModule, exportModuleMember, getModule, removeModule,
	setAlias, newAlias, getAlias,
	readHost, writeProgress,
}

// languageAliases are the aliases of the language cmdlets.
var languageAliases = map[string]string{
	"gcm":  "Get-Command",
	"iex":  "Invoke-Expression",
	"gv":   "Get-Variable",
	"sv":   "Set-Variable",
	"set":  "Set-Variable",
	"nv":   "New-Variable",
	"rv":   "Remove-Variable",
	"clv":  "Clear-Variable",
	"ipmo": "Import-Module",
	"gmo":  "Get-Module",
	"rmo":  "Remove-Module",
	"sal":  "Set-Alias",
	"nal":  "New-Alias",
	"gal":  "Get-Alias",
	"help": "Get-Help",
}

// named is a parameter in every set, by name only.
func named(name string, t *eval.Type) *eval.Parameter {
	return &eval.Parameter{Name: name, Type: t}
}

// positional is a parameter at a position in every set.
func positional(name string, t *eval.Type, pos int, mandatory bool) *eval.Parameter {
	return &eval.Parameter{Name: name, Type: t, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: pos, Mandatory: mandatory}}}
}

// switchParam is a switch parameter.
func switchParam(name string, aliases ...string) *eval.Parameter {
	return &eval.Parameter{Name: name, Switch: true, Aliases: aliases}
}

// setStrictMode is Set-StrictMode -Version <v> | -Off.
func setStrictMode() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Set-StrictMode",
		Module:              coreModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.SetStrictModeCommand",
		Synopsis:            "Establishes and enforces coding rules in expressions, scripts, and script blocks.",
		DefaultParameterSet: "Version",
		Parameters: []*eval.Parameter{
			{Name: "Version", Aliases: []string{"v"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "Version", Mandatory: true, Position: -1}}},
			{Name: "Off", Switch: true, Sets: []eval.ParameterSet{{Name: "Off", Mandatory: true, Position: -1}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if c.ParameterSetName() == "Off" {
					c.SetStrictMode(0)
					return nil
				}
				v := strings.TrimSpace(c.String("Version"))
				if strings.EqualFold(v, "latest") {
					c.SetStrictMode(3)
					return nil
				}
				major, _, _ := strings.Cut(v, ".")
				n, err := strconv.Atoi(major)
				if err != nil || n < 1 {
					rec := c.NewError(eval.NewException("System.Management.Automation.ValidationMetadataException",
						"Cannot validate argument on parameter 'Version'. The \""+v+"\" argument does not contain a valid PowerShell version. Supply a valid version number and then try the command again."),
						"ParameterArgumentValidationError", eval.InvalidData, v)
					return c.ThrowTerminatingError(rec)
				}
				c.SetStrictMode(n)
				return nil
			})
		},
	}
}

// scopeParam is the -Scope parameter of the variable and alias cmdlets.
var scopeParam = &eval.Parameter{Name: "Scope", Type: eval.StringType}

// getVariable is Get-Variable.
func getVariable() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-Variable",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.GetVariableCommand",
		Synopsis:         "Gets the variables in the current console.",
		OutputType:       []string{"System.Management.Automation.PSVariable"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			switchParam("ValueOnly"),
			named("Include", eval.StringArrayType),
			named("Exclude", eval.StringArrayType),
			scopeParam,
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				names := c.Strings("Name")
				vars, err := c.GetVariables(append(names, c.Strings("Include")...), c.String("Scope"), c.Strings("Exclude"))
				if err != nil {
					return err
				}
				for _, n := range names {
					if !strings.ContainsAny(n, "*?[") && !containsVar(vars, n) {
						rec := c.NewError(eval.NewException("System.Management.Automation.ItemNotFoundException", "Cannot find a variable with the name '"+n+"'."),
							"VariableNotFound", eval.ObjectNotFound, n)
						if err := c.WriteError(rec); err != nil {
							return err
						}
					}
				}
				for _, v := range vars {
					if c.Switch("ValueOnly") {
						val, _ := value.GetProperty(v, "Value")
						if err := c.WriteObject(val); err != nil {
							return err
						}
						continue
					}
					if err := c.WriteObject(v); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

func containsVar(vars []any, name string) bool {
	for _, v := range vars {
		n, _ := value.GetProperty(v, "Name")
		if strings.EqualFold(value.ToString(n), name) {
			return true
		}
	}
	return false
}

// variableOptions reads the options shared by Set- and New-Variable.
func variableOptions(c *eval.Call) eval.VariableOptions {
	return eval.VariableOptions{
		Scope:       c.String("Scope"),
		Option:      c.String("Option"),
		HasOption:   c.Has("Option"),
		Description: c.String("Description"),
		HasDesc:     c.Has("Description"),
		HasValue:    c.Has("Value"),
		Force:       c.Switch("Force"),
	}
}

// setVariable is Set-Variable.
func setVariable() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Set-Variable",
		Module:                utilityModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.SetVariableCommand",
		Synopsis:              "Sets the value of a variable. Creates the variable if one with the requested name does not exist.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			positional("Name", eval.StringArrayType, 0, true),
			{Name: "Value", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 1, ValueFromPipeline: true}}},
			named("Include", eval.StringArrayType),
			named("Exclude", eval.StringArrayType),
			named("Description", eval.StringType),
			named("Option", eval.StringType),
			switchParam("Force"),
			named("Visibility", eval.StringType),
			switchParam("PassThru"),
			scopeParam,
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				for _, n := range c.Strings("Name") {
					ok, err := c.ShouldProcess("Name: "+n+" Value: "+value.ToString(c.Value("Value")), "Set variable")
					if err != nil || !ok {
						return err
					}
					v, err := c.SetVariableEx(n, c.Value("Value"), variableOptions(c), false)
					if err != nil || v == nil {
						return err
					}
					if c.Switch("PassThru") {
						if err := c.WriteObject(v); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// newVariable is New-Variable.
func newVariable() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "New-Variable",
		Module:                utilityModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.NewVariableCommand",
		Synopsis:              "Creates a new variable.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactLow,
		Parameters: []*eval.Parameter{
			positional("Name", eval.StringType, 0, true),
			{Name: "Value", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 1, ValueFromPipeline: true}}},
			named("Description", eval.StringType),
			named("Option", eval.StringType),
			named("Visibility", eval.StringType),
			switchParam("Force"),
			switchParam("PassThru"),
			scopeParam,
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				n := c.String("Name")
				ok, err := c.ShouldProcess("Name: "+n+" Value: "+value.ToString(c.Value("Value")), "New variable")
				if err != nil || !ok {
					return err
				}
				v, err := c.SetVariableEx(n, c.Value("Value"), variableOptions(c), true)
				if err != nil || v == nil {
					return err
				}
				if c.Switch("PassThru") {
					return c.WriteObject(v)
				}
				return nil
			})
		},
	}
}

// removeVariable is Remove-Variable.
func removeVariable() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Remove-Variable",
		Module:                utilityModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.RemoveVariableCommand",
		Synopsis:              "Deletes a variable and its value.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			positional("Name", eval.StringArrayType, 0, true),
			named("Include", eval.StringArrayType),
			named("Exclude", eval.StringArrayType),
			switchParam("Force"),
			scopeParam,
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				for _, n := range c.Strings("Name") {
					ok, err := c.ShouldProcess("Name: "+n, "Remove variable")
					if err != nil || !ok {
						return err
					}
					if err := c.RemoveVariable(n, c.String("Scope"), c.Switch("Force")); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// clearVariable is Clear-Variable.
func clearVariable() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Clear-Variable",
		Module:                utilityModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.ClearVariableCommand",
		Synopsis:              "Deletes the value of a variable.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			positional("Name", eval.StringArrayType, 0, true),
			named("Include", eval.StringArrayType),
			named("Exclude", eval.StringArrayType),
			switchParam("Force"),
			switchParam("PassThru"),
			scopeParam,
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				for _, n := range c.Strings("Name") {
					ok, err := c.ShouldProcess("Name: "+n, "Clear variable")
					if err != nil || !ok {
						return err
					}
					v, err := c.ClearVariable(n, c.String("Scope"), c.Switch("Force"))
					if err != nil {
						return err
					}
					if v != nil && c.Switch("PassThru") {
						if err := c.WriteObject(v); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// invokeExpression is Invoke-Expression (alias iex).
func invokeExpression() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Invoke-Expression",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.InvokeExpressionCommand",
		Synopsis:         "Runs commands or expressions on the local computer.",
		Parameters: []*eval.Parameter{
			{Name: "Command", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return c.InvokeExpression(c.String("Command"))
			})
		},
	}
}

// getCommand is Get-Command (alias gcm).
func getCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Command",
		Module:              coreModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.GetCommandCommand",
		Synopsis:            "Gets all commands.",
		DefaultParameterSet: "CmdletSet",
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "AllCommandSet", Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "Verb", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "CmdletSet", Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "Noun", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "CmdletSet", Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "Module", Aliases: []string{"PSSnapin"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "CommandType", Aliases: []string{"Type"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "AllCommandSet", Position: -1, ValueFromPipelineByPropertyName: true}}},
			named("TotalCount", eval.Int32Type),
			switchParam("Syntax"),
			switchParam("All"),
			switchParam("ListImported"),
			named("ParameterName", eval.StringArrayType),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				found, missing := c.FindCommands(eval.CommandQuery{
					Names: c.Strings("Name"), Modules: c.Strings("Module"), CommandType: c.Strings("CommandType"),
					Verbs: c.Strings("Verb"), Nouns: c.Strings("Noun"), All: c.Switch("All"),
				})
				if c.Has("ParameterName") {
					var kept []any
					for _, o := range found {
						params, _ := value.GetProperty(o, "Parameters")
						if h, ok := params.(*value.Hashtable); ok {
							for _, pn := range c.Strings("ParameterName") {
								if _, has := h.Get(pn); has {
									kept = append(kept, o)
									break
								}
							}
						}
					}
					found = kept
				}
				if c.Has("TotalCount") {
					n, _ := value.ToInt32(c.Value("TotalCount"))
					if int(n) < len(found) && n >= 0 {
						found = found[:n]
					}
				}
				for _, o := range found {
					if c.Switch("Syntax") {
						def, _ := value.GetProperty(o, "Definition")
						if kind, _ := value.GetProperty(o, "CommandType"); value.ToString(kind) == "Function" || value.ToString(kind) == "Filter" {
							def = o.(interface{ Syntax() string }).Syntax()
						}
						if err := c.WriteObject(value.ToString(def)); err != nil {
							return err
						}
						continue
					}
					if err := c.WriteObject(o); err != nil {
						return err
					}
				}
				for _, n := range missing {
					if err := c.CommandNotFound(n); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// getHelp is Get-Help (alias help).
func getHelp() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Help",
		Module:              coreModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.GetHelpCommand",
		Synopsis:            "Displays information about PowerShell commands and concepts.",
		DefaultParameterSet: "AllUsersView",
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipelineByPropertyName: true}}},
			{Name: "Full", Switch: true, Sets: []eval.ParameterSet{{Name: "AllUsersView", Position: -1}}},
			{Name: "Detailed", Switch: true, Sets: []eval.ParameterSet{{Name: "DetailedView", Mandatory: true, Position: -1}}},
			{Name: "Examples", Switch: true, Sets: []eval.ParameterSet{{Name: "Examples", Mandatory: true, Position: -1}}},
			{Name: "Parameter", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "Parameters", Mandatory: true, Position: -1}}},
			switchParam("Online"),
			named("Category", eval.StringArrayType),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				name := c.String("Name")
				if name == "" {
					name = "Get-Help"
				}
				h := c.HelpFor(name)
				if h == nil {
					rec := c.NewError(eval.NewException("Microsoft.PowerShell.Commands.HelpNotFoundException",
						"Get-Help could not find "+name+" in a help file in this session. To download updated help topics type: \"Update-Help\". To get help online, search for the help topic in the TechNet library at https://go.microsoft.com/fwlink/?LinkID=107116."),
						"HelpNotFound", eval.ResourceUnavailable, name)
					return c.WriteError(rec)
				}
				view := ""
				switch {
				case c.Switch("Full"):
					view = "full"
				case c.Switch("Detailed"):
					view = "detailed"
				case c.Switch("Examples"):
					view = "examples"
				}
				if view != "" {
					text, _ := eval.HelpText(h, view)
					return c.WriteObject(text)
				}
				if c.Has("Parameter") {
					want := c.Strings("Parameter")
					text, ok := eval.ParameterHelpText(h, want)
					if !ok {
						rec := c.NewError(eval.NewException("System.Management.Automation.PSArgumentException",
							"No parameter matches criteria "+want[0]+"."),
							"NoParmsFound", eval.InvalidArgument, h)
						return c.WriteError(rec)
					}
					return c.WriteObject(text)
				}
				return c.WriteObject(h)
			})
		},
	}
}

// importModule is Import-Module (alias ipmo).
func importModule() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Import-Module",
		Module:           coreModule,
		ImplementingType: "Microsoft.PowerShell.Commands.ImportModuleCommand",
		Synopsis:         "Adds modules to the current session.",
		Parameters: []*eval.Parameter{
			{Name: "Name", Aliases: []string{"ModuleInfo", "FullyQualifiedName", "Assembly"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}},
			switchParam("Global"),
			named("Prefix", eval.StringType),
			named("Function", eval.StringArrayType),
			named("Cmdlet", eval.StringArrayType),
			named("Variable", eval.StringArrayType),
			named("Alias", eval.StringArrayType),
			switchParam("Force"),
			switchParam("PassThru"),
			switchParam("AsCustomObject"),
			named("MinimumVersion", eval.StringType),
			named("MaximumVersion", eval.StringType),
			named("RequiredVersion", eval.StringType),
			{Name: "ArgumentList", Aliases: []string{"Args"}},
			switchParam("DisableNameChecking"),
			switchParam("NoClobber"),
			named("Scope", eval.StringType),
			switchParam("SkipEditionCheck"),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				for _, name := range c.Strings("Name") {
					opts := eval.ImportModuleOptions{
						Name:            name,
						Global:          c.Switch("Global") || strings.EqualFold(c.String("Scope"), "Global"),
						Local:           strings.EqualFold(c.String("Scope"), "Local"),
						Force:           c.Switch("Force"),
						Prefix:          c.String("Prefix"),
						MinimumVersion:  c.String("MinimumVersion"),
						RequiredVersion: c.String("RequiredVersion"),
					}
					if c.Has("Function") {
						opts.Function = c.Strings("Function")
					}
					if c.Has("Variable") {
						opts.Variable = c.Strings("Variable")
					}
					if c.Has("Alias") {
						opts.Alias = c.Strings("Alias")
					}
					if c.Has("ArgumentList") {
						opts.ArgumentList = value.Enumerate(c.Value("ArgumentList"))
					}
					m, err := c.ImportModule(opts)
					if err != nil {
						return err
					}
					if m != nil && c.Switch("PassThru") {
						if err := c.WriteObject(m.ModuleInfo()); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// exportModuleMember is Export-ModuleMember.
func exportModuleMember() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Export-ModuleMember",
		Module:           coreModule,
		ImplementingType: "Microsoft.PowerShell.Commands.ExportModuleMemberCommand",
		Synopsis:         "Specifies the module members that are exported.",
		Parameters: []*eval.Parameter{
			{Name: "Function", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			named("Cmdlet", eval.StringArrayType),
			named("Variable", eval.StringArrayType),
			named("Alias", eval.StringArrayType),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return c.ExportModuleMember(c.Strings("Function"), c.Strings("Variable"), c.Strings("Alias"))
			})
		},
	}
}

// getModule is Get-Module (alias gmo).
func getModule() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-Module",
		Module:           coreModule,
		ImplementingType: "Microsoft.PowerShell.Commands.GetModuleCommand",
		Synopsis:         "List the modules imported in the current session or that can be imported from the PSModulePath.",
		OutputType:       []string{"System.Management.Automation.PSModuleInfo"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipeline: true}}},
			switchParam("ListAvailable"),
			switchParam("All"),
			switchParam("Refresh"),
			named("PSEdition", eval.StringType),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				var mods []*eval.Module
				if c.Switch("ListAvailable") {
					mods = c.AvailableModules(c.Strings("Name"))
				} else {
					mods = c.LoadedModules(c.Strings("Name"))
				}
				for _, m := range mods {
					if err := c.WriteObject(m.ModuleInfo()); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// removeModule is Remove-Module (alias rmo).
func removeModule() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Remove-Module",
		Module:                coreModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.RemoveModuleCommand",
		Synopsis:              "Removes modules from the current session.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			{Name: "Name", Aliases: []string{"ModuleInfo", "FullyQualifiedName"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}},
			switchParam("Force"),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				for _, n := range c.Strings("Name") {
					if !c.RemoveModule(n) && !strings.ContainsAny(n, "*?[") {
						rec := c.NewError(eval.NewException("System.InvalidOperationException",
							"No modules were removed. Verify that the specification of modules to remove is correct and those modules exist in the runspace."),
							"Modules_NoModulesRemoved", eval.ResourceUnavailable, n)
						if err := c.WriteError(rec); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// aliasCmdlet builds Set-Alias and New-Alias.
func aliasCmdlet(name, class, synopsis string, create bool) *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  name,
		Module:                utilityModule,
		ImplementingType:      class,
		Synopsis:              synopsis,
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactLow,
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipelineByPropertyName: true}}},
			{Name: "Value", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 1, ValueFromPipelineByPropertyName: true}}},
			named("Description", eval.StringType),
			named("Option", eval.StringType),
			switchParam("PassThru"),
			scopeParam,
			switchParam("Force"),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				n, def := c.String("Name"), c.String("Value")
				action := "Set Alias"
				if create {
					action = "New Alias"
				}
				ok, err := c.ShouldProcess("Name: "+n+" Value: "+def, action)
				if err != nil || !ok {
					return err
				}
				a, err := c.SetAlias(n, def, c.String("Description"), c.String("Scope"), c.String("Option"), create, c.Switch("Force"))
				if err != nil || a == nil {
					return err
				}
				if c.Switch("PassThru") {
					return c.WriteObject(a)
				}
				return nil
			})
		},
	}
}

// setAlias is Set-Alias (alias sal).
func setAlias() *eval.CommandInfo {
	return aliasCmdlet("Set-Alias", "Microsoft.PowerShell.Commands.SetAliasCommand", "Creates or changes an alias for a cmdlet or other command in the current PowerShell session.", false)
}

// newAlias is New-Alias (alias nal).
func newAlias() *eval.CommandInfo {
	return aliasCmdlet("New-Alias", "Microsoft.PowerShell.Commands.NewAliasCommand", "Creates a new alias.", true)
}

// getAlias is Get-Alias (alias gal).
func getAlias() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Alias",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.GetAliasCommand",
		Synopsis:            "Gets the aliases for the current session.",
		DefaultParameterSet: "Default",
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "Default", Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "Definition", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "Definition", Position: -1}}},
			named("Exclude", eval.StringArrayType),
			scopeParam,
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				names := c.Strings("Name")
				found := c.Aliases(names, c.Strings("Definition"))
				for _, a := range found {
					n, _ := value.GetProperty(a, "Name")
					if c.Has("Exclude") && matchAnyName(c.Strings("Exclude"), value.ToString(n)) {
						continue
					}
					if err := c.WriteObject(a); err != nil {
						return err
					}
				}
				for _, n := range names {
					if strings.ContainsAny(n, "*?[") {
						continue
					}
					if len(c.Aliases([]string{n}, nil)) == 0 {
						rec := c.NewError(eval.NewException("System.Management.Automation.ItemNotFoundException", "Cannot find an alias because alias '"+n+"' does not exist."),
							"ItemNotFoundException", eval.ObjectNotFound, n)
						if err := c.WriteError(rec); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// matchAnyName matches a name against wildcard patterns, ignoring case.
func matchAnyName(patterns []string, name string) bool {
	for _, p := range patterns {
		if wildcard.Match(p, name, false) {
			return true
		}
	}
	return false
}

// readHost is Read-Host.
func readHost() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Read-Host",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.ReadHostCommand",
		Synopsis:            "Reads a line of input from the console.",
		DefaultParameterSet: "AsString",
		Parameters: []*eval.Parameter{
			{Name: "Prompt", Remaining: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
			{Name: "AsSecureString", Switch: true, Sets: []eval.ParameterSet{{Name: "AsSecureString", Position: -1}}},
			{Name: "MaskInput", Switch: true, Sets: []eval.ParameterSet{{Name: "AsString", Position: -1}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				prompt := ""
				if c.Has("Prompt") {
					items := value.Enumerate(c.Value("Prompt"))
					parts := make([]string, len(items))
					for i, it := range items {
						parts[i] = value.ToString(it)
					}
					prompt = strings.Join(parts, " ")
				}
				v, err := c.ReadHost(prompt, c.Has("Prompt"), c.Switch("AsSecureString"))
				if err != nil {
					return err
				}
				return c.WriteObject(v)
			})
		},
	}
}

// writeProgress is Write-Progress.
func writeProgress() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Write-Progress",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.WriteProgressCommand",
		Synopsis:         "Displays a progress bar within a PowerShell command window.",
		Parameters: []*eval.Parameter{
			positional("Activity", eval.StringType, 0, false),
			positional("Status", eval.StringType, 1, false),
			positional("Id", eval.Int32Type, 2, false),
			named("PercentComplete", eval.Int32Type),
			named("SecondsRemaining", eval.Int32Type),
			named("CurrentOperation", eval.StringType),
			named("ParentId", eval.Int32Type),
			switchParam("Completed"),
			named("SourceId", eval.Int32Type),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				pct := -1
				if c.Has("PercentComplete") {
					n, _ := value.ToInt32(c.Value("PercentComplete"))
					pct = int(n)
				}
				c.WriteProgress(eval.ProgressRecord{
					Activity:         c.String("Activity"),
					Status:           c.String("Status"),
					CurrentOperation: c.String("CurrentOperation"),
					PercentComplete:  pct,
					Completed:        c.Switch("Completed"),
				})
				return nil
			})
		},
	}
}
