package parser

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
)

// sexpr renders a tree in a compact Lisp-like form for golden tests:
// commands as (cmd name args...), operators as (op left right), barewords
// as they are, quoted strings with their quotes, variables as $name.
func sexpr(n any) string {
	var b strings.Builder
	writeSexpr(&b, n)
	return b.String()
}

// sexprStmts renders the statements of a file's unnamed body, one per
// line, which is what most golden tests compare.
func sexprStmts(f *ast.File) string {
	if f == nil || f.Body == nil || f.Body.EndBlock == nil {
		return ""
	}
	var parts []string
	for _, s := range f.Body.EndBlock.Statements {
		parts = append(parts, sexpr(s))
	}
	for _, t := range f.Body.Traps {
		parts = append(parts, sexpr(t))
	}
	return strings.Join(parts, "\n")
}

func writeList(b *strings.Builder, head string, items ...any) {
	b.WriteString("(")
	b.WriteString(head)
	for _, it := range items {
		if it == nil {
			continue
		}
		b.WriteString(" ")
		writeSexpr(b, it)
	}
	b.WriteString(")")
}

func stmtsOf(s []ast.Stmt) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

func exprsOf(s []ast.Expr) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

func writeBlock(b *strings.Builder, head string, sb *ast.StatementBlock) {
	if sb == nil {
		b.WriteString("(" + head + " <nil>)")
		return
	}
	items := stmtsOf(sb.Statements)
	for _, t := range sb.Traps {
		items = append(items, t)
	}
	writeList(b, head, items...)
}

