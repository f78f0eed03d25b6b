// Package token defines the lexical vocabulary of the PowerShell language as
// keyhost's lexer, parser and evaluator share it: source positions and the
// kinds of token, operators included.
//
// The operator kinds are also what the AST stores on binary and unary nodes,
// so the evaluator switches on the same constants the lexer produces.
package token

import "fmt"

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// runes, not bytes, so that error carets line up under the text an admin
// sees. Offset is the 0-based byte offset.
type Pos struct {
	Offset int
	Line   int
	Col    int
}

// IsValid reports whether the position was set (line numbers start at 1).
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as line:col.
func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

// Kind is the kind of a token.
type Kind int

// Token kinds. The groups matter to the parser: operators sit between
// operatorBegin and operatorEnd, keywords between keywordBegin and keywordEnd.
const (
	Illegal Kind = iota
	EOF
	NewLine   // a statement-ending newline
	Semicolon // ;
	Comment   // # ... or <# ... #>; the parser never sees these

	// Literals and names.
	Variable         // $name, $scope:name, ${braced}
	SplattedVariable // @name (argument position only)
	Parameter        // -Name or -Name: in command mode
	Number           // 42, 0x1F, 1.5e3, 10kb, 7L
	StringLiteral    // 'verbatim'
	StringExpandable // "expandable $x"
	HereStringLiteral
	HereStringExpandable
	Generic    // a bareword in command mode: Get-VM, ./file.ps1, web01
	Identifier // a member or type name in expression mode
	Label      // :outer before a loop

	// Punctuation.
	LParen      // (
	RParen      // )
	LCurly      // {
	RCurly      // }
	LBracket    // [
	RBracket    // ]
	AtParen     // @(
	AtCurly     // @{
	DollarParen // $(
	Comma       // ,
	Dot         // . (member access or dot-source)
	ColonColon  // ::
	Colon       // :
	Pipe        // |
	Ampersand   // & (call operator, or background at pipeline end)

	operatorBegin
	// Assignment.
	Assign                 // =
	PlusAssign             // +=
	MinusAssign            // -=
	MultiplyAssign         // *=
	DivideAssign           // /=
	RemainderAssign        // %=
	QuestionQuestionAssign // ??=

	// Arithmetic and unary.
	PlusPlus   // ++
	MinusMinus // --
	Plus       // +
	Minus      // -
	Multiply   // *
	Divide     // /
	Remainder  // %
	Exclaim    // !
	DotDot     // ..
	Format     // -f

	// Logical and bitwise.
	Not  // -not
	And  // -and
	Or   // -or
	Xor  // -xor
	Band // -band
	Bor  // -bor
	Bxor // -bxor
	Bnot // -bnot
	Shl  // -shl
	Shr  // -shr

	// String operators.
	Join   // -join
	Split  // -split, -isplit
	Csplit // -csplit

	// Comparison, case-insensitive (the default and the i-prefixed forms).
	Ieq
	Ine
	Ige
	Igt
	Ilt
	Ile
	Ilike
	Inotlike
	Imatch
	Inotmatch
	Ireplace
	Icontains
	Inotcontains
	Iin
	Inotin

	// Comparison, case-sensitive (c-prefixed).
	Ceq
	Cne
	Cge
	Cgt
	Clt
	Cle
	Clike
	Cnotlike
	Cmatch
	Cnotmatch
	Creplace
	Ccontains
	Cnotcontains
	Cin
	Cnotin

	// Type operators.
	Is    // -is
	IsNot // -isnot
	As    // -as

	// PowerShell 7 operators.
	QuestionQuestion // ??
	QuestionDot      // ?.
	QuestionLBracket // ?[
	QuestionMark     // ? (ternary)
	AndAnd           // &&
	OrOr             // ||

	// Redirection: the text is kept on the token (>, >>, 2>, 2>&1, *>, ...).
	Redirection
	operatorEnd

	keywordBegin
	If
	ElseIf
	Else
	Foreach
	For
	While
	Do
	Until
	Switch
	Function
	Filter
	Param
	Begin
	Process
	End
	Clean
	Try
	Catch
	Finally
	Trap
	Throw
	Return
	Break
	Continue
	Exit
	In
	Class
	Enum
	Using
	Data
	DynamicParam
	keywordEnd
)

// IsOperator reports whether k is an operator kind.
func (k Kind) IsOperator() bool { return k > operatorBegin && k < operatorEnd }

// IsKeyword reports whether k is a keyword kind.
func (k Kind) IsKeyword() bool { return k > keywordBegin && k < keywordEnd }

// IsAssignment reports whether k is one of the assignment operators.
func (k Kind) IsAssignment() bool { return k >= Assign && k <= QuestionQuestionAssign }

// IsComparison reports whether k is a comparison operator (-eq ... -notin,
// either case variant). These are the operators that filter when their left
// operand is a collection.
func (k Kind) IsComparison() bool { return k >= Ieq && k <= Cnotin }

// IsCaseSensitive reports whether k is a c-prefixed comparison operator.
func (k Kind) IsCaseSensitive() bool { return (k >= Ceq && k <= Cnotin) || k == Csplit }

// Insensitive maps a case-sensitive comparison kind to its case-insensitive
// twin, and returns any other kind unchanged. The evaluator uses it to share
// one implementation per operator.
func (k Kind) Insensitive() Kind {
	if k >= Ceq && k <= Cnotin {
		return k - Ceq + Ieq
	}
	if k == Csplit {
		return Split
	}
	return k
}

