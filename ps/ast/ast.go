// Package ast declares the syntax tree of a PowerShell script as keyhost's
// parser builds it and its evaluator walks it.
//
// The node set follows the shape of PowerShell's own
// System.Management.Automation.Language AST (ScriptBlockAst, PipelineAst,
// CommandAst, ExpandableStringExpressionAst, ...), in Go form. Every node
// knows the source range it came from, so that errors can say file:line:col
// and print the offending line with a caret, as pwsh does.
package ast

import "github.com/keyhost/keyhost/ps/token"

// Node is implemented by every node of the tree.
type Node interface {
	// Pos is the position of the first character of the node.
	Pos() token.Pos
	// End is the position just after the last character of the node.
	End() token.Pos
}

// Span is the source range of a node. Nodes embed it to implement Node.
type Span struct {
	Start token.Pos
	Stop  token.Pos
}

// Pos returns the start of the span.
func (s Span) Pos() token.Pos { return s.Start }

// End returns the position just after the span.
func (s Span) End() token.Pos { return s.Stop }

// Stmt is a statement: a pipeline, an assignment or a keyword statement.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is an expression.
type Expr interface {
	Node
	exprNode()
}

// File is a parsed script file or command string.
type File struct {
	// Name is the file path (or a label such as "<command>") used in errors.
	Name string
	// Source is the whole text, kept so errors can quote the offending line.
	Source string
	// Body is the script's top-level script block.
	Body *ScriptBlock
}

// ScriptBlock is the body of a script, a function or a { } literal: an
// optional param block and either named blocks (begin/process/end/clean) or
// one unnamed block, which is stored as EndBlock with Unnamed set. The
// field names are PowerShell's (ScriptBlockAst.BeginBlock, ...).
type ScriptBlock struct {
	Span
	// Attributes are the attributes before param(), e.g. [CmdletBinding()].
	Attributes   []*Attribute
	Param        *ParamBlock // nil when there is no param() block
	BeginBlock   *NamedBlock
	ProcessBlock *NamedBlock
	EndBlock     *NamedBlock
	CleanBlock   *NamedBlock
	// Traps are the trap statements of the script block's top level; they
	// cover the whole scope wherever they appear, so the parser lifts them.
	// (Traps inside a named begin/process/end/clean block are in that
	// block's NamedBlock.Traps.)
	Traps []*TrapStmt
	// DynamicParamBlock is the dynamicparam { } block, nil when there is
	// none; it is parsed like the other named blocks.
	DynamicParamBlock *NamedBlock
	// UsingStatements are the using statements that start a script (a
	// script's top-level block only, as PowerShell's
	// ScriptBlockAst.UsingStatements).
	UsingStatements []*UsingStmt
}

// UsingStmt is `using namespace|module|assembly Name`.
type UsingStmt struct {
	Span
	// Kind is "namespace", "module" or "assembly", in lower case.
	Kind string
	// Name is the namespace, the module name or path, or the assembly.
	Name string
	// NamePos is where the name starts.
	NamePos token.Pos
}

// NamedBlock is a begin, process, end or clean block, or the unnamed body.
type NamedBlock struct {
	Span
	Kind       token.Kind // token.Begin, token.Process, token.End, token.Clean or token.DynamicParam
	Unnamed    bool       // true for a body written without a block keyword
	Statements []Stmt
	// Traps are the traps of a named block (lifted like StatementBlock's).
	// Always nil for the unnamed body, whose traps are ScriptBlock.Traps.
	Traps []*TrapStmt
}

// ParamBlock is param(...) with the attributes written before it.
type ParamBlock struct {
	Span
	Params []*Parameter
}

// Parameter is one parameter of a param block or of function f($a, $b).
type Parameter struct {
	Span
	// Attributes holds [Parameter(...)], [ValidateSet(...)], [Alias(...)] and
	// the like; type constraints such as [string] are in Type.
	Attributes []*Attribute
	// Types are the type constraints in the order written ([string[]]).
	Types   []*TypeName
	Name    string // without the $
	Default Expr   // nil when there is no default
}

// Attribute is [Name(positional..., Named = value, Flag)].
type Attribute struct {
	Span
	Name       *TypeName
	Positional []Expr
	Named      []*NamedArg
}

// NamedArg is Name = value inside an attribute; Value is nil for the short
// form [Parameter(Mandatory)], which means $true.
type NamedArg struct {
	Span
	Name  string
	Value Expr
}