func writeSexpr(b *strings.Builder, n any) {
	switch n := n.(type) {
	case nil:
		b.WriteString("<nil>")
	case *ast.ScriptBlock:
		if n == nil {
			b.WriteString("<nil>")
			return
		}
		var items []any
		for _, a := range n.Attributes {
			items = append(items, a)
		}
		if n.Param != nil {
			items = append(items, n.Param)
		}
		for _, nb := range []*ast.NamedBlock{n.DynamicParamBlock, n.BeginBlock, n.ProcessBlock, n.EndBlock, n.CleanBlock} {
			if nb != nil {
				items = append(items, nb)
			}
		}
		for _, t := range n.Traps {
			items = append(items, t)
		}
		writeList(b, "sb", items...)
	case *ast.NamedBlock:
		items := stmtsOf(n.Statements)
		for _, t := range n.Traps {
			items = append(items, t)
		}
		head := strings.ToLower(n.Kind.String())
		if n.Unnamed {
			head = "body"
		}
		writeList(b, head, items...)
	case *ast.ParamBlock:
		var items []any
		for _, p := range n.Params {
			items = append(items, p)
		}
		writeList(b, "param", items...)
	case *ast.Parameter:
		var items []any
		for _, a := range n.Attributes {
			items = append(items, a)
		}
		for _, t := range n.Types {
			items = append(items, t)
		}
		if n.Default != nil {
			items = append(items, n.Default)
		}
		writeList(b, "$"+n.Name, items...)
	case *ast.Attribute:
		items := []any{}
		for _, e := range n.Positional {
			items = append(items, e)
		}
		for _, a := range n.Named {
			items = append(items, a)
		}
		writeList(b, "attr "+n.Name.Name, items...)
	case *ast.NamedArg:
		if n.Value == nil {
			b.WriteString(n.Name)
			return
		}
		writeList(b, n.Name+"=", n.Value)
	case *ast.TypeName:
		b.WriteString("[" + n.Name + "]")
	case *ast.StatementBlock:
		writeBlock(b, "block", n)
	case *ast.Pipeline:
		items := []any{}
		for _, e := range n.Elements {
			items = append(items, e)
		}
		head := "pipe"
		if n.Background {
			head = "pipe&"
		}
		if len(items) == 1 && !n.Background {
			if ce, ok := n.Elements[0].(*ast.CommandExpr); ok && len(ce.Redirections) == 0 {
				writeSexpr(b, ce.Expr)
				return
			}
			writeSexpr(b, items[0])
			return
		}
		writeList(b, head, items...)
	case *ast.PipelineChain:
		head := n.Op.String()
		if n.Background {
			head += "&"
		}
		writeList(b, head, n.Left, n.Right)
	case *ast.Command:
		head := "cmd"
		switch n.Invocation {
		case ast.InvokeCall:
			head = "cmd&"
		case ast.InvokeDotSource:
			head = "cmd."
		}
		items := []any{n.Name}
		for _, a := range n.Args {
			items = append(items, a)
		}
		for _, r := range n.Redirections {
			items = append(items, r)
		}
		writeList(b, head, items...)
	case *ast.CommandParameter:
		if n.Arg == nil {
			b.WriteString("-" + n.Name)
			return
		}
		writeList(b, "-"+n.Name+":", n.Arg)
	case *ast.CommandExpr:
		if len(n.Redirections) == 0 {
			writeSexpr(b, n.Expr)
			return
		}
		items := []any{n.Expr}
		for _, r := range n.Redirections {
			items = append(items, r)
		}
		writeList(b, "expr", items...)
	case *ast.Redirection:
		from := fmt.Sprint(n.From)
		if n.From == 0 {
			from = "*"
		}
		if n.ToStream != 0 {
			b.WriteString(fmt.Sprintf("%s>&%d", from, n.ToStream))
			return
		}
		op := ">"
		if n.Append {
			op = ">>"
		}
		writeList(b, from+op, n.File)
	case *ast.Assignment:
		writeList(b, n.Op.String(), n.Left, n.Right)
	case *ast.IfStmt:
		items := []any{}
		for _, c := range n.Clauses {
			items = append(items, c)
		}
		if n.Else != nil {
			var eb strings.Builder
			writeBlock(&eb, "else", n.Else)
			items = append(items, rawSexpr(eb.String()))
		}
		writeList(b, "if", items...)
	case *ast.IfClause:
		var bb strings.Builder
		writeBlock(&bb, "then", n.Body)
		writeList(b, "clause", n.Cond, rawSexpr(bb.String()))
	case rawSexpr:
		b.WriteString(string(n))
	case *ast.ForEachStmt:
		head := "foreach"
		if n.Label != "" {
			head += ":" + n.Label
		}
		writeList(b, head, n.Variable, n.Iterable, n.Body)
	case *ast.ForStmt:
		writeList(b, "for", orNil(n.Init), orNil(n.Cond), orNil(n.Iter), n.Body)
	case *ast.WhileStmt:
		head := "while"
		if n.Label != "" {
			head += ":" + n.Label
		}
		writeList(b, head, n.Cond, n.Body)
	case *ast.DoStmt:
		head := "do-while"
		if n.Until {
			head = "do-until"
		}
		writeList(b, head, n.Body, n.Cond)
	case *ast.SwitchStmt:
		head := "switch"
		for _, f := range []struct {
			on   bool
			name string
		}{{n.Regex, "-regex"}, {n.Wildcard, "-wildcard"}, {n.Exact, "-exact"}, {n.CaseSensitive, "-casesensitive"}, {n.File, "-file"}} {
			if f.on {
				head += " " + f.name
			}
		}
		items := []any{n.Cond}
		for _, c := range n.Clauses {
			items = append(items, c)
		}
		if n.Default != nil {
			var db strings.Builder
			writeBlock(&db, "default", n.Default)
			items = append(items, rawSexpr(db.String()))
		}
		writeList(b, head, items...)
	case *ast.SwitchClause:
		writeList(b, "case", n.Pattern, n.Body)
	case *ast.FunctionDef:
		head := "function " + n.Name
		if n.IsFilter {
			head = "filter " + n.Name
		}
		items := []any{}
		if n.Params != nil {
			var ps []any
			for _, p := range n.Params {
				ps = append(ps, p)
			}
			var pb strings.Builder
			writeList(&pb, "args", ps...)
			items = append(items, rawSexpr(pb.String()))
		}
		items = append(items, n.Body)
		writeList(b, head, items...)
	case *ast.ReturnStmt:
		writeList(b, "return", n.Value)
	case *ast.BreakStmt:
		writeList(b, "break", n.Label)
	case *ast.ContinueStmt:
		writeList(b, "continue", n.Label)
	case *ast.ExitStmt:
		writeList(b, "exit", n.Code)
	case *ast.ThrowStmt:
		writeList(b, "throw", n.Value)
	case *ast.TryStmt:
		items := []any{n.Body}
		for _, c := range n.Catches {
			items = append(items, c)
		}
		if n.Finally != nil {
			var fb strings.Builder
			writeBlock(&fb, "finally", n.Finally)
			items = append(items, rawSexpr(fb.String()))
		}
		writeList(b, "try", items...)
	case *ast.CatchClause:
		items := []any{}
		for _, t := range n.Types {
			items = append(items, t)
		}
		items = append(items, n.Body)
		writeList(b, "catch", items...)
	case *ast.TrapStmt:
		var items []any
		if n.Type != nil {
			items = append(items, n.Type)
		}
		items = append(items, n.Body)
		writeList(b, "trap", items...)
	case *ast.DataStmt:
		items := exprsOf(n.SupportedCommands)
		items = append(items, n.Body)
		writeList(b, "data "+n.Variable, items...)
	case *ast.BinaryExpr:
		writeList(b, n.Op.String(), n.Left, n.Right)
	case *ast.UnaryExpr:
		head := n.Op.String()
		if n.Postfix {
			head = "post" + head
		}
		if n.Op == token.Comma {
			head = "unary,"
		}
		writeList(b, head, orNil(n.Operand))
	case *ast.ConvertExpr:
		writeList(b, "cast", n.Type, n.Operand)
	case *ast.TypeExpr:
		writeSexpr(b, n.Type)
	case *ast.Number:
		b.WriteString(fmt.Sprintf("%v", n.Value))
		if n.Kind != ast.Int32Number {
			b.WriteString(":" + numberKindName(n.Kind))
		}
	case *ast.StringConstant:
		switch n.Kind {
		case ast.BareWord:
			b.WriteString(n.Value)
		case ast.SingleQuoted:
			b.WriteString("'" + n.Value + "'")
		case ast.DoubleQuoted:
			b.WriteString(`"` + n.Value + `"`)
		case ast.SingleQuotedHere:
			b.WriteString("@'" + n.Value + "'@")
		case ast.DoubleQuotedHere:
			b.WriteString(`@"` + n.Value + `"@`)
		}
	case *ast.ExpandableString:
		head := map[ast.StringKind]string{ast.BareWord: "xword", ast.DoubleQuoted: "xstr", ast.DoubleQuotedHere: "xhere"}[n.Kind]
		writeList(b, head, exprsOf(n.Parts)...)
	case *ast.Variable:
		prefix := "$"
		if n.Splatted {
			prefix = "@"
		}
		name := n.Name
		if n.Scope != "" {
			name = n.Scope + ":" + name
		}
		if n.Braced {
			name = "{" + name + "}"
		}
		b.WriteString(prefix + name)
	case *ast.MemberExpr:
		head := "."
		switch {
		case n.Static:
			head = "::"
		case n.NullConditional:
			head = "?."
		}
		writeList(b, head, n.Target, orNil(n.Member))
	case *ast.InvokeMemberExpr:
		head := "call"
		switch {
		case n.Static:
			head = "call::"
		case n.NullConditional:
			head = "call?."
		}
		items := []any{n.Target, n.Member}
		items = append(items, exprsOf(n.Args)...)
		writeList(b, head, items...)
	case *ast.IndexExpr:
		head := "index"
		if n.NullConditional {
			head = "index?"
		}
		writeList(b, head, n.Target, orNil(n.Index))
	case *ast.ArrayLiteral:
		writeList(b, "array", exprsOf(n.Elements)...)
	case *ast.ArrayExpr:
		writeBlock(b, "@()", n.Body)
	case *ast.SubExpr:
		writeBlock(b, "$()", n.Body)
	case *ast.ParenExpr:
		writeList(b, "paren", orNil(n.Stmt))
	case *ast.HashtableExpr:
		items := []any{}
		for _, kv := range n.Pairs {
			items = append(items, kv)
		}
		writeList(b, "hash", items...)
	case *ast.KeyValue:
		writeList(b, "kv", n.Key, orNil(n.Value))
	case *ast.ScriptBlockExpr:
		writeSexpr(b, n.Body)
	case *ast.TernaryExpr:
		writeList(b, "?:", n.Cond, n.Then, n.Else)
	case *ast.AttributedExpr:
		writeList(b, "attributed", n.Attribute, orNil(n.Operand))
	default:
		b.WriteString(fmt.Sprintf("<%T>", n))
	}
}

// rawSexpr is text already rendered.
type rawSexpr string

// orNil keeps a nil interface visible in the output.
func orNil(n any) any {
	if n == nil {
		return rawSexpr("<nil>")
	}
	return n
}

func numberKindName(k ast.NumberKind) string {
	return map[ast.NumberKind]string{
		ast.Int32Number: "int", ast.Int64Number: "long", ast.DoubleNumber: "double",
		ast.DecimalNumber: "decimal", ast.ByteNumber: "byte", ast.SByteNumber: "sbyte",
		ast.Int16Number: "short", ast.UInt16Number: "ushort", ast.UInt32Number: "uint",
		ast.UInt64Number: "ulong", ast.BigIntegerNumber: "bigint",
	}[k]
}
