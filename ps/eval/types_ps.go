package eval

import (
	"errors"
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/parser"
	"github.com/keyhost/keyhost/ps/value"
)

// PowerShell's own types that scripts construct: [scriptblock]::Create(),
// ErrorRecord, PSCredential, and System.Text.StringBuilder.

func init() {
	registerType(&psType{
		Name: "System.Management.Automation.ScriptBlock",
		Convert: func(v any) (any, error) {
			if sb, ok := v.(*ScriptBlock); ok {
				return sb, nil
			}
			if v == nil {
				return nil, nil
			}
			return nil, noConversion(v, "System.Management.Automation.ScriptBlock")
		},
		StaticMethod: func(f *frame, name string, args []any) (any, bool, error) {
			if strings.EqualFold(name, "Create") && len(args) == 1 {
				sb, err := f.r.compileScriptBlock(value.ToString(args[0]))
				return sb, true, err
			}
			return nil, false, nil
		},
	}, "scriptblock")
	registerType(&psType{
		Name: "System.Management.Automation.ErrorRecord",
		Convert: func(v any) (any, error) {
			if r, ok := v.(*ErrorRecord); ok {
				return r, nil
			}
			return nil, noConversion(v, "System.Management.Automation.ErrorRecord")
		},
		New: func(_ *frame, args []any) (any, error) {
			if len(args) == 2 {
				if rec, ok := args[0].(*ErrorRecord); ok {
					ex, _ := args[1].(*Exception)
					c := *rec
					if ex != nil {
						c.Exception = ex
					}
					return &c, nil
				}
			}
			if len(args) != 4 {
				return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
			}
			ex, ok := args[0].(*Exception)
			if !ok {
				return nil, fmt.Errorf("Cannot convert argument \"exception\", with value: \"%s\", for \".ctor\" to type \"System.Exception\": \"Cannot convert the \"%s\" value of type \"%s\" to type \"System.Exception\".\"", value.ToString(args[0]), value.ToString(args[0]), typeNameForMessage(args[0]))
			}
			cat, err := ErrorCategoryType.Convert(args[2])
			if err != nil {
				return nil, err
			}
			rec := NewErrorRecord(ex, value.ToString(args[1]), ErrorCategory(cat.String()), args[3])
			if !value.IsNull(args[3]) {
				rec.TargetName = value.ToString(args[3])
			}
			return rec, nil
		},
	})
	registerType(&psType{
		Name: "System.Management.Automation.PSCredential",
		Convert: func(v any) (any, error) {
			if c, ok := v.(*value.PSObject); ok && value.TypeName(c) == "System.Management.Automation.PSCredential" {
				return c, nil
			}
			return nil, noConversion(v, "System.Management.Automation.PSCredential")
		},
		New: func(_ *frame, args []any) (any, error) {
			if len(args) != 2 {
				return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
			}
			pw, ok := args[1].(*value.SecureString)
			if !ok {
				return nil, fmt.Errorf("Cannot convert argument \"password\", with value: \"%s\", for \"PSCredential\" to type \"System.Security.SecureString\": \"Cannot convert the \"%s\" value of type \"%s\" to type \"System.Security.SecureString\".\"", value.ToString(args[1]), value.ToString(args[1]), typeNameForMessage(args[1]))
			}
			return NewCredential(value.ToString(args[0]), pw), nil
		},
		StaticProperty: func(_ *frame, name string) (any, bool) {
			if strings.EqualFold(name, "Empty") {
				return NewCredential("", value.NewSecureString("")), true
			}
			return nil, false
		},
	}, "pscredential")
	registerType(&psType{
		Name: "System.Text.StringBuilder",
		New: func(_ *frame, args []any) (any, error) {
			sb := &stringBuilder{}
			if len(args) > 0 {
				if _, isNum := args[0].(int32); !isNum {
					sb.b.WriteString(value.ToString(args[0]))
				}
			}
			return sb, nil
		},
	})
}

