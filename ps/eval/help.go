package eval

import (
	"fmt"
	"path"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// Comment-based help (about_Comment_Based_Help): the .SYNOPSIS,
// .DESCRIPTION, .PARAMETER, .EXAMPLE ... sections of a comment before a
// function, at the start or end of its body, or at the start or end of a
// script; and the help objects Get-Help returns for functions, scripts and
// Go cmdlets.

// helpInfo is a command's help.
type helpInfo struct {
	name        string
	category    string // Function, Cmdlet, ExternalScript
	synopsis    string
	description string
	params      map[string]string
	paramOrder  []string
	examples    []string
	notes       string
	inputs      []string
	outputs     []string
	links       []string
	component   string
	syntax      string
	module      string
	cmd         *commandInfoObject
}

// helpKeywords are the section names comment-based help recognizes.
var helpKeywords = map[string]bool{
	"synopsis": true, "description": true, "parameter": true, "example": true, "inputs": true, "outputs": true,
	"notes": true, "link": true, "component": true, "role": true, "functionality": true, "forwardhelptargetname": true,
	"forwardhelpcategory": true, "remotehelprunspace": true, "externalhelp": true,
}

// commentBlocks splits source text into comment blocks: each <# #> block
// and each run of # lines, with their start and end offsets.
type commentBlock struct {
	text       string
	start, end int
}

// leadingComment returns the comment block that starts text (after white
// space), or false.
func leadingComment(text string) (string, bool) {
	t := strings.TrimLeft(text, " \t\r\n")
	if strings.HasPrefix(t, "<#") {
		end := strings.Index(t, "#>")
		if end < 0 {
			return "", false
		}
		return t[2:end], true
	}
	if strings.HasPrefix(t, "#") && !strings.HasPrefix(strings.ToLower(t), "#requires") {
		var lines []string
		for _, l := range strings.Split(t, "\n") {
			lt := strings.TrimSpace(l)
			if !strings.HasPrefix(lt, "#") {
				break
			}
			lines = append(lines, strings.TrimPrefix(lt, "#"))
		}
		return strings.Join(lines, "\n"), true
	}
	return "", false
}

// trailingComment returns the comment block that ends text (before white
// space), or false. maxBlank limits the blank lines after it.
func trailingComment(text string, maxBlank int) (string, bool) {
	t := strings.TrimRight(text, " \t")
	blank := 0
	for strings.HasSuffix(t, "\n") {
		t = strings.TrimRight(strings.TrimSuffix(t, "\n"), " \t\r")
		if strings.HasSuffix(t, "\n") || t == "" {
			blank++
		}
	}
	if maxBlank >= 0 && blank > maxBlank {
		return "", false
	}
	if strings.HasSuffix(t, "#>") {
		start := strings.LastIndex(t, "<#")
		if start < 0 {
			return "", false
		}
		return t[start+2 : len(t)-2], true
	}
	lines := strings.Split(t, "\n")
	var out []string
	for i := len(lines) - 1; i >= 0; i-- {
		lt := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(lt, "#") || strings.HasPrefix(strings.ToLower(lt), "#requires") {
			break
		}
		out = append([]string{strings.TrimPrefix(lt, "#")}, out...)
	}
	if len(out) == 0 {
		return "", false
	}
	return strings.Join(out, "\n"), true
}

// parseHelp parses comment text into sections; ok is false when it has no
// help keyword.
func parseHelp(comment string) (*helpInfo, bool) {
	h := &helpInfo{params: map[string]string{}}
	var section, arg string
	var buf []string
	flush := func() {
		text := dedent(buf)
		switch section {
		case "synopsis":
			h.synopsis = text
		case "description":
			h.description = text
		case "parameter":
			key := strings.ToLower(arg)
			if _, ok := h.params[key]; !ok {
				h.paramOrder = append(h.paramOrder, arg)
			}
			h.params[key] = text
		case "example":
			h.examples = append(h.examples, text)
		case "notes":
			h.notes = text
		case "inputs":
			h.inputs = append(h.inputs, text)
		case "outputs":
			h.outputs = append(h.outputs, text)
		case "link":
			h.links = append(h.links, text)
		case "component":
			h.component = text
		}
		buf = nil
	}
	found := false
	for _, line := range strings.Split(strings.ReplaceAll(comment, "\r", ""), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, ".") {
			kw, rest, _ := strings.Cut(t[1:], " ")
			if helpKeywords[strings.ToLower(kw)] {
				flush()
				section, arg = strings.ToLower(kw), strings.TrimSpace(rest)
				found = true
				continue
			}
		}
		if section != "" {
			buf = append(buf, line)
		}
	}
	flush()
	return h, found
}

