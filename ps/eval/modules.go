package eval

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/parser"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// Modules (about_Modules): script modules (.psm1) run in their own session
// state, a script scope under the global scope, so module code sees the
// module's variables and the globals but never its caller's; manifests
// (.psd1) name a root module and filter what it exports; binary modules are
// keyhost's Go cmdlets, grouped by the module name they register under
// (VMware.VimAutomation.Core ...), which import without doing anything.

// Module is a loaded module (PSModuleInfo): a name, a path, its own script
// scope (the module's session state) and what it exports.
type Module struct {
	Name        string
	Path        string
	Version     string
	Description string
	GUID        string
	// ModuleType is "Script", "Manifest" or "Binary".
	ModuleType string
	// scope is the module's script scope; its parent is the global scope.
	scope *Scope
	// exportCalled says Export-ModuleMember ran; the lists then say what
	// it exported (wildcard patterns).
	exportCalled                     bool
	exportFunctions, exportVariables []string
	exportAliases                    []string
	manifestFunctions, manifestVars  []string
	manifestAliases                  []string
	functions                        []*Function
	variables                        []*Variable
	aliases                          []*Alias
	nested                           []*Module
	importedInto                     *Scope
}

// powerCLIModules are the PowerCLI modules keyhost stands in for: they
// import without loading anything, since keyhost provides their cmdlets.
var powerCLIModules = []string{
	"VMware.PowerCLI", "VCF.PowerCLI",
	"VMware.VimAutomation.Sdk", "VMware.VimAutomation.Common", "VMware.VimAutomation.Cis.Core",
	"VMware.VimAutomation.Core", "VMware.VimAutomation.Storage", "VMware.VimAutomation.Security",
	"VMware.VimAutomation.Vds", "VMware.VimAutomation.Vmc", "VMware.VimAutomation.Nsxt",
	"VMware.VimAutomation.Srm", "VMware.VimAutomation.License", "VMware.VimAutomation.Hcx",
	"VMware.VimAutomation.HorizonView", "VMware.VimAutomation.WorkloadManagement",
	"VMware.VimAutomation.StorageUtility", "VMware.VimAutomation.CloudServices",
	"VMware.DeployAutomation", "VMware.ImageBuilder", "VMware.VumAutomation", "VMware.CloudServices",
	"VMware.Sdk.vSphere", "VMware.Sdk.Runtime", "VMware.PowerCLI.Sdk", "VMware.PowerCLI.VCenter",
}

// coreModules are PowerShell's own modules, always available.
var coreModules = []string{
	"Microsoft.PowerShell.Core", "Microsoft.PowerShell.Utility", "Microsoft.PowerShell.Management",
	"Microsoft.PowerShell.Security", "Microsoft.PowerShell.Host",
}

// binaryModuleName returns the canonical name of a built-in module, or "".
func (r *Runner) binaryModuleName(name string) string {
	for _, list := range [][]string{powerCLIModules, coreModules} {
		for _, n := range list {
			if strings.EqualFold(n, name) {
				return n
			}
		}
	}
	for _, ci := range r.table.Commands() {
		if ci.Module != "" && strings.EqualFold(ci.Module, name) {
			return ci.Module
		}
	}
	return ""
}

// moduleInfo is a PSModuleInfo object: its properties, and the module it
// stands for (& $module { ... } runs code in the module's session state).
type moduleInfo struct {
	*value.PSObject
	m *Module
}

// ModuleInfo renders a module as the PSModuleInfo object Get-Module and
// Import-Module -PassThru write.
func (m *Module) ModuleInfo() value.Object {
	return &moduleInfo{PSObject: m.moduleInfoObject(), m: m}
}

func (m *Module) moduleInfoObject() *value.PSObject {
	o := value.NewPSObject("System.Management.Automation.PSModuleInfo")
	funcs := value.NewHashtable()
	funcs.Ordered = true
	cmds := value.NewHashtable()
	cmds.Ordered = true
	for _, f := range m.functions {
		funcs.Set(f.Name, f.Name)
		cmds.Set(f.Name, f.Name)
	}
	for _, a := range m.aliases {
		cmds.Set(a.Name, a.Name)
	}
	vars := value.NewHashtable()
	vars.Ordered = true
	for _, v := range m.variables {
		vars.Set(v.Name, v.Value)
	}
	aliases := value.NewHashtable()
	aliases.Ordered = true
	for _, a := range m.aliases {
		aliases.Set(a.Name, a.Definition)
	}
	ver, _ := toVersion(m.Version)
	base := ""
	if m.Path != "" {
		base = path.Dir(m.Path)
	}
	o.Add("ModuleType", m.ModuleType).Add("Version", ver).Add("Name", m.Name).Add("ExportedCommands", cmds).
		Add("Path", m.Path).Add("ModuleBase", base).Add("Description", m.Description).Add("Guid", m.GUID).
		Add("ExportedFunctions", funcs).Add("ExportedVariables", vars).Add("ExportedAliases", aliases)
	o.ToStringFunc = func() string { return m.Name }
	return o
}