// NewCredential returns a PSCredential: UserName, Password (a
// SecureString) and GetNetworkCredential() with the plain text.
func NewCredential(user string, pw *value.SecureString) *value.PSObject {
	o := value.NewPSObject("System.Management.Automation.PSCredential")
	o.Add("UserName", user).Add("Password", pw)
	o.Methods = map[string]func([]any) (any, error){
		"getnetworkcredential": func([]any) (any, error) {
			domain, name := "", user
			if i := strings.IndexByte(user, '\\'); i >= 0 {
				domain, name = user[:i], user[i+1:]
			}
			nc := value.NewPSObject("System.Net.NetworkCredential")
			nc.Add("UserName", name).Add("Password", pw.Reveal()).Add("SecurePassword", pw).Add("Domain", domain)
			return nc, nil
		},
	}
	return o
}

// compileScriptBlock parses text into a script block ([scriptblock]::Create).
func (r *Runner) compileScriptBlock(text string) (*ScriptBlock, error) {
	file, err := parser.ParseFile("", text)
	if err != nil {
		var list parser.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return nil, fmt.Errorf("At line:%d char:%d\n+ %s\n%s", list[0].Pos.Line, list[0].Pos.Col, lineOf(text, list[0].Pos.Line), list[0].Msg)
		}
		return nil, err
	}
	for _, u := range file.Body.UsingStatements {
		if u.Kind == "namespace" {
			qualifyTypeNames(file.Body, []string{u.Name})
		}
	}
	return &ScriptBlock{Body: file.Body, src: newSource(file), Text: text}, nil
}

// lineOf returns line n (1-based) of text.
func lineOf(text string, n int) string {
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

// stringBuilder is System.Text.StringBuilder.
type stringBuilder struct{ b strings.Builder }

// TypeNames implements value.Object.
func (s *stringBuilder) TypeNames() []string {
	return []string{"System.Text.StringBuilder", "System.Object"}
}

// Property implements value.Object.
func (s *stringBuilder) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "length":
		return int32(len([]rune(s.b.String()))), true
	case "capacity":
		return int32(s.b.Cap()), true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (s *stringBuilder) PropertyNames() []string {
	return []string{"Capacity", "MaxCapacity", "Length"}
}

// String returns the text built so far.
func (s *stringBuilder) String() string { return s.b.String() }

// CallMethod implements value.MethodCaller. Append and friends return the
// builder itself, which is why scripts write [void]$sb.Append(...).
func (s *stringBuilder) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "append":
		for _, a := range args {
			s.b.WriteString(value.ToString(a))
		}
		return s, true, nil
	case "appendline":
		if len(args) > 0 {
			s.b.WriteString(value.ToString(args[0]))
		}
		s.b.WriteString("\n")
		return s, true, nil
	case "appendformat":
		if len(args) < 1 {
			return nil, false, nil
		}
		out, err := formatOperator(value.ToString(args[0]), args[1:])
		if err != nil {
			return nil, true, err
		}
		s.b.WriteString(out)
		return s, true, nil
	case "clear":
		s.b.Reset()
		return s, true, nil
	case "tostring":
		return s.b.String(), true, nil
	case "insert", "replace", "remove":
		text := []rune(s.b.String())
		var out string
		switch strings.ToLower(name) {
		case "insert":
			if len(args) != 2 {
				return nil, false, nil
			}
			i, err := value.ToInt32(args[0])
			if err != nil || i < 0 || int(i) > len(text) {
				return nil, true, fmt.Errorf("Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter 'index')")
			}
			out = string(text[:i]) + value.ToString(args[1]) + string(text[i:])
		case "replace":
			if len(args) != 2 {
				return nil, false, nil
			}
			out = strings.ReplaceAll(string(text), value.ToString(args[0]), value.ToString(args[1]))
		default:
			if len(args) != 2 {
				return nil, false, nil
			}
			i, err1 := value.ToInt32(args[0])
			n, err2 := value.ToInt32(args[1])
			if err1 != nil || err2 != nil || i < 0 || n < 0 || int(i+n) > len(text) {
				return nil, true, fmt.Errorf("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')")
			}
			out = string(text[:i]) + string(text[i+n:])
		}
		s.b.Reset()
		s.b.WriteString(out)
		return s, true, nil
	}
	return nil, false, nil
}
