package parser

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseErrors parses src, which must fail, and returns the errors.
func parseErrors(t *testing.T, src string) ErrorList {
	t.Helper()
	_, err := ParseFile("./x.ps1", src)
	require.Error(t, err, "source: %q", src)
	var list ErrorList
	require.True(t, errors.As(err, &list), "error is %T", err)
	require.NotEmpty(t, list)
	for _, e := range list {
		assert.True(t, e.Pos.IsValid(), "invalid position in %v", e)
		assert.NotEmpty(t, e.ID)
		assert.NotEmpty(t, e.Msg)
		assert.Equal(t, "./x.ps1", e.File)
	}
	return list
}

func TestErrors(t *testing.T) {
	cases := []struct {
		src       string
		id        string
		line, col int
		msg       string // checked when set
	}{
		{"if ($a) {", "MissingEndCurlyBrace", 1, 9, "Missing closing '}' in statement block or type definition."},
		{"function f {\n  1\n", "MissingEndCurlyBrace", 1, 12, ""},
		{"if $a { }", "MissingOpenParenthesisInIfStatement", 1, 3, "Missing '(' after 'if' in if statement."},
		{"if () { }", "IfStatementMissingCondition", 1, 5, "Missing condition in if statement after 'if ('."},
		{"if ($a { }", "MissingEndParenthesisAfterStatement", 1, 8, "Missing closing ')' after expression in 'if' statement."},
		{"if ($a)", "MissingStatementBlock", 1, 7, "Missing statement block after if ( condition )."},
		{"if ($a) {} else", "MissingStatementBlockAfterElse", 1, 16, ""},
		{"$x = 1 +", "ExpectedValueExpression", 1, 9, "You must provide a value expression following the '+' operator."},
		{"$x = 1 -eq", "ExpectedValueExpression", 1, 11, "You must provide a value expression following the '-eq' operator."},
		{"$x =", "ExpectedValueExpression", 1, 5, "You must provide a value expression following the '=' operator."},
		{"-not", "MissingExpressionAfterOperator", 1, 5, "Missing expression after unary operator '-not'."},
		{"!", "MissingExpressionAfterOperator", 1, 2, ""},
		{`"abc`, "TerminatorExpectedAtEndOfString", 1, 1, `The string is missing the terminator: ".`},
		{"x\n'abc", "TerminatorExpectedAtEndOfString", 2, 1, `The string is missing the terminator: '.`},
		{"Write-Host \"abc", "TerminatorExpectedAtEndOfString", 1, 12, ""},
		{"(1 + 2", "MissingEndParenthesisInExpression", 1, 7, "Missing closing ')' in expression."},
		{"()", "ExpectedExpression", 1, 2, "An expression was expected after '('."},
		{"$(1", "MissingEndParenthesisInSubexpression", 1, 4, "Missing closing ')' in subexpression."},
		{"1 2", "UnexpectedToken", 1, 3, "Unexpected token '2' in expression or statement."},
		{"$a $b", "UnexpectedToken", 1, 4, "Unexpected token '$b' in expression or statement."},
		{")", "UnexpectedToken", 1, 1, "Unexpected token ')' in expression or statement."},
		{"Get-X\n}", "UnexpectedToken", 2, 1, ""},
		{"1 -foo 2", "UnexpectedToken", 1, 3, "Unexpected token '-foo' in expression or statement."},
		{"Get-X |", "EmptyPipeElement", 1, 8, "An empty pipe element is not allowed."},
		{"| Get-X", "EmptyPipeElement", 1, 1, ""},
		{"Get-VM\n\n| Out-Null", "EmptyPipeElement", 3, 1, ""},
		{"Get-X | $x", "ExpressionsMustBeFirstInPipeline", 1, 9, "Expressions are only allowed as the first element of a pipeline."},
		{"foreach $x", "MissingOpenParenthesisAfterKeyword", 1, 8, "Missing opening '(' after keyword 'foreach'."},
		{"foreach (1) {}", "MissingVariableNameAfterForeach", 1, 10, ""},
		{"foreach ($x Get-VM) {}", "MissingInInForeach", 1, 12, ""},
		{"foreach ($x in) {}", "MissingForeachExpression", 1, 15, ""},
		{"foreach ($x in $y {}", "MissingEndParenthesisAfterForeach", 1, 18, ""},
		{"foreach ($x in $y)", "MissingForeachStatement", 1, 19, ""},
		{"for ($i", "MissingEndParenthesisAfterStatement", 1, 8, "Missing closing ')' after expression in 'for' statement."},
		{"while ($x)", "MissingLoopStatement", 1, 11, "Missing statement body in while loop."},
		{"while () {}", "MissingExpressionAfterKeyword", 1, 8, "Missing expression after 'while' in loop."},
		{"do { }", "MissingWhileOrUntilInDoWhile", 1, 7, "Missing while or until keyword in do loop."},
		{"switch ($x)", "MissingCurlyBraceInSwitchStatement", 1, 12, "Missing '{' in switch statement."},
		{"switch ($x) { 1 }", "MissingSwitchStatementClause", 1, 16, "Missing statement block in switch statement clause."},
		{"switch { }", "PipelineValueRequired", 1, 7, ""},
		{"switch -Foo ($x) { }", "InvalidSwitchFlag", 1, 8, "The parameter Foo is not valid for the switch statement."},
		{"switch ($x) { default {1} default {2} }", "MultipleSwitchDefaultClauses", 1, 27, ""},
		{"function {", "MissingNameAfterKeyword", 1, 9, "Missing name after function keyword."},
		{"function f", "MissingFunctionBody", 1, 11, "Missing function body in function declaration."},
		{"function f($a { }", "MissingEndParenthesisInFunctionParameterList", 1, 14, "Missing ')' in function parameter list."},
		{"function f($a) { param($b) }", "OnlyOneParameterListAllowed", 1, 18, ""},
		{"function f($a, $A) { }", "DuplicateFormalParameter", 1, 16, "Duplicate parameter $A in parameter list."},
		{"function f { begin { } 1 }", "MissingNamedBlocks", 1, 24, "unexpected token '1', expected 'begin', 'process', 'end', or 'dynamicparam'."},
		{"function f { begin { } begin { } }", "DuplicateScriptCommandClause", 1, 24, "Script command clause 'begin' has already been defined."},
		{"function f { process }", "MissingNamedStatementBlock", 1, 21, ""},
		{"try { }", "MissingCatchOrFinally", 1, 8, "The Try statement is missing its Catch or Finally block."},
		{"try", "MissingTryStatementBlock", 1, 4, ""},
		{"try { } catch", "MissingCatchHandlerBlock", 1, 14, ""},
		{"try { } catch [X], { }", "MissingTypeLiteralToken", 1, 19, ""},
		{"try { } finally", "MissingFinallyStatementBlock", 1, 16, ""},
		{"trap", "MissingTrapStatement", 1, 5, ""},
		{"@{ a }", "MissingEqualsInHashLiteral", 1, 5, "Missing '=' operator after key in hash literal."},
		{"@{ a = }", "MissingStatementInHashLiteral", 1, 7, "Missing statement after '=' in hash literal."},
		{"@{ a = 1", "MissingEndCurlyBrace", 1, 3, ""},
		{"$x[", "MissingArrayIndexExpression", 1, 4, "Array index expression is missing or not valid."},
		{"$x[1", "MissingEndSquareBracket", 1, 5, "Missing ']' after array index expression."},
		{"$x.", "MissingPropertyName", 1, 4, "Missing property name after reference operator."},
		{"$x.Foo(1,", "MissingExpressionAfterToken", 1, 10, "Missing expression after ','."},
		{"$x.Foo(1", "MissingEndParenthesisInMethodCall", 1, 9, "Missing ')' in method call."},
		{"1,", "MissingExpressionAfterToken", 1, 3, ""},
		{`"$HOME: x"`, "InvalidVariableReferenceWithDrive", 1, 2, "Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${} to delimit the name."},
		{`"minute $m: done"`, "InvalidVariableReferenceWithDrive", 1, 9, ""},
		{"$x = @foo", "SplattingNotPermitted", 1, 6, "The splatting operator '@' cannot be used to reference variables in an expression. '@foo' can be used only as an argument to a command. To reference variables in an expression use '$foo'."},
		{"Get-X -Name:", "ParameterRequiresArgument", 1, 13, "Parameter -Name: requires an argument."},
		{"Get-X -Name a,", "MissingExpression", 1, 15, "Missing expression after ',' in pipeline element."},
		{"Get-X , a", "MissingArgument", 1, 7, "Missing argument in parameter list."},
		{"Get-X 1>&2", "RedirectionNotSupported", 1, 7, "The '1>&2' operator is reserved for future use."},
		{"Get-X < in.txt", "RedirectionNotSupported", 1, 7, "The '<' operator is reserved for future use."},
		{"Get-X >", "MissingFileSpecification", 1, 8, "Missing file specification after redirection operator."},
		{"Get-X > a > b", "StreamAlreadyRedirected", 1, 11, "The output stream for this command is already redirected."},
		{"& ", "MissingExpression", 1, 1, "Missing expression after '&' in pipeline element."},
		{"a &&", "EmptyPipelineChainElement", 1, 5, "A pipeline chain operator must be followed by a pipeline."},
		{"a & && b", "BackgroundOperatorInPipelineChain", 1, 5, "Background operators can only be used at the end of a pipeline chain."},
		{"1 = 2", "InvalidLeftHandSide", 1, 1, ""},
		{"$x.Foo() = 2", "InvalidLeftHandSide", 1, 1, ""},
		{"$a ? 1", "MissingColonInTernaryExpression", 1, 7, "Missing ':' in the ternary expression."},
		{"@'abc'@", "UnexpectedCharactersAfterHereStringHeader", 1, 3, "No characters are allowed after a here-string header but before the end of the line."},
		{"@\"\nabc", "TerminatorExpectedAtEndOfString", 1, 1, `The string is missing the terminator: "@.`},
		{"@'\nabc\n  '@", "WhitespaceBeforeHereStringFooter", 3, 3, "White space is not allowed before the string terminator."},
		{"<# open", "MissingTerminatorMultiLineComment", 1, 1, "The terminator '#>' is missing from the multiline comment."},
		{"\"`u{110000}\"", "InvalidUnicodeEscapeSequenceValue", 1, 5, ""},
		{"\"`u{}\"", "InvalidUnicodeEscapeSequence", 1, 2, ""},
		{"${}", "EmptyVariableReference", 1, 3, ""},
		{"${abc", "IncompleteDollarVariableReference", 1, 2, ""},
		{"\"$(abc\"", "IncompleteDollarSubexpressionReference", 1, 2, ""},
		{"$x = 0xFFFFFFFFFFFFFFFFFF", "BadNumericConstant", 1, 26, "The numeric constant 0xFFFFFFFFFFFFFFFFFF is not valid."},
		{"[int", "EndSquareBracketExpectedAtEndOfAttribute", 1, 5, "Missing ] at end of attribute or type literal."},
		{"[Parameter(Mandatory", "MissingEndParenthesisInExpression", 1, 21, ""},
		{"[List[string]$x", "EndSquareBracketExpectedAtEndOfAttribute", 1, 14, ""},
		{"param([int] 5)", "InvalidFunctionParameter", 1, 12, ""},
		{"class Foo { }", "NotSupportedByKeyhost", 1, 1, "The 'class' keyword is not supported by keyhost."},
		{"using assembly System.Web", "NotSupportedByKeyhost", 1, 1, "The 'using assembly' keyword is not supported by keyhost."},
		{"'x'\nusing namespace System.IO", "UsingMustBeAtStartOfScript", 2, 1, "A 'using' statement must appear before any other statements in a script."},
		{"using module", "MissingUsingItemName", 1, 13, ""},
		{"using foo bar", "UsingStatementNotSupported", 1, 7, ""},
		{"using module @{ModuleName='x'}", "UsingStatementNotSupported", 1, 14, ""},
		{"data -Foo { }", "InvalidParameterForDataSectionStatement", 1, 6, ""},
		{"`", "IncompleteString", 1, 2, "Incomplete string token."},
		{"@", "UnrecognizedToken", 1, 1, "Unrecognized token in source text."},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			list := parseErrors(t, c.src)
			var found *Error
			for _, e := range list {
				if e.ID == c.id {
					found = e
					break
				}
			}
			require.NotNil(t, found, "no %s error in %v", c.id, list)
			assert.Equal(t, c.line, found.Pos.Line, "line of %v", found)
			assert.Equal(t, c.col, found.Pos.Col, "col of %v", found)
			if c.msg != "" {
				assert.Equal(t, c.msg, found.Msg)
			}
		})
	}
}