// dedent trims a section's lines: surrounding blank lines and the common
// indentation.
func dedent(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= indent && indent > 0 {
			l = l[indent:]
		}
		out[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(out, "\n")
}

// functionHelp finds a function's comment-based help.
func functionHelp(fn *Function) (*helpInfo, bool) {
	src := fn.block.src
	if src == nil || src.file == nil {
		return nil, false
	}
	text := src.file.Source
	body := fn.block.Body
	start, end := body.Pos().Offset, body.End().Offset
	if start >= 0 && end <= len(text) && start < end {
		inner := text[start:end]
		inner = strings.TrimPrefix(strings.TrimSpace(inner), "{")
		if c, ok := leadingComment(inner); ok {
			if h, ok := parseHelp(c); ok {
				return h, true
			}
		}
		inner = strings.TrimSuffix(strings.TrimSpace(inner), "}")
		if c, ok := trailingComment(inner, -1); ok {
			if h, ok := parseHelp(c); ok {
				return h, true
			}
		}
	}
	if fn.def != nil {
		if off := fn.def.Pos().Offset; off > 0 && off <= len(text) {
			if c, ok := trailingComment(text[:off], 1); ok {
				if h, ok := parseHelp(c); ok {
					return h, true
				}
			}
		}
	}
	return nil, false
}

// scriptHelp finds a script file's comment-based help.
func scriptHelp(text string) (*helpInfo, bool) {
	// Skip #requires lines and blank lines at the start.
	lines := strings.Split(text, "\n")
	i := 0
	for i < len(lines) && (strings.TrimSpace(lines[i]) == "" || strings.HasPrefix(strings.ToLower(strings.TrimSpace(lines[i])), "#requires")) {
		i++
	}
	if c, ok := leadingComment(strings.Join(lines[i:], "\n")); ok {
		if h, ok := parseHelp(c); ok {
			return h, true
		}
	}
	if c, ok := trailingComment(text, -1); ok {
		if h, ok := parseHelp(c); ok {
			return h, true
		}
	}
	return nil, false
}

// HelpFor implements Get-Help's lookup: the help of a function, cmdlet,
// alias or script, or nil when the name matches nothing.
func (c *Call) HelpFor(name string) any {
	o := c.resolveCommandInfo(name, true)
	if o != nil && o.kind == "Alias" {
		o = o.target
	}
	var h *helpInfo
	switch {
	case o == nil:
		p := c.f.r.absPath(name)
		src, err := c.f.r.host.FS.ReadFile(p)
		if err != nil || !looksLikeScriptPath(name) {
			return nil
		}
		h, _ = scriptHelp(string(src))
		if h == nil {
			h = &helpInfo{params: map[string]string{}}
		}
		h.name, h.category = path.Base(p), "ExternalScript"
		if sb, err := c.f.r.compileScriptBlock(string(src)); err == nil {
			o = &commandInfoObject{kind: "ExternalScript", name: h.name, path: p,
				ci: c.f.scriptCommandInfo(sb, h.name)}
		}
	case o.fn != nil:
		h, _ = functionHelp(o.fn)
		if h == nil {
			h = &helpInfo{params: map[string]string{}}
		}
		h.name, h.category = o.name, "Function"
		if o.kind == "Filter" {
			h.category = "Filter"
		}
	default:
		h = &helpInfo{params: map[string]string{}, name: o.name, category: "Cmdlet"}
		if o.ci != nil {
			h.synopsis = o.ci.Synopsis
			for _, p := range o.ci.Parameters {
				if p.Help != "" {
					h.params[strings.ToLower(p.Name)] = p.Help
					h.paramOrder = append(h.paramOrder, p.Name)
				}
			}
		}
	}
	h.cmd = o
	if o != nil {
		h.module = o.moduleName()
		h.syntax = o.helpSyntax()
	}
	return h.object()
}

// helpObject is the object Get-Help returns: its properties are those of
// pwsh's MamlCommandHelpInfo; it renders as the help text.
type helpObject struct {
	h *helpInfo
	*value.PSObject
}

// String renders the default help view.
func (o *helpObject) String() string { return o.h.render("") }

// object renders the help as the object Get-Help returns.
func (h *helpInfo) object() *helpObject {
	o := value.NewPSObject("MamlCommandHelpInfo", "HelpInfo")
	textItems := func(s string) []any {
		if s == "" {
			return nil
		}
		return []any{value.NewPSObject("System.Management.Automation.PSObject").Add("Text", s)}
	}
	synopsis := h.synopsis
	if synopsis == "" {
		synopsis = h.syntax
	}
	var params []any
	if h.cmd != nil && h.cmd.info() != nil {
		for _, p := range h.cmd.info().Parameters {
			po := value.NewPSObject("MamlCommandHelpInfo#parameter")
			pos := "named"
			required := false
			if len(p.Sets) > 0 {
				if p.Sets[0].Position >= 0 {
					pos = fmt.Sprint(p.Sets[0].Position)
				}
				required = p.Sets[0].Mandatory
			}
			po.Add("name", p.Name).Add("description", textItems(h.params[strings.ToLower(p.Name)])).
				Add("required", strings.ToLower(fmt.Sprint(required))).Add("position", pos).
				Add("type", value.NewPSObject().Add("name", shortParamType(parameterTypeName(p)))).
				Add("defaultValue", p.Default)
			params = append(params, po)
		}
	}
	var examples []any
	for i, ex := range h.examples {
		code, remarks, _ := strings.Cut(ex, "\n\n")
		eo := value.NewPSObject("MamlCommandHelpInfo#example")
		eo.Add("title", fmt.Sprintf("-------------------------- EXAMPLE %d --------------------------", i+1)).
			Add("code", code).Add("remarks", textItems(strings.TrimSpace(remarks)))
		examples = append(examples, eo)
	}
	var links []any
	for _, l := range h.links {
		links = append(links, value.NewPSObject().Add("linkText", l).Add("uri", ""))
	}
	o.Add("Name", h.name).Add("Category", h.category).Add("Synopsis", synopsis).
		Add("Description", textItems(h.description)).
		Add("Parameters", value.NewPSObject().Add("parameter", params)).
		Add("Examples", value.NewPSObject().Add("example", examples)).
		Add("Syntax", h.syntax).Add("ModuleName", h.module).Add("Component", h.component).
		Add("alertSet", value.NewPSObject().Add("alert", textItems(h.notes))).
		Add("relatedLinks", value.NewPSObject().Add("navigationLink", links))
	return &helpObject{h: h, PSObject: o}
}

// render lays the help out as text, the way pwsh's help view does:
// "" for the default view, "detailed", "full" or "examples".
func (h *helpInfo) render(view string) string {
	var b strings.Builder
	section := func(title, body string) {
		b.WriteString("\n" + title + "\n")
		for _, l := range strings.Split(body, "\n") {
			if l == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString("    " + l + "\n")
		}
	}
	if view == "examples" {
		section("NAME", h.name)
		b.WriteString("\n")
		section("SYNOPSIS", orDefault(h.synopsis, h.syntax))
		for i, ex := range h.examples {
			fmt.Fprintf(&b, "\n    -------------------------- EXAMPLE %d --------------------------\n\n", i+1)
			for _, l := range strings.Split(ex, "\n") {
				b.WriteString("    " + l + "\n")
			}
		}
		b.WriteString("\n")
		return b.String()
	}
	section("NAME", h.name)
	b.WriteString("\n")
	section("SYNOPSIS", orDefault(h.synopsis, h.syntax))
	b.WriteString("\n")
	syntax := h.syntax
	if syntax != "" {
		syntax = strings.ReplaceAll(syntax, "\n", "\n\n")
	}
	section("SYNTAX", syntax)
	b.WriteString("\n")
	if h.description != "" {
		section("DESCRIPTION", h.description)
		b.WriteString("\n")
	}
	if view == "detailed" || view == "full" {
		if params := h.parameters(); len(params) > 0 || h.commonParameters() {
			b.WriteString("\nPARAMETERS\n")
			for _, p := range params {
				h.writeParameter(&b, p, "    ", view == "full")
			}
			if h.commonParameters() {
				b.WriteString(commonParametersHelp)
			}
		}
		if view == "full" {
			section("INPUTS", strings.Join(h.inputs, "\n"))
			b.WriteString("\n")
			section("OUTPUTS", strings.Join(h.outputs, "\n"))
			b.WriteString("\n")
			if h.notes != "" {
				section("NOTES", h.notes)
				b.WriteString("\n")
			}
		}
		for i, ex := range h.examples {
			fmt.Fprintf(&b, "    -------------------------- EXAMPLE %d --------------------------\n\n", i+1)
			for _, l := range strings.Split(ex, "\n") {
				b.WriteString("    " + l + "\n")
			}
			b.WriteString("\n")
		}
	}
	if len(h.links) > 0 {
		section("RELATED LINKS", strings.Join(h.links, "\n"))
	} else {
		b.WriteString("\nRELATED LINKS\n")
	}
	if view == "" {
		b.WriteString("\nREMARKS\n")
		fmt.Fprintf(&b, "    To see the examples, type: \"Get-Help %s -Examples\"\n", h.name)
		fmt.Fprintf(&b, "    For more information, type: \"Get-Help %s -Detailed\"\n", h.name)
		fmt.Fprintf(&b, "    For technical information, type: \"Get-Help %s -Full\"\n", h.name)
	}
	b.WriteString("\n")
	return b.String()
}

// HelpText renders a help object returned by HelpFor in one of Get-Help's
// views ("", "detailed", "full", "examples"); ok is false for other
// objects.
func HelpText(obj any, view string) (string, bool) {
	h, ok := obj.(*helpObject)
	if !ok {
		return "", false
	}
	return h.h.render(view), true
}

// commonParametersHelp closes the PARAMETERS section of an advanced
// command's help.
const commonParametersHelp = `    <CommonParameters>
        This cmdlet supports the common parameters: Verbose, Debug,
        ErrorAction, ErrorVariable, WarningAction, WarningVariable,
        OutBuffer, PipelineVariable, and OutVariable. For more information, see
        about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).

`

// parameters lists the command's own parameters (not the common ones).
func (h *helpInfo) parameters() []*Parameter {
	if h.cmd == nil || h.cmd.info() == nil {
		return nil
	}
	var out []*Parameter
	for _, p := range h.cmd.info().Parameters {
		if !isCommonParameter(p) || p.Name == "WhatIf" || p.Name == "Confirm" {
			out = append(out, p)
		}
	}
	return out
}

// commonParameters reports whether the command takes the common
// parameters (a cmdlet or an advanced function).
func (h *helpInfo) commonParameters() bool {
	if h.cmd == nil || h.cmd.info() == nil {
		return false
	}
	for _, p := range h.cmd.allParams() {
		if isCommonParameter(p) && p.Name != "WhatIf" && p.Name != "Confirm" {
			return true
		}
	}
	return false
}

// writeParameter renders one parameter the way pwsh's help view does:
// its name and type, its description and, in the full view, the table
// of its attributes. Comment-based help numbers positions from 1 (as
// HelpCommentsParser writes them); cmdlet help from 0.
func (h *helpInfo) writeParameter(b *strings.Builder, p *Parameter, indent string, attributes bool) {
	typ := " <" + helpParamType(p) + ">"
	if p.Switch {
		typ = " [<SwitchParameter>]"
	}
	b.WriteString(indent + "-" + p.Name + typ + "\n")
	for _, l := range strings.Split(h.params[strings.ToLower(p.Name)], "\n") {
		if l != "" {
			b.WriteString(indent + "    " + l + "\n")
		}
	}
	b.WriteString("\n")
	if !attributes {
		return
	}
	set := ParameterSet{Name: AllParameterSets, Position: -1}
	if len(p.Sets) > 0 {
		set = p.Sets[0]
		for _, s := range p.Sets {
			if s.Name == AllParameterSets {
				set = s
				break
			}
		}
	}
	position := "named"
	if set.Position >= 0 {
		n := set.Position
		if h.category != "Cmdlet" {
			n++
		}
		position = fmt.Sprint(n)
	}
	pipeline := "false"
	switch {
	case set.ValueFromPipeline && set.ValueFromPipelineByPropertyName:
		pipeline = "true (ByValue, ByPropertyName)"
	case set.ValueFromPipeline:
		pipeline = "true (ByValue)"
	case set.ValueFromPipelineByPropertyName:
		pipeline = "true (ByPropertyName)"
	}
	def := p.Default
	if def == "" && p.Switch && h.category != "Cmdlet" {
		def = "False"
	}
	rows := [][2]string{
		{"Required?", fmt.Sprint(set.Mandatory)},
		{"Position?", position},
		{"Default value", def},
		{"Accept pipeline input?", pipeline},
		{"Aliases", strings.Join(p.Aliases, ", ")},
		{"Accept wildcard characters?", fmt.Sprint(p.Wildcards)},
	}
	for _, r := range rows {
		line := fmt.Sprintf("%s    %-29s%s", indent, r[0], r[1])
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	b.WriteString("\n")
}

// ParameterHelpText renders Get-Help -Parameter: the parameters of the
// help object whose names match one of the patterns (wildcards allowed);
// ok is false when none matches.
func ParameterHelpText(obj any, patterns []string) (string, bool) {
	o, ok := obj.(*helpObject)
	if !ok {
		return "", false
	}
	var b strings.Builder
	found := false
	for _, p := range o.h.parameters() {
		for _, pat := range patterns {
			if wildcard.Match(pat, p.Name, false) {
				b.WriteString("\n")
				o.h.writeParameter(&b, p, "", true)
				found = true
				break
			}
		}
	}
	return b.String(), found
}