// TypeName is a type as written in brackets: int, string[], System.Collections.Generic.List[string].
type TypeName struct {
	Span
	// Name is the full text without the brackets, e.g. "string[]" or
	// "System.Collections.Generic.List[string]".
	Name string
	// Base is the name without array or generic suffixes ("string").
	Base string
	// Array is the array rank (1 for string[], 0 for string).
	Array int
	// Generic holds the type arguments of a generic type.
	Generic []*TypeName
	// Element is the element type of an array type (string for string[],
	// int[] for the jagged int[][]); nil when Array is 0.
	Element *TypeName
}

// --- Statements ---

// StatementBlock is a braced list of statements: the body of if, foreach, ...
type StatementBlock struct {
	Span
	Statements []Stmt
	Traps      []*TrapStmt
}

// Pipeline is a statement of one or more elements joined by |. The first
// element may be an expression (CommandExpr); the others are commands.
type Pipeline struct {
	Span
	Elements []PipelineElement
	// Background is set for a trailing & (Start-Job semantics).
	Background bool
}

// PipelineChain is a && / || chain of pipelines (PowerShell 7).
type PipelineChain struct {
	Span
	Left  Stmt // a *Pipeline or another *PipelineChain
	Op    token.Kind
	Right *Pipeline
	// Background is set for a trailing & after the whole chain
	// (a && b &), which runs the chain as a job.
	Background bool
}

// PipelineElement is a Command or a CommandExpr.
type PipelineElement interface {
	Node
	pipelineElement()
}

// InvocationKind says how a command is invoked.
type InvocationKind int

// The ways a command can be invoked.
const (
	InvokeDefault   InvocationKind = iota // Get-VM ...
	InvokeCall                            // & $sb ... or & 'name' ...
	InvokeDotSource                       // . ./file.ps1 or . $sb
)

// Command is a command invocation: its name and its arguments.
type Command struct {
	Span
	Invocation InvocationKind
	// Name is the command name as written: usually a *StringConstant
	// (bareword or quoted), or any expression after & or .
	Name Expr
	// Args are the command elements after the name, in order: parameters
	// (*CommandParameter), arguments (any Expr, barewords as
	// *StringConstant or *ExpandableString) and splats (*Variable with
	// Splatted set).
	Args         []CommandElement
	Redirections []*Redirection
}

// CommandElement is a *CommandParameter or an Expr.
type CommandElement interface {
	Node
}

// CommandParameter is -Name, or -Name:value with the value attached.
type CommandParameter struct {
	Span
	// Name is the parameter name without the dash, as written (case kept).
	Name string
	// Arg is the value after a colon (-Confirm:$false), nil otherwise.
	Arg Expr
	// Text is the token text as written, e.g. "-Confirm:"; used when a
	// parameter token is passed to something that takes raw arguments.
	Text string
}

// CommandExpr is an expression used as a pipeline element: $x | Out-Null.
type CommandExpr struct {
	Span
	Expr         Expr
	Redirections []*Redirection
}

// Redirection is >, >>, 2>&1 and so on.
type Redirection struct {
	Span
	// From is the stream redirected: 1 success, 2 error, 3 warning,
	// 4 verbose, 5 debug, 6 information, 0 for all (*).
	From int
	// Append is set for >>.
	Append bool
	// ToStream is set for merging redirections (2>&1): the target stream.
	ToStream int
	// File is the target file expression when not merging.
	File Expr
}

// Assignment is Left Op Right, where Right is a statement (often a
// pipeline: $x = Get-VM | Where-Object ...).
type Assignment struct {
	Span
	Left  Expr
	Op    token.Kind // token.Assign, token.PlusAssign, ...
	Right Stmt
}

// IfStmt is if / elseif / else.
type IfStmt struct {
	Span
	Clauses []*IfClause
	Else    *StatementBlock // nil when there is no else
}

// IfClause is one condition and its body.
type IfClause struct {
	Span
	Cond Stmt // a pipeline (conditions may be pipelines)
	Body *StatementBlock
}

// ForEachStmt is foreach ($v in expr) { ... }.
type ForEachStmt struct {
	Span
	Label    string
	Variable *Variable
	Iterable Stmt
	Body     *StatementBlock
}

// ForStmt is for (init; cond; iter) { ... }; each part may be nil.
type ForStmt struct {
	Span
	Label string
	Init  Stmt
	Cond  Stmt
	Iter  Stmt
	Body  *StatementBlock
}

// WhileStmt is while (cond) { ... }.
type WhileStmt struct {
	Span
	Label string
	Cond  Stmt
	Body  *StatementBlock
}

// DoStmt is do { ... } while (cond) or do { ... } until (cond).
type DoStmt struct {
	Span
	Label string
	Body  *StatementBlock
	Cond  Stmt
	Until bool // true for do-until
}

