package pester

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// The [PesterConfiguration] object scripts build with
// New-PesterConfiguration: sections (Run, Filter, Output, TestResult,
// Should, TestDrive, ...) of options, each with Value, Default and
// Description. `$c.Run.Path = './tests'` and `$c.Run.Path.Value =
// './tests'` both set an option.

// optionKind says how an option converts what a script assigns.
type optionKind int

const (
	kindBool optionKind = iota
	kindString
	kindStrings
	kindInt
	kindObjects
)

// configOption is one option.
type configOption struct {
	name, description string
	kind              optionKind
	def, val          any
	modified          bool
}

// set assigns a value, converting it to the option's kind.
func (o *configOption) set(v any) error {
	if opt, ok := v.(*configOption); ok {
		v = opt.val
	}
	switch o.kind {
	case kindBool:
		o.val = value.ToBool(v)
	case kindString:
		o.val = value.ToString(v)
	case kindStrings:
		var ss []any
		if !value.IsNull(v) {
			for _, it := range value.Enumerate(v) {
				ss = append(ss, value.ToString(it))
			}
		}
		if ss == nil {
			ss = []any{}
		}
		o.val = ss
	case kindInt:
		n, err := value.ToInt32(v)
		if err != nil {
			return fmt.Errorf("Cannot convert value to type System.Int32 for option %s.", o.name)
		}
		o.val = n
	default:
		if value.IsNull(v) {
			o.val = []any{}
		} else {
			o.val = append([]any{}, value.Enumerate(v)...)
		}
	}
	o.modified = true
	return nil
}

// TypeNames implements value.Object.
func (o *configOption) TypeNames() []string {
	return []string{"Pester.Option", "System.Object"}
}

// Property implements value.Object.
func (o *configOption) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "value":
		return o.val, true
	case "default":
		return o.def, true
	case "description":
		return o.description, true
	case "ismodified":
		return o.modified, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (o *configOption) PropertyNames() []string {
	return []string{"Default", "Description", "IsModified", "Value"}
}

// SetProperty implements value.PropertySetter ($c.Run.Path.Value = ...).
func (o *configOption) SetProperty(name string, v any) error {
	if strings.EqualFold(name, "Value") {
		return o.set(v)
	}
	return fmt.Errorf("The property '%s' cannot be found on this object.", name)
}

// String renders the option's value.
func (o *configOption) String() string { return value.ToString(o.val) }

// configSection is one section of options.
type configSection struct {
	name    string
	options []*configOption
}

// option finds an option by name (any case).
func (s *configSection) option(name string) *configOption {
	for _, o := range s.options {
		if strings.EqualFold(o.name, name) {
			return o
		}
	}
	return nil
}

// TypeNames implements value.Object.
func (s *configSection) TypeNames() []string {
	return []string{"Pester." + s.name + "Configuration", "Pester.ConfigurationSection", "System.Object"}
}

