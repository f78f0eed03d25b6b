package builtin

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// ConvertTo-Html as pwsh 7's ConvertToHtmlCommand writes it: one string
// per line, the page around the table unless -Fragment, the columns
// taken from the first object (every property unless -Property), values
// HTML-encoded with .NET's WebUtility.HtmlEncode. As in pwsh, -Title,
// -Head, -Body and the column names are written as given, not encoded.

// htmlEncode is System.Net.WebUtility.HtmlEncode: the five markup
// characters, Latin-1 characters 160-255 and characters outside the
// Basic Multilingual Plane become entities.
func htmlEncode(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '&':
			b.WriteString("&amp;")
		case r >= 160 && r < 256, r >= 0x10000 && r != utf8.RuneError:
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// charsetPattern is -Charset's ValidatePattern.
var charsetPattern = regexp.MustCompile(`^[A-Za-z0-9]\w+\S+[A-Za-z0-9]$`)

func convertToHTML() *eval.CommandInfo {
	page := []eval.ParameterSet{{Name: "Page", Position: -1}}
	return &eval.CommandInfo{
		Name:                "ConvertTo-Html",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.ConvertToHtmlCommand",
		Synopsis:            "Converts .NET objects into HTML that can be displayed in a Web browser.",
		DefaultParameterSet: "Page",
		OutputType:          []string{"System.String"},
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}},
			{Name: "Property", Type: objectArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
			{Name: "Body", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "Page", Position: 3}}},
			{Name: "Head", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "Page", Position: 1}}},
			{Name: "Title", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: "Page", Position: 2}}},
			{Name: "As", Type: eval.StringType, NotNullOrEmpty: true, ValidateSet: []string{"Table", "List"}},
			{Name: "CssUri", Aliases: []string{"cu", "uri"}, Type: eval.StringType, NotNullOrEmpty: true, Sets: page},
			{Name: "Fragment", Switch: true, Sets: []eval.ParameterSet{{Name: "Fragment", Position: -1}}},
			{Name: "PostContent", Type: eval.StringArrayType, NotNullOrEmpty: true},
			{Name: "PreContent", Type: eval.StringArrayType, NotNullOrEmpty: true},
			{Name: "Meta", Type: hashtableType, NotNullOrEmpty: true, Sets: page},
			{Name: "Charset", Type: eval.StringType, NotNullOrEmpty: true, Sets: page, Validate: []func(any) string{func(v any) string {
				s := value.ToString(v)
				if charsetPattern.MatchString(s) {
					return ""
				}
				return fmt.Sprintf("The argument \"%s\" does not match the \"^[A-Za-z0-9]\\w+\\S+[A-Za-z0-9]$\" pattern. Supply an argument that matches \"^[A-Za-z0-9]\\w+\\S+[A-Za-z0-9]$\" and try the command again.", s)
			}}},
			{Name: "Transitional", Switch: true, Sets: page},
		},
		New: func() eval.Processor { return &toHTML{} },
	}
}

// htmlColumn is one resolved column: a property name or a script, with
// the header text and the calculated property's width and alignment.
type htmlColumn struct {
	name   string
	script *eval.ScriptBlock
	label  string
	width  string
	align  string
}

type toHTML struct {
	props    []propArg
	widths   []string
	cols     []htmlColumn
	list     bool
	headDone bool
	count    int
	pending  []string
}

// htmlKeys are the keys of ConvertTo-Html's calculated properties.
var htmlKeys = []propKey{keyExpression, keyLabel, keyWidth, keyAlignment}