// SwitchStmt is switch [-flags] (value) { clauses }, or switch -File path.
type SwitchStmt struct {
	Span
	Label         string
	Regex         bool
	Wildcard      bool
	Exact         bool
	CaseSensitive bool
	File          bool // -File: Cond is the path
	Cond          Stmt
	Clauses       []*SwitchClause
	Default       *StatementBlock
}

// SwitchClause is one pattern { body } of a switch. The pattern is an
// expression; a bareword is a *StringConstant and a script block pattern is
// a *ScriptBlockExpr evaluated as a condition.
type SwitchClause struct {
	Span
	Pattern Expr
	Body    *StatementBlock
}

// FunctionDef is function Name { ... } or filter Name { ... }.
type FunctionDef struct {
	Span
	Name     string
	IsFilter bool
	// Params are the parameters of the function Name($a, $b) form; nil
	// when the body declares them with param().
	Params []*Parameter
	Body   *ScriptBlock
}

// ReturnStmt is return [pipeline].
type ReturnStmt struct {
	Span
	Value Stmt // nil for a bare return
}

// BreakStmt is break [label].
type BreakStmt struct {
	Span
	Label Expr // nil, a *StringConstant, or an expression
}

// ContinueStmt is continue [label].
type ContinueStmt struct {
	Span
	Label Expr
}

// ExitStmt is exit [code].
type ExitStmt struct {
	Span
	Code Stmt
}

// ThrowStmt is throw [value].
type ThrowStmt struct {
	Span
	Value Stmt
}

// TryStmt is try { } catch [T] { } ... finally { }.
type TryStmt struct {
	Span
	Body    *StatementBlock
	Catches []*CatchClause
	Finally *StatementBlock
}

// CatchClause is one catch; Types is empty for a catch-all.
type CatchClause struct {
	Span
	Types []*TypeName
	Body  *StatementBlock
}

// TrapStmt is trap [T] { ... }.
type TrapStmt struct {
	Span
	Type *TypeName // nil for a trap of every error
	Body *StatementBlock
}

// DataStmt is data [-SupportedCommand ...] { ... }.
type DataStmt struct {
	Span
	Variable string
	Body     *StatementBlock
	// SupportedCommands are the command names after -SupportedCommand.
	SupportedCommands []Expr
}

func (*StatementBlock) stmtNode() {}
func (*Pipeline) stmtNode()       {}
func (*PipelineChain) stmtNode()  {}
func (*Assignment) stmtNode()     {}
func (*IfStmt) stmtNode()         {}
func (*ForEachStmt) stmtNode()    {}
func (*ForStmt) stmtNode()        {}
func (*WhileStmt) stmtNode()      {}
func (*DoStmt) stmtNode()         {}
func (*SwitchStmt) stmtNode()     {}
func (*FunctionDef) stmtNode()    {}
func (*ReturnStmt) stmtNode()     {}
func (*BreakStmt) stmtNode()      {}
func (*ContinueStmt) stmtNode()   {}
func (*ExitStmt) stmtNode()       {}
func (*ThrowStmt) stmtNode()      {}
func (*TryStmt) stmtNode()        {}
func (*TrapStmt) stmtNode()       {}
func (*DataStmt) stmtNode()       {}

func (*Command) pipelineElement()     {}
func (*CommandExpr) pipelineElement() {}

// --- Expressions ---

// BinaryExpr is Left Op Right for every binary operator, including the
// comparison, logical, range, format and type operators.
type BinaryExpr struct {
	Span
	Op    token.Kind
	OpPos token.Pos // where the operator was written, for error carets
	Left  Expr
	Right Expr
}

// UnaryExpr is a prefix or postfix unary operator: -not, !, -bnot, -, +,
// ++/-- (both positions), unary -split and -join, and the unary comma.
type UnaryExpr struct {
	Span
	Op      token.Kind
	Postfix bool
	Operand Expr
}

// ConvertExpr is a cast: [int]$x, [pscustomobject]@{...}, [ordered]@{...}.
type ConvertExpr struct {
	Span
	Type    *TypeName
	Operand Expr
}

// TypeExpr is a type literal standing alone: [int], [math] in [math]::Round.
type TypeExpr struct {
	Span
	Type *TypeName
}

// NumberKind says which .NET numeric type a literal has.
type NumberKind int

// The numeric literal types.
const (
	Int32Number NumberKind = iota
	Int64Number
	DoubleNumber
	DecimalNumber
	ByteNumber
	SByteNumber
	Int16Number
	UInt16Number
	UInt32Number
	UInt64Number
	BigIntegerNumber
)