// Property implements value.Object.
func (s *configSection) Property(name string) (any, bool) {
	if o := s.option(name); o != nil {
		return o, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (s *configSection) PropertyNames() []string {
	out := make([]string, len(s.options))
	for i, o := range s.options {
		out[i] = o.name
	}
	return out
}

// SetProperty implements value.PropertySetter ($c.Run.Path = ...).
func (s *configSection) SetProperty(name string, v any) error {
	o := s.option(name)
	if o == nil {
		return fmt.Errorf("The property '%s' cannot be found on this object. Verify that the property exists and can be set.", name)
	}
	return o.set(v)
}

// configObject is [PesterConfiguration].
type configObject struct {
	sections []*configSection
}

// TypeNames implements value.Object.
func (c *configObject) TypeNames() []string {
	return []string{"PesterConfiguration", "System.Object"}
}

// section finds a section by name (any case).
func (c *configObject) section(name string) *configSection {
	for _, s := range c.sections {
		if strings.EqualFold(s.name, name) {
			return s
		}
	}
	return nil
}

// Property implements value.Object.
func (c *configObject) Property(name string) (any, bool) {
	if s := c.section(name); s != nil {
		return s, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (c *configObject) PropertyNames() []string {
	out := make([]string, len(c.sections))
	for i, s := range c.sections {
		out[i] = s.name
	}
	return out
}

// String renders the object's type.
func (c *configObject) String() string { return "PesterConfiguration" }

// opt builds an option with its default as its value.
func opt(name string, kind optionKind, def any, description string) *configOption {
	return &configOption{name: name, kind: kind, def: def, val: def, description: description}
}

// newConfigObject returns a configuration with Pester's defaults.
func newConfigObject() *configObject {
	strs := func(ss ...string) []any { return stringsToAny(ss) }
	return &configObject{sections: []*configSection{
		{name: "Run", options: []*configOption{
			opt("Path", kindStrings, strs("."), "Directories to be searched for tests, paths directly to test files, or combination of both."),
			opt("ExcludePath", kindStrings, strs(), "Directories or files to be excluded from the run."),
			opt("ScriptBlock", kindObjects, []any{}, "ScriptBlocks containing tests to be executed."),
			opt("Container", kindObjects, []any{}, "ContainerInfo objects containing tests to be executed."),
			opt("TestExtension", kindString, ".Tests.ps1", "Filter used to identify test files."),
			opt("Exit", kindBool, false, "Exit with non-zero exit code when the test run fails. Exit code is always set to `$LASTEXITCODE` even when this option is `$false`."),
			opt("Throw", kindBool, false, "Throw an exception when test run fails."),
			opt("PassThru", kindBool, false, "Return result object to the pipeline after finishing the test run."),
			opt("SkipRun", kindBool, false, "Runs the discovery phase but skips run. Use it with PassThru to get object populated with all tests."),
			opt("SkipRemainingOnFailure", kindString, "None", "Skips remaining tests after failure for selected scope, options are None, Run, Container and Block."),
		}},
		{name: "Filter", options: []*configOption{
			opt("Tag", kindStrings, strs(), "Tags of Describe, Context or It to be run."),
			opt("ExcludeTag", kindStrings, strs(), "Tags of Describe, Context or It to be excluded from the run."),
			opt("Line", kindStrings, strs(), `Filter by file and scriptblock start line, useful to run parsed tests programmatically to avoid problems with expanded names. Example: 'C:\tests\file1.Tests.ps1:37'`),
			opt("ExcludeLine", kindStrings, strs(), "Exclude by file and scriptblock start line, takes precedence over Line."),
			opt("FullName", kindStrings, strs(), "Full name of test with -like wildcards, joined by dot. Example: '*.describe Get-Item.test1'"),
		}},
		{name: "CodeCoverage", options: []*configOption{
			opt("Enabled", kindBool, false, "Enable CodeCoverage."),
			opt("OutputFormat", kindString, "JaCoCo", "Format to use for code coverage report. Possible values: JaCoCo, CoverageGutters, Cobertura"),
			opt("OutputPath", kindString, "coverage.xml", "Path relative to the current directory where code coverage report is saved."),
			opt("OutputEncoding", kindString, "UTF8", "Encoding of the output file."),
			opt("Path", kindStrings, strs(), "Directories or files to be used for code coverage, by default the Path(s) from general settings are used, unless overridden here."),
			opt("ExcludeTests", kindBool, true, "Exclude tests from code coverage. This uses the TestFilter from general configuration."),
			opt("RecursePaths", kindBool, true, "Will recurse through directories in the Path option."),
			opt("CoveragePercentTarget", kindInt, int32(75), "Target percent of code coverage that you want to achieve, default 75%."),
			opt("UseBreakpoints", kindBool, true, "EXPERIMENTAL: When false, use Profiler based tracer to do CodeCoverage instead of using breakpoints."),
			opt("SingleHitBreakpoints", kindBool, true, "Remove breakpoint when it is hit."),
		}},
		{name: "TestResult", options: []*configOption{
			opt("Enabled", kindBool, false, "Enable TestResult."),
			opt("OutputFormat", kindString, "NUnitXml", "Format to use for test result report. Possible values: NUnitXml, NUnit2.5, NUnit3 or JUnitXml"),
			opt("OutputPath", kindString, "testResults.xml", "Path relative to the current directory where test result report is saved."),
			opt("OutputEncoding", kindString, "UTF8", "Encoding of the output file."),
			opt("TestSuiteName", kindString, "Pester", "Set the name assigned to the root 'test-suite' element."),
		}},
		{name: "Should", options: []*configOption{
			opt("ErrorAction", kindString, "Stop", "Controls if Should throws on error. Use 'Stop' to throw on error, or 'Continue' to fail at the end of the test."),
			opt("DisableV5", kindBool, false, "Disables usage of Should -Be assertions, that are replaced by Should-Be in version 6."),
		}},
		{name: "Debug", options: []*configOption{
			opt("ShowFullErrors", kindBool, false, "Show full errors including Pester internal stack. This property is deprecated, and if set to true it will override Output.StackTraceVerbosity to 'Full'."),
			opt("WriteDebugMessages", kindBool, false, "Write Debug messages to screen."),
			opt("WriteDebugMessagesFrom", kindStrings, strs("Discovery", "Skip", "Mock", "CodeCoverage"), "Write Debug messages from a given source, WriteDebugMessages must be set to true for this to work. You can use like wildcards to get messages from multiple sources, as well as * to get everything."),
			opt("ShowNavigationMarkers", kindBool, false, "Write paths after every block and test, for easy navigation in VSCode."),
			opt("ReturnRawResultObject", kindBool, false, "Returns unfiltered result object, this is for development only. Do not rely on this object for additional properties, non-public properties will be renamed without previous notice."),
		}},
		{name: "Output", options: []*configOption{
			opt("Verbosity", kindString, "Normal", "The verbosity of output, options are None, Normal, Detailed and Diagnostic."),
			opt("StackTraceVerbosity", kindString, "Filtered", "The verbosity of stacktrace output, options are None, FirstLine, Filtered and Full."),
			opt("CIFormat", kindString, "Auto", "The CI format of error output in build logs, options are None, Auto, AzureDevops and GithubActions."),
			opt("CILogLevel", kindString, "Error", "The CI log level in build logs, options are Error and Warning."),
			opt("RenderMode", kindString, "Auto", "The mode used to render console output, options are Auto, Ansi, ConsoleColor and Plaintext."),
		}},
		{name: "TestDrive", options: []*configOption{
			opt("Enabled", kindBool, true, "Enable TestDrive."),
		}},
		{name: "TestRegistry", options: []*configOption{
			opt("Enabled", kindBool, true, "Enable TestRegistry."),
		}},
	}}
}

// merge applies a hashtable of sections (@{ Run = @{ Path = 'x' } }), as
// New-PesterConfiguration -Hashtable and Invoke-Pester -Configuration
// @{...} do.
func (c *configObject) merge(h *value.Hashtable) error {
	for _, k := range h.Keys() {
		name := value.ToString(k)
		s := c.section(name)
		if s == nil {
			return fmt.Errorf("Section '%s' does not exist in the Pester configuration.", name)
		}
		v, _ := h.Get(k)
		switch x := v.(type) {
		case *value.Hashtable:
			for _, ok := range x.Keys() {
				ov, _ := x.Get(ok)
				if err := s.SetProperty(value.ToString(ok), ov); err != nil {
					return err
				}
			}
		case *configSection:
			for _, o := range x.options {
				if o.modified {
					if err := s.SetProperty(o.name, o.val); err != nil {
						return err
					}
				}
			}
		default:
			return fmt.Errorf("Section '%s' must be a hashtable.", name)
		}
	}
	return nil
}

// val reads an option's value.
func (c *configObject) val(section, option string) any {
	return c.section(section).option(option).val
}

// strings reads a string-list option.
func (c *configObject) strs(section, option string) []string {
	var out []string
	for _, v := range value.Enumerate(c.val(section, option)) {
		out = append(out, value.ToString(v))
	}
	return out
}

// config converts the object to the runner's configuration.
func (c *configObject) config() *Config {
	cfg := DefaultConfig()
	str := func(s, o string) string { return value.ToString(c.val(s, o)) }
	boolean := func(s, o string) bool { return value.ToBool(c.val(s, o)) }
	cfg.Paths = c.strs("Run", "Path")
	cfg.ExcludePaths = c.strs("Run", "ExcludePath")
	cfg.TestExtension = str("Run", "TestExtension")
	cfg.Exit = boolean("Run", "Exit")
	cfg.Throw = boolean("Run", "Throw")
	cfg.PassThru = boolean("Run", "PassThru")
	cfg.SkipRun = boolean("Run", "SkipRun")
	cfg.Tag = c.strs("Filter", "Tag")
	cfg.ExcludeTag = c.strs("Filter", "ExcludeTag")
	cfg.Line = c.strs("Filter", "Line")
	cfg.ExcludeLine = c.strs("Filter", "ExcludeLine")
	cfg.FullName = c.strs("Filter", "FullName")
	cfg.Verbosity = str("Output", "Verbosity")
	cfg.StackTraceVerbosity = str("Output", "StackTraceVerbosity")
	if boolean("Debug", "ShowFullErrors") {
		cfg.StackTraceVerbosity = "Full"
	}
	cfg.CIFormat = str("Output", "CIFormat")
	cfg.RenderMode = str("Output", "RenderMode")
	cfg.ShouldErrorAction = str("Should", "ErrorAction")
	cfg.TestDrive = boolean("TestDrive", "Enabled")
	cfg.TestSuiteName = str("TestResult", "TestSuiteName")
	if boolean("TestResult", "Enabled") {
		cfg.Reports = []Report{{Format: str("TestResult", "OutputFormat"), Path: str("TestResult", "OutputPath")}}
	}
	return cfg
}

// newPesterConfigurationCommand is New-PesterConfiguration [-Hashtable].
func (p *Plugin) newPesterConfigurationCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "New-PesterConfiguration",
		Synopsis: "Creates a new PesterConfiguration object for advanced configuration of Invoke-Pester.",
		Parameters: []*eval.Parameter{
			at("Hashtable", nil, 0),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				cfg := newConfigObject()
				if h, ok := c.Value("Hashtable").(*value.Hashtable); ok {
					if err := cfg.merge(h); err != nil {
						return throwf(c, err.Error())
					}
				}
				return c.WriteObject(cfg)
			})
		},
	}
}