var kindNames = map[Kind]string{
	Illegal: "illegal", EOF: "end of input", NewLine: "newline", Semicolon: ";",
	Comment: "comment", Variable: "variable", SplattedVariable: "splatted variable",
	Parameter: "parameter", Number: "number", StringLiteral: "string",
	StringExpandable: "string", HereStringLiteral: "here-string",
	HereStringExpandable: "here-string", Generic: "word", Identifier: "identifier",
	Label:  "label",
	LParen: "(", RParen: ")", LCurly: "{", RCurly: "}", LBracket: "[", RBracket: "]",
	AtParen: "@(", AtCurly: "@{", DollarParen: "$(", Comma: ",", Dot: ".",
	ColonColon: "::", Colon: ":", Pipe: "|", Ampersand: "&",
	Assign: "=", PlusAssign: "+=", MinusAssign: "-=", MultiplyAssign: "*=",
	DivideAssign: "/=", RemainderAssign: "%=", QuestionQuestionAssign: "??=",
	PlusPlus: "++", MinusMinus: "--", Plus: "+", Minus: "-", Multiply: "*",
	Divide: "/", Remainder: "%", Exclaim: "!", DotDot: "..", Format: "-f",
	Not: "-not", And: "-and", Or: "-or", Xor: "-xor", Band: "-band", Bor: "-bor",
	Bxor: "-bxor", Bnot: "-bnot", Shl: "-shl", Shr: "-shr",
	Join: "-join", Split: "-split", Csplit: "-csplit",
	Ieq: "-eq", Ine: "-ne", Ige: "-ge", Igt: "-gt", Ilt: "-lt", Ile: "-le",
	Ilike: "-like", Inotlike: "-notlike", Imatch: "-match", Inotmatch: "-notmatch",
	Ireplace: "-replace", Icontains: "-contains", Inotcontains: "-notcontains",
	Iin: "-in", Inotin: "-notin",
	Ceq: "-ceq", Cne: "-cne", Cge: "-cge", Cgt: "-cgt", Clt: "-clt", Cle: "-cle",
	Clike: "-clike", Cnotlike: "-cnotlike", Cmatch: "-cmatch", Cnotmatch: "-cnotmatch",
	Creplace: "-creplace", Ccontains: "-ccontains", Cnotcontains: "-cnotcontains",
	Cin: "-cin", Cnotin: "-cnotin",
	Is: "-is", IsNot: "-isnot", As: "-as",
	QuestionQuestion: "??", QuestionDot: "?.", QuestionLBracket: "?[", QuestionMark: "?",
	AndAnd: "&&", OrOr: "||", Redirection: "redirection",
	If: "if", ElseIf: "elseif", Else: "else", Foreach: "foreach", For: "for",
	While: "while", Do: "do", Until: "until", Switch: "switch", Function: "function",
	Filter: "filter", Param: "param", Begin: "begin", Process: "process", End: "end",
	Clean: "clean", Try: "try", Catch: "catch", Finally: "finally", Trap: "trap",
	Throw: "throw", Return: "return", Break: "break", Continue: "continue",
	Exit: "exit", In: "in", Class: "class", Enum: "enum", Using: "using",
	Data: "data", DynamicParam: "dynamicparam",
}

// String returns the operator or keyword text, or a description of the kind.
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// keywords maps the lower-case keyword text to its kind. Keywords are only
// keywords at the start of a statement; the parser decides that.
var keywords = map[string]Kind{
	"if": If, "elseif": ElseIf, "else": Else, "foreach": Foreach, "for": For,
	"while": While, "do": Do, "until": Until, "switch": Switch, "function": Function,
	"filter": Filter, "param": Param, "begin": Begin, "process": Process, "end": End,
	"clean": Clean, "try": Try, "catch": Catch, "finally": Finally, "trap": Trap,
	"throw": Throw, "return": Return, "break": Break, "continue": Continue,
	"exit": Exit, "in": In, "class": Class, "enum": Enum, "using": Using,
	"data": Data, "dynamicparam": DynamicParam, "workflow": Function,
}

// Keyword returns the keyword kind for a lower-case word, if it is one.
func Keyword(lower string) (Kind, bool) {
	k, ok := keywords[lower]
	return k, ok
}

// dashOperators maps the lower-case text after the dash of an operator
// (eq, ieq, ceq, not, ...) to its kind.
var dashOperators = map[string]Kind{
	"f": Format, "not": Not, "and": And, "or": Or, "xor": Xor,
	"band": Band, "bor": Bor, "bxor": Bxor, "bnot": Bnot, "shl": Shl, "shr": Shr,
	"join": Join, "split": Split, "isplit": Split, "csplit": Csplit,
	"is": Is, "isnot": IsNot, "as": As,
}

func init() {
	type pair struct {
		name string
		i, c Kind
	}
	for _, p := range []pair{
		{"eq", Ieq, Ceq}, {"ne", Ine, Cne}, {"ge", Ige, Cge}, {"gt", Igt, Cgt},
		{"lt", Ilt, Clt}, {"le", Ile, Cle}, {"like", Ilike, Clike},
		{"notlike", Inotlike, Cnotlike}, {"match", Imatch, Cmatch},
		{"notmatch", Inotmatch, Cnotmatch}, {"replace", Ireplace, Creplace},
		{"contains", Icontains, Ccontains}, {"notcontains", Inotcontains, Cnotcontains},
		{"in", Iin, Cin}, {"notin", Inotin, Cnotin},
	} {
		dashOperators[p.name] = p.i
		dashOperators["i"+p.name] = p.i
		dashOperators["c"+p.name] = p.c
	}
}

// DashOperator returns the operator kind for the lower-case word that
// follows a dash in expression mode ("eq" for -eq), if it is an operator.
func DashOperator(lower string) (Kind, bool) {
	k, ok := dashOperators[lower]
	return k, ok
}