// Number is a numeric literal. Value holds an int32, int64, float64 (also
// used for decimal literals), uint8, int8, int16, uint16, uint32 or uint64,
// or a *big.Int for a BigIntegerNumber (the n suffix).
type Number struct {
	Span
	Kind  NumberKind
	Value any
	Text  string // as written, e.g. "10kb"
}

// StringKind says how a string was written.
type StringKind int

// The ways a string can be written.
const (
	BareWord StringKind = iota // a command-mode bareword: web01, Get-VM
	SingleQuoted
	DoubleQuoted
	SingleQuotedHere
	DoubleQuotedHere
)

// StringConstant is a string without expansions: a quoted string, a
// here-string or a bareword. Value has the quotes removed and escapes and
// doubled quotes resolved.
type StringConstant struct {
	Span
	Kind  StringKind
	Value string
}

// ExpandableString is a double-quoted string, here-string or bareword that
// contains expansions. Parts alternate between *StringConstant pieces and
// the expressions to expand ($x, ${x}, $(...)), in source order.
type ExpandableString struct {
	Span
	Kind  StringKind
	Raw   string // the text between the quotes as written
	Parts []Expr
}

// Variable is $name, $scope:name, ${any name}, or @name as a splat.
type Variable struct {
	Span
	// Name is the variable name without scope or drive ("vm", "_", "?").
	Name string
	// Scope is the scope or drive qualifier, lower-cased: "", "global",
	// "script", "local", "private", "using", "env", "function", "variable".
	Scope string
	// Splatted is set for @name in argument position.
	Splatted bool
	// Braced is set for ${...}.
	Braced bool
}

// MemberExpr is Target.Member or [Type]::Member, without a call.
type MemberExpr struct {
	Span
	Target Expr
	// Member is usually a *StringConstant (the name as written); it may be
	// any expression: $x.$name, $x.($name), $x."quoted".
	Member          Expr
	Static          bool // :: access
	NullConditional bool // ?.
}

// InvokeMemberExpr is Target.Method(args) or [Type]::Method(args).
type InvokeMemberExpr struct {
	Span
	Target          Expr
	Member          Expr
	Args            []Expr
	Static          bool
	NullConditional bool
}

// IndexExpr is Target[Index].
type IndexExpr struct {
	Span
	Target          Expr
	Index           Expr
	NullConditional bool // ?[
}

// ArrayLiteral is the comma operator's result: 1, 2, 3.
type ArrayLiteral struct {
	Span
	Elements []Expr
}

// ArrayExpr is @( statements ).
type ArrayExpr struct {
	Span
	Body *StatementBlock
}

// SubExpr is $( statements ).
type SubExpr struct {
	Span
	Body *StatementBlock
}

// ParenExpr is ( pipeline-or-statement ).
type ParenExpr struct {
	Span
	Stmt Stmt
}

// HashtableExpr is @{ key = value; ... }; the pairs keep source order.
type HashtableExpr struct {
	Span
	Pairs []*KeyValue
}

// KeyValue is one key = value pair of a hashtable literal. Keys are
// usually *StringConstant barewords; values are statements.
type KeyValue struct {
	Span
	Key   Expr
	Value Stmt
}

// ScriptBlockExpr is a { ... } literal.
type ScriptBlockExpr struct {
	Span
	Body *ScriptBlock
	// Text is the source text between the braces, for $sb.ToString().
	Text string
}

// TernaryExpr is Cond ? Then : Else (PowerShell 7).
type TernaryExpr struct {
	Span
	Cond Expr
	Then Expr
	Else Expr
}

// AttributedExpr is an attribute applied to an expression other than a
// type cast, e.g. [ValidateNotNull()]$x = ...; the evaluator treats the
// attribute as a constraint on the variable.
type AttributedExpr struct {
	Span
	Attribute *Attribute
	Operand   Expr
}

func (*BinaryExpr) exprNode()       {}
func (*UnaryExpr) exprNode()        {}
func (*ConvertExpr) exprNode()      {}
func (*TypeExpr) exprNode()         {}
func (*Number) exprNode()           {}
func (*StringConstant) exprNode()   {}
func (*ExpandableString) exprNode() {}
func (*Variable) exprNode()         {}
func (*MemberExpr) exprNode()       {}
func (*InvokeMemberExpr) exprNode() {}
func (*IndexExpr) exprNode()        {}
func (*ArrayLiteral) exprNode()     {}
func (*ArrayExpr) exprNode()        {}
func (*SubExpr) exprNode()          {}
func (*ParenExpr) exprNode()        {}
func (*HashtableExpr) exprNode()    {}
func (*ScriptBlockExpr) exprNode()  {}
func (*TernaryExpr) exprNode()      {}
func (*AttributedExpr) exprNode()   {}