func (t *toHTML) Begin(c *eval.Call) error {
	t.list = strings.EqualFold(c.String("As"), "List")
	if c.Has("Property") {
		props, err := parseProps(c, c.Value("Property"), htmlKeys...)
		if err != nil {
			return err
		}
		t.props = props
		// Width is written as given (pwsh takes a string or a number).
		for _, item := range value.Enumerate(c.Value("Property")) {
			w := ""
			if h, ok := item.(*value.Hashtable); ok {
				keys, vals := h.Keys(), h.Values()
				for i, k := range keys {
					if key, ok := matchKey(value.ToString(k), htmlKeys); ok && key == "Width" {
						w = value.ToString(vals[i])
					}
				}
			}
			t.widths = append(t.widths, w)
		}
	} else {
		t.props = []propArg{{name: "*"}}
		t.widths = []string{""}
	}
	var lines []string
	if !c.Switch("Fragment") {
		if c.Switch("Transitional") {
			lines = append(lines, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">`)
		} else {
			lines = append(lines, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">`)
		}
		lines = append(lines, `<html xmlns="http://www.w3.org/1999/xhtml">`, "<head>")
		if c.Has("Charset") {
			lines = append(lines, `<meta charset="`+c.String("Charset")+`">`)
		}
		if h, ok := c.Value("Meta").(*value.Hashtable); ok {
			keys, vals := h.Keys(), h.Values()
			for i, k := range keys {
				name, content := value.ToString(k), value.ToString(vals[i])
				switch strings.ToLower(name) {
				case "content-type", "default-style", "x-ua-compatible":
					lines = append(lines, `<meta http-equiv="`+name+`" content="`+content+`">`)
				case "application-name", "author", "description", "generator", "keywords", "viewport":
					lines = append(lines, `<meta name="`+name+`" content="`+content+`">`)
				default:
					if err := c.WriteWarning(fmt.Sprintf("The meta property \"%s\" with value \"%s\" is not a name ConvertTo-Html knows; it is written as a name meta tag.", name, content)); err != nil {
						return err
					}
					lines = append(lines, `<meta name="`+name+`" content="`+content+`">`)
				}
			}
		}
		if c.Has("Head") {
			lines = append(lines, c.Strings("Head")...)
		} else {
			title := "HTML TABLE"
			if c.Has("Title") {
				title = c.String("Title")
			}
			lines = append(lines, "<title>"+title+"</title>")
		}
		if c.Has("CssUri") {
			lines = append(lines, `<link rel="stylesheet" type="text/css" href="`+c.String("CssUri")+`" />`)
		}
		lines = append(lines, "</head><body>")
		if c.Has("Body") {
			lines = append(lines, c.Strings("Body")...)
		}
	}
	if c.Has("PreContent") {
		lines = append(lines, c.Strings("PreContent")...)
	}
	// The page head is written with the first object (or at the end):
	// keyhost's pipeline does not pass on what a first command writes in
	// its begin step.
	t.pending = append(lines, "<table>")
	return nil
}

// flush writes the lines Begin prepared.
func (t *toHTML) flush(c *eval.Call) error {
	lines := t.pending
	t.pending = nil
	return writeLines(c, lines)
}

// writeLines writes strings one by one.
func writeLines(c *eval.Call, lines []string) error {
	for _, l := range lines {
		if err := c.WriteObject(l); err != nil {
			return err
		}
	}
	return nil
}

// resolve expands the property arguments on an object into columns, as
// PSPropertyExpression.ResolveNames does: wildcards to the matching
// properties, a literal name only when the object has it.
func (t *toHTML) resolve(obj any) []htmlColumn {
	var cols []htmlColumn
	for i, p := range t.props {
		base := htmlColumn{align: p.align, width: t.widths[i]}
		if p.hasLabel {
			base.label = p.label
		}
		if p.script != nil {
			col := base
			col.script = p.script
			if !p.hasLabel {
				col.label = p.script.String()
			}
			cols = append(cols, col)
			continue
		}
		for _, n := range propertyNamesOf(obj) {
			if wildcard.Match(p.name, n, false) {
				col := base
				col.name = n
				if !p.hasLabel {
					col.label = n
				}
				cols = append(cols, col)
				if !wildcard.HasWildcard(p.name) {
					break
				}
			}
		}
	}
	return cols
}

// cell is a column's value on an object, HTML-encoded; $null is empty.
func (t *toHTML) cell(c *eval.Call, col htmlColumn, obj any) (string, error) {
	var v any
	if col.script != nil {
		out, err := c.InvokeScript(col.script, obj)
		if err != nil {
			return "", err
		}
		v = scriptValue(out)
	} else {
		v, _ = objectProperty(obj, col.name)
	}
	if value.IsNull(v) {
		return "", nil
	}
	return htmlEncode(dotnetString(v)), nil
}

func (t *toHTML) Process(c *eval.Call) error {
	obj, has := c.Input()
	if !has {
		obj = c.Value("InputObject")
	}
	if value.IsNull(obj) {
		return nil
	}
	if err := t.flush(c); err != nil {
		return err
	}
	t.count++
	if t.list {
		// pwsh resolves the columns for each object of a list, with a
		// rule between objects.
		cols := t.resolve(obj)
		if len(cols) == 0 {
			return nil
		}
		var lines []string
		if t.count > 1 {
			lines = append(lines, "<tr><td><hr></td></tr>")
		}
		for _, col := range cols {
			v, err := t.cell(c, col, obj)
			if err != nil {
				return err
			}
			lines = append(lines, "<tr><td>"+col.label+":</td><td>"+v+"</td></tr>")
		}
		return writeLines(c, lines)
	}
	if !t.headDone {
		t.cols = t.resolve(obj)
		if len(t.cols) == 0 {
			return nil
		}
		var cg, th strings.Builder
		cg.WriteString("<colgroup>")
		th.WriteString("<tr>")
		for _, col := range t.cols {
			cg.WriteString("<col")
			if col.width != "" {
				cg.WriteString(` width = "` + col.width + `"`)
			}
			if col.align != "" {
				cg.WriteString(` align = "` + col.align + `"`)
			}
			cg.WriteString("/>")
			th.WriteString("<th>" + col.label + "</th>")
		}
		cg.WriteString("</colgroup>")
		th.WriteString("</tr>")
		if err := writeLines(c, []string{cg.String(), th.String()}); err != nil {
			return err
		}
		t.headDone = true
	}
	var tr strings.Builder
	tr.WriteString("<tr>")
	for _, col := range t.cols {
		v, err := t.cell(c, col, obj)
		if err != nil {
			return err
		}
		tr.WriteString("<td>" + v + "</td>")
	}
	tr.WriteString("</tr>")
	return c.WriteObject(tr.String())
}

func (t *toHTML) End(c *eval.Call) error {
	if err := t.flush(c); err != nil {
		return err
	}
	lines := []string{"</table>"}
	if c.Has("PostContent") {
		lines = append(lines, c.Strings("PostContent")...)
	}
	if !c.Switch("Fragment") {
		lines = append(lines, "</body></html>")
	}
	return writeLines(c, lines)
}