// ImportModuleOptions are Import-Module's parameters.
type ImportModuleOptions struct {
	// Name is a module name or a path to a .psm1, .psd1 or .ps1 file.
	Name string
	// Global imports into the global scope even from module code; Local
	// into the caller's scope.
	Global, Local bool
	Force         bool
	Prefix        string
	// Function, Variable and Alias restrict what is imported (wildcards).
	Function, Variable, Alias []string
	ArgumentList              []any
	MinimumVersion            string
	RequiredVersion           string
}

// moduleNotFound is Import-Module's error for a module it cannot find.
func (c *Call) moduleNotFound(name string) error {
	rec := c.NewError(newExceptionOf("System.IO.FileNotFoundException",
		fmt.Sprintf("The specified module '%s' was not loaded because no valid module file was found in any module directory.", name)),
		"Modules_ModuleNotFound", ResourceUnavailable, name)
	return c.WriteError(rec)
}

// ImportModule implements Import-Module: it loads (or reuses) a module
// and imports its exports into the caller's session state. It returns the
// module, or nil after writing an error.
func (c *Call) ImportModule(opts ImportModuleOptions) (*Module, error) {
	m, err := c.f.r.loadModule(c.f, opts.Name, opts.Force, opts.ArgumentList, c.cmd)
	if err != nil {
		var nf *moduleNotFoundError
		if asModuleNotFound(err, &nf) {
			return nil, c.moduleNotFound(opts.Name)
		}
		return nil, err
	}
	if m == nil {
		return nil, nil
	}
	if opts.RequiredVersion != "" || opts.MinimumVersion != "" {
		have, _ := toVersion(orDefault(m.Version, "0.0"))
		want := opts.RequiredVersion
		if want == "" {
			want = opts.MinimumVersion
		}
		w, err := toVersion(want)
		if err == nil {
			cmp, _ := have.(versionValue).CompareTo(w)
			if (opts.RequiredVersion != "" && cmp != 0) || (opts.RequiredVersion == "" && cmp < 0) {
				return nil, c.WriteError(c.NewError(newExceptionOf("System.IO.FileNotFoundException",
					fmt.Sprintf("The specified module '%s' with version '%s' was not loaded because no valid module file was found in any module directory.", opts.Name, want)),
					"Modules_ModuleWithVersionNotFound", ResourceUnavailable, opts.Name))
			}
		}
	}
	target := c.f.scope.global()
	if ms := c.f.scope.moduleScope(); ms != nil && !opts.Global {
		target = ms
	}
	if opts.Local {
		target = c.f.scope
	}
	m.importInto(target, opts)
	return m, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// moduleNotFoundError says no module file was found for a name.
type moduleNotFoundError struct{ name string }

func (e *moduleNotFoundError) Error() string { return "module not found: " + e.name }

func asModuleNotFound(err error, out **moduleNotFoundError) bool {
	e, ok := err.(*moduleNotFoundError)
	if ok {
		*out = e
	}
	return ok
}

// loadedModule finds a loaded module by name or path.
func (r *Runner) loadedModule(nameOrPath string) *Module {
	for _, m := range r.modules {
		if strings.EqualFold(m.Name, nameOrPath) || (m.Path != "" && m.Path == nameOrPath) {
			return m
		}
	}
	return nil
}

// loadModule finds and loads a module by name or path; a module already
// loaded is reused unless force is set.
func (r *Runner) loadModule(f *frame, name string, force bool, args []any, at ast.Node) (*Module, error) {
	if bin := r.binaryModuleName(name); bin != "" {
		if m := r.loadedModule(bin); m != nil {
			return m, nil
		}
		m := &Module{Name: bin, ModuleType: "Binary", Version: binaryModuleVersion(bin)}
		for _, ci := range r.table.Commands() {
			if strings.EqualFold(ci.Module, bin) {
				m.functions = append(m.functions, &Function{Name: ci.Name})
			}
		}
		r.modules = append(r.modules, m)
		return m, nil
	}
	file := r.findModuleFile(f, name)
	if file == "" {
		return nil, &moduleNotFoundError{name: name}
	}
	if m := r.loadedModule(file); m != nil && !force {
		return m, nil
	}
	if m := r.loadedModule(file); m != nil {
		r.forgetModule(m)
	}
	var m *Module
	var err error
	switch strings.ToLower(path.Ext(file)) {
	case ".psd1":
		m, err = r.loadManifest(f, file, args, at)
	default:
		m, err = r.loadScriptModule(f, file, args, at)
	}
	if err != nil {
		return nil, err
	}
	r.modules = append(r.modules, m)
	return m, nil
}

// binaryModuleVersion is the version keyhost reports for a built-in
// module.
func binaryModuleVersion(name string) string {
	if strings.HasPrefix(name, "Microsoft.PowerShell") {
		return "7.0.0.0"
	}
	return "13.3.0.24145081"
}

// findModuleFile resolves a module name or path to a file: a path to a
// .psd1/.psm1/.ps1 file or to a folder holding Name.psd1 or Name.psm1, or
// a name found in $env:PSModulePath as Name/Name.psd1, Name/Name.psm1 or
// Name/<version>/Name.psd1.
func (r *Runner) findModuleFile(f *frame, name string) string {
	fs := r.host.FS
	isFile := func(p string) bool {
		fi, err := fs.Stat(p)
		return err == nil && !fi.IsDir()
	}
	inFolder := func(dir, base string) string {
		for _, ext := range []string{".psd1", ".psm1"} {
			if p := path.Join(dir, base+ext); isFile(p) {
				return p
			}
		}
		// Name/<version>/Name.psd1: the highest version wins.
		entries, err := fs.ReadDir(dir)
		if err != nil {
			return ""
		}
		var best string
		var bestVer versionValue
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			v, err := parseVersion(e.Name())
			if err != nil {
				continue
			}
			p := path.Join(dir, e.Name(), base+".psd1")
			if !isFile(p) {
				continue
			}
			if c, _ := v.CompareTo(bestVer); best == "" || c > 0 {
				best, bestVer = p, v
			}
		}
		return best
	}
	if strings.ContainsAny(name, `/\`) || strings.HasSuffix(strings.ToLower(name), ".psm1") || strings.HasSuffix(strings.ToLower(name), ".psd1") || strings.HasSuffix(strings.ToLower(name), ".ps1") {
		p := r.absPath(strings.ReplaceAll(name, `\`, "/"))
		if isFile(p) {
			return p
		}
		if fi, err := fs.Stat(p); err == nil && fi.IsDir() {
			return inFolder(p, path.Base(p))
		}
		return ""
	}
	paths, _ := r.env.get("PSModulePath")
	for _, dir := range strings.Split(paths, ":") {
		if dir == "" {
			continue
		}
		if p := inFolder(path.Join(r.absPath(dir), name), name); p != "" {
			return p
		}
	}
	return ""
}

// newModuleScope returns a module's session state: a script scope under
// the global scope with $PSScriptRoot and friends.
func (r *Runner) newModuleScope(m *Module, file string) (*Scope, *frame, error) {
	scope := newScope(r.global, true)
	scope.module = m
	m.scope = scope
	src, err := r.host.FS.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	pf, perr := parser.ParseFile(file, string(src))
	if perr != nil {
		r.reportParseErrors(perr, file, string(src))
		return nil, nil, perr
	}
	fr := r.newFrame(scope, pf)
	fr.setScriptVariables(file)
	if err := fr.applyUsing(pf); err != nil {
		if list, ok := err.(parser.ErrorList); ok {
			r.reportParseErrors(list, file, string(src))
		}
		return nil, nil, err
	}
	return scope, fr, nil
}

// loadScriptModule runs a .psm1 (or .ps1) file as a module. The exports
// of nested modules are imported into its session state first, so its
// code can call them.
func (r *Runner) loadScriptModule(f *frame, file string, args []any, at ast.Node, nested ...*Module) (*Module, error) {
	name := strings.TrimSuffix(path.Base(file), path.Ext(file))
	m := &Module{Name: name, Path: file, ModuleType: "Script", Version: "0.0", nested: nested}
	_, fr, err := r.newModuleScope(m, file)
	if err != nil {
		return nil, f.moduleLoadError(at, file, err)
	}
	for _, n := range nested {
		n.importInto(fr.scope, ImportModuleOptions{})
	}
	fr.scope.setLocal("args", append([]any{}, args...))
	if err := fr.runScriptBody(fr.src.file.Body, discard); err != nil {
		if isFlowSignal(err) {
			err = nil
		} else {
			return nil, err
		}
	}
	m.collectExports()
	return m, nil
}

// moduleLoadError reports a module file that cannot be read or parsed.
func (f *frame) moduleLoadError(at ast.Node, file string, err error) error {
	if _, isParse := err.(parser.ErrorList); isParse {
		return f.runtimeErrorAt(at, "ModuleParseError", fmt.Sprintf("The module '%s' could not be loaded because it contains parse errors.", file))
	}
	return f.runtimeErrorAt(at, "Modules_ModuleFileNotFound", fmt.Sprintf("The module '%s' could not be read: %v", file, err))
}

// collectExports decides a script module's exports: what
// Export-ModuleMember named, or every function when it was never called;
// a manifest's *ToExport lists filter the result.
func (m *Module) collectExports() {
	sc := m.scope
	funcNames := make([]string, 0, len(sc.functions))
	for _, fn := range sc.functions {
		funcNames = append(funcNames, fn.Name)
	}
	sort.Strings(funcNames)
	var funcs []*Function
	for _, n := range funcNames {
		fn := sc.functions[lowerKey(n)]
		if fn.Private {
			continue
		}
		if m.exportCalled && !matchesAny(m.exportFunctions, n) {
			continue
		}
		funcs = append(funcs, fn)
	}
	var vars []*Variable
	var aliases []*Alias
	if m.exportCalled {
		for _, v := range sortedVars(sc) {
			if matchesAny(m.exportVariables, v.Name) {
				vars = append(vars, v)
			}
		}
		for _, a := range sortedAliases(sc) {
			if matchesAny(m.exportAliases, a.Name) {
				aliases = append(aliases, a)
			}
		}
	}
	// Nested modules' exports were imported into this module's scope, so
	// the functions are among its own already; their variables and
	// aliases are added here.
	for _, n := range m.nested {
		vars = append(vars, n.variables...)
		aliases = append(aliases, n.aliases...)
	}
	m.functions, m.variables, m.aliases = funcs, vars, aliases
}

// applyManifestFilters keeps only what a manifest's FunctionsToExport,
// VariablesToExport and AliasesToExport allow.
func (m *Module) applyManifestFilters() {
	if m.manifestFunctions != nil {
		var kept []*Function
		for _, f := range m.functions {
			if matchesAny(m.manifestFunctions, f.Name) {
				kept = append(kept, f)
			}
		}
		m.functions = kept
	}
	if m.manifestVars != nil {
		var kept []*Variable
		for _, v := range m.variables {
			if matchesAny(m.manifestVars, v.Name) {
				kept = append(kept, v)
			}
		}
		m.variables = kept
	}
	if m.manifestAliases != nil {
		var kept []*Alias
		for _, a := range m.aliases {
			if matchesAny(m.manifestAliases, a.Name) {
				kept = append(kept, a)
			}
		}
		m.aliases = kept
	}
}

func sortedVars(sc *Scope) []*Variable {
	keys := make([]string, 0, len(sc.vars))
	for k := range sc.vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*Variable, len(keys))
	for i, k := range keys {
		out[i] = sc.vars[k]
	}
	return out
}

func sortedAliases(sc *Scope) []*Alias {
	keys := make([]string, 0, len(sc.aliases))
	for k := range sc.aliases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*Alias, len(keys))
	for i, k := range keys {
		out[i] = sc.aliases[k]
	}
	return out
}

// matchesAny reports whether name matches one of the wildcard patterns.
func matchesAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if wildcard.Match(p, name, false) {
			return true
		}
	}
	return false
}

// importInto makes a module's exports visible in a scope, filtered by
// Import-Module's -Function/-Variable/-Alias and renamed with -Prefix.
func (m *Module) importInto(target *Scope, opts ImportModuleOptions) {
	m.importedInto = target
	prefixed := func(name string) string {
		if opts.Prefix == "" {
			return name
		}
		if verb, noun, ok := strings.Cut(name, "-"); ok {
			return verb + "-" + opts.Prefix + noun
		}
		return opts.Prefix + name
	}
	for _, fn := range m.functions {
		if fn.block == nil || (opts.Function != nil && !matchesAny(opts.Function, fn.Name)) {
			continue
		}
		c := *fn
		c.Name = prefixed(fn.Name)
		target.defineFunction(&c)
	}
	for _, v := range m.variables {
		if opts.Variable != nil && !matchesAny(opts.Variable, v.Name) {
			continue
		}
		target.setVar(v)
	}
	for _, a := range m.aliases {
		if opts.Alias != nil && !matchesAny(opts.Alias, a.Name) {
			continue
		}
		target.defineAlias(a)
	}
}

// forgetModule removes a module: its imported members leave the scope they
// were imported into, and it leaves the list of loaded modules.
func (r *Runner) forgetModule(m *Module) {
	if sc := m.importedInto; sc != nil {
		for _, fn := range m.functions {
			if cur := sc.functions[lowerKey(fn.Name)]; cur != nil && cur.block == fn.block {
				sc.removeFunction(fn.Name)
			}
		}
		for _, v := range m.variables {
			if sc.vars[lowerKey(v.Name)] == v {
				sc.remove(v.Name)
			}
		}
		for _, a := range m.aliases {
			if sc.aliases[lowerKey(a.Name)] == a {
				delete(sc.aliases, lowerKey(a.Name))
			}
		}
	}
	for i, x := range r.modules {
		if x == m {
			r.modules = append(r.modules[:i], r.modules[i+1:]...)
			break
		}
	}
}

// ExportModuleMember implements Export-ModuleMember: it records what the
// calling module exports. It fails outside module code.
func (c *Call) ExportModuleMember(functions, variables, aliases []string) error {
	ms := c.f.scope.moduleScope()
	if ms == nil {
		rec := c.NewError(newExceptionOf("System.InvalidOperationException", "The Export-ModuleMember cmdlet can only be called from inside a module."),
			"Modules_CanOnlyExecuteExportModuleMemberInsideAModule", PermissionDenied, nil)
		return c.ThrowTerminatingError(rec)
	}
	m := ms.module
	m.exportCalled = true
	m.exportFunctions = append(m.exportFunctions, functions...)
	m.exportVariables = append(m.exportVariables, variables...)
	m.exportAliases = append(m.exportAliases, aliases...)
	return nil
}

// LoadedModules lists the loaded modules whose names match the patterns
// (all when none are given), in load order.
func (c *Call) LoadedModules(patterns []string) []*Module {
	var out []*Module
	for _, m := range c.f.r.modules {
		if len(patterns) == 0 || matchesAny(patterns, m.Name) {
			out = append(out, m)
		}
	}
	return out
}

// AvailableModules lists the modules Get-Module -ListAvailable shows:
// keyhost's built-in ones and those found in $env:PSModulePath.
func (c *Call) AvailableModules(patterns []string) []*Module {
	var out []*Module
	seen := map[string]bool{}
	add := func(m *Module) {
		if (len(patterns) == 0 || matchesAny(patterns, m.Name)) && !seen[strings.ToLower(m.Name)] {
			seen[strings.ToLower(m.Name)] = true
			out = append(out, m)
		}
	}
	for _, n := range append(append([]string{}, powerCLIModules...), coreModules...) {
		add(&Module{Name: n, ModuleType: "Binary", Version: binaryModuleVersion(n)})
	}
	r := c.f.r
	paths, _ := r.env.get("PSModulePath")
	for _, dir := range strings.Split(paths, ":") {
		if dir == "" {
			continue
		}
		entries, err := r.host.FS.ReadDir(r.absPath(dir))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() {
				if p := r.findModuleFile(c.f, path.Join(r.absPath(dir), e.Name())); p != "" {
					add(&Module{Name: e.Name(), Path: p, ModuleType: "Script", Version: "0.0"})
				}
			}
		}
	}
	return out
}

// RemoveModule implements Remove-Module for one loaded module name
// (wildcards allowed); it reports whether anything matched.
func (c *Call) RemoveModule(pattern string) bool {
	removed := false
	for _, m := range append([]*Module{}, c.f.r.modules...) {
		if wildcard.Match(pattern, m.Name, false) {
			c.f.r.forgetModule(m)
			removed = true
		}
	}
	return removed
}