func TestErrorFormatting(t *testing.T) {
	list := parseErrors(t, "if ($a) {\n  Get-X |\n")
	require.Len(t, list, 2)
	assert.Equal(t, "EmptyPipeElement", list[1].ID, "errors are sorted by position")
	assert.Equal(t, "MissingEndCurlyBrace", list[0].ID)
	assert.Equal(t, "./x.ps1:1:9: Missing closing '}' in statement block or type definition.", list[0].Error())
	assert.Equal(t, list[0].Error()+" (and 1 more errors)", list.Error())
}

func TestErrorLimit(t *testing.T) {
	src := strings.Repeat("1 2\n", 50)
	list := parseErrors(t, src)
	assert.Len(t, list, maxErrors)
}

func TestTooComplex(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("(", 5000),
		strings.Repeat("{", 5000),
		strings.Repeat("@{a=", 3000),
		strings.Repeat("-", 5000) + "1",
		strings.Repeat("[a[", 3000),
		strings.Repeat(`"$(`, 1500) + "1" + strings.Repeat(`)"`, 1500),
	} {
		list := parseErrors(t, src)
		var ids []string
		for _, e := range list {
			ids = append(ids, e.ID)
		}
		assert.Contains(t, ids, "ScriptTooComplicated", "source starts %q", src[:10])
	}
}

// The FAQ's vSAN script as the seed page wraps it: -ErrorAction at the end
// of a line and its value on the next. That is two statements in pwsh,
// and the binder then reports the missing argument.
func TestWrappedParameterValueIsANewStatement(t *testing.T) {
	src := "Start-VsanEncryptionConfiguration -Cluster $cluster -KeyProvider $keyprovider -Confirm:$false -ErrorAction\nStop | Out-Null\n"
	f := parseOK(t, src)
	stmts := f.Body.EndBlock.Statements
	require.Len(t, stmts, 2)
	assert.Equal(t, "(cmd Start-VsanEncryptionConfiguration -Cluster $cluster -KeyProvider $keyprovider (-Confirm: $false) -ErrorAction)", sexpr(stmts[0]))
	assert.Equal(t, "(pipe (cmd Stop) (cmd Out-Null))", sexpr(stmts[1]))
}
