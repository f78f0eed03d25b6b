package pester

import (
	"regexp"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// How values appear in assertion messages: Pester 5's Format-Nicely
// (src/Format.ps1) and Format-Because.

// formatNicely renders a value for a message: $null, $true/$false,
// 'strings' (<empty> for ”), [types], {script blocks}, numbers as
// PowerShell prints them, collections as @(a, b, ...N more), and other
// objects as their string form. A collection holding one value renders as
// that value, unquoted, as Pester's Is-Value check lets it through.
func formatNicely(v any) string {
	switch x := v.(type) {
	case nil:
		return "$null"
	case bool:
		if x {
			return "$true"
		}
		return "$false"
	case string:
		if x == "" {
			return "<empty>"
		}
		return "'" + x + "'"
	case value.DateTime:
		return x.FormatInvariant("o")
	case *eval.ScriptBlock:
		return "{" + x.Text + "}"
	}
	if value.IsNull(v) {
		return "$null"
	}
	if name, ok := eval.TypeValueName(v); ok {
		return "[" + friendlyTypeName(name) + "]"
	}
	if isValue(v) {
		return value.ToString(v)
	}
	if _, ok := v.(*value.Hashtable); ok {
		return value.ToString(v)
	}
	if value.IsCollection(v) {
		items := value.Enumerate(v)
		if len(items) == 1 && isValue(items[0]) {
			return value.ToString(v)
		}
		const limit = 10
		parts := make([]string, 0, limit)
		for i, it := range items {
			if i == limit {
				break
			}
			parts = append(parts, formatNicely(it))
		}
		s := "@(" + strings.Join(parts, ", ")
		if len(items) > limit {
			s += ", ..." + value.ToString(int32(len(items)-limit)) + " more"
		}
		return s + ")"
	}
	return value.ToString(v)
}

// isValue is Pester's Is-Value: a .NET value type, a string or a script
// block.
func isValue(v any) bool {
	switch v.(type) {
	case string, bool, value.DateTime, value.TimeSpan, value.Char, value.Decimal, value.Enum, *eval.ScriptBlock:
		return true
	}
	return value.IsNumber(v)
}

// because matches the word "because " Format-Because removes from a
// reason, so "because x" and "x" read the same.
var because = regexp.MustCompile(`(?i)because\s`)

// formatBecause renders -Because: " because <reason>," or nothing.
func formatBecause(reason string) string {
	r := strings.TrimSpace(reason)
	if r == "" {
		return ""
	}
	return " because " + because.ReplaceAllString(r, "") + ","
}

// typeAccelerators maps .NET names to the short names PowerShell prints
// for types ([string][int] is "int").
var typeAccelerators = map[string]string{
	"System.Int32": "int", "System.Int64": "long", "System.Int16": "short", "System.Byte": "byte",
	"System.SByte": "sbyte", "System.UInt16": "ushort", "System.UInt32": "uint", "System.UInt64": "ulong",
	"System.String": "string", "System.Boolean": "bool", "System.Double": "double", "System.Single": "float",
	"System.Decimal": "decimal", "System.Char": "char", "System.Collections.Hashtable": "hashtable",
	"System.DateTime": "datetime", "System.TimeSpan": "timespan", "System.Guid": "guid", "System.Version": "version",
	"System.Uri": "uri", "System.Type": "type", "System.Array": "array", "System.Xml.XmlDocument": "xml",
	"System.Text.RegularExpressions.Regex": "regex", "System.Management.Automation.ScriptBlock": "scriptblock",
	"System.Management.Automation.SwitchParameter": "switch", "System.Management.Automation.PSObject": "psobject",
	"System.Management.Automation.PSCredential": "pscredential", "System.Security.SecureString": "securestring",
	"System.Numerics.BigInteger": "bigint", "System.Net.IPAddress": "ipaddress",
}

// friendlyTypeName is a type as PowerShell converts it to a string: its
// accelerator when it has one, else its full name.
func friendlyTypeName(full string) string {
	if strings.HasSuffix(full, "[]") {
		return friendlyTypeName(strings.TrimSuffix(full, "[]")) + "[]"
	}
	if a, ok := typeAccelerators[full]; ok {
		return a
	}
	return full
}

// typeOf is $value.GetType() as a [type] for messages.
func typeOf(v any) string {
	if value.IsNull(v) {
		return "$null"
	}
	return "[" + friendlyTypeName(value.TypeName(v)) + "]"
}

// joinAnd joins items as Pester's Join-And: "a, b and c".
func joinAnd(items []string, threshold int) string {
	if len(items) < threshold {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
