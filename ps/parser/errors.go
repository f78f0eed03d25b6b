package parser

import (
	"fmt"
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/token"
)

// Error is one parse error: where it is, PowerShell's ParseError ErrorId
// and PowerShell 7's message text.
type Error struct {
	File string
	Pos  token.Pos
	// End, when valid, is the end of the extent the error is about (the
	// error view underlines Pos to End); otherwise the error is at Pos.
	End token.Pos
	ID  string
	Msg string
}

// Error formats the error as "file:line:col: msg".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// ErrorList is the error ParseFile returns: every parse error found, in
// source order.
type ErrorList []*Error

// Error describes the first error and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// sortByPos orders the list by position, keeping the order of errors at
// the same position.
func (l ErrorList) sortByPos() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Offset < l[j].Pos.Offset })
}

// maxErrors is how many errors are collected before parsing stops.
const maxErrors = 10

// The parser's error ids, as in PowerShell's ParserStrings.resx.
const (
	errUnexpectedToken                = "UnexpectedToken"
	errMissingEndCurlyBrace           = "MissingEndCurlyBrace"
	errExpectedExpression             = "ExpectedExpression"
	errExpectedValueExpression        = "ExpectedValueExpression"
	errMissingExpressionAfterOperator = "MissingExpressionAfterOperator"
	errMissingExpressionAfterToken    = "MissingExpressionAfterToken"
	errMissingExpression              = "MissingExpression"
	errMissingArgument                = "MissingArgument"
	errParameterRequiresArgument      = "ParameterRequiresArgument"
	errMissingEndParenInExpression    = "MissingEndParenthesisInExpression"
	errMissingEndParenInSubexpression = "MissingEndParenthesisInSubexpression"
	errMissingEndParenInMethodCall    = "MissingEndParenthesisInMethodCall"
	errMissingEndSquareBracket        = "MissingEndSquareBracket"
	errMissingArrayIndexExpression    = "MissingArrayIndexExpression"
	errMissingPropertyName            = "MissingPropertyName"
	errMissingColonInTernary          = "MissingColonInTernaryExpression"
	errSplattingNotPermitted          = "SplattingNotPermitted"
	errInvalidLeftHandSide            = "InvalidLeftHandSide"
	errMissingOpenParenInIf           = "MissingOpenParenthesisInIfStatement"
	errIfMissingCondition             = "IfStatementMissingCondition"
	errMissingEndParenAfterStatement  = "MissingEndParenthesisAfterStatement"
	errMissingStatementBlock          = "MissingStatementBlock"
	errMissingStatementBlockAfterElse = "MissingStatementBlockAfterElse"
	errMissingOpenParenAfterKeyword   = "MissingOpenParenthesisAfterKeyword"
	errMissingVariableAfterForeach    = "MissingVariableNameAfterForeach"
	errMissingInInForeach             = "MissingInInForeach"
	errMissingForeachExpression       = "MissingForeachExpression"
	errMissingEndParenAfterForeach    = "MissingEndParenthesisAfterForeach"
	errMissingForeachStatement        = "MissingForeachStatement"
	errInvalidForeachFlag             = "InvalidForeachFlag"
	errMissingExpressionAfterKeyword  = "MissingExpressionAfterKeyword"
	errMissingLoopStatement           = "MissingLoopStatement"
	errMissingWhileOrUntil            = "MissingWhileOrUntilInDoWhile"
	errInvalidSwitchFlag              = "InvalidSwitchFlag"
	errMissingFilenameOption          = "MissingFilenameOption"
	errPipelineValueRequired          = "PipelineValueRequired"
	errMissingEndParenInSwitch        = "MissingEndParenthesisInSwitchStatement"
	errMissingCurlyInSwitch           = "MissingCurlyBraceInSwitchStatement"
	errMissingSwitchCondition         = "MissingSwitchConditionExpression"
	errMissingSwitchClause            = "MissingSwitchStatementClause"
	errMultipleSwitchDefaults         = "MultipleSwitchDefaultClauses"
	errMissingNameAfterKeyword        = "MissingNameAfterKeyword"
	errMissingFunctionBody            = "MissingFunctionBody"
	errMissingEndParenInParamList     = "MissingEndParenthesisInFunctionParameterList"
	errOnlyOneParameterList           = "OnlyOneParameterListAllowed"
	errInvalidFunctionParameter       = "InvalidFunctionParameter"
	errDuplicateFormalParameter       = "DuplicateFormalParameter"
	errMissingNamedBlocks             = "MissingNamedBlocks"
	errMissingNamedStatementBlock     = "MissingNamedStatementBlock"
	errDuplicateScriptCommandClause   = "DuplicateScriptCommandClause"
	errMissingTryStatementBlock       = "MissingTryStatementBlock"
	errMissingCatchOrFinally          = "MissingCatchOrFinally"
	errMissingCatchHandlerBlock       = "MissingCatchHandlerBlock"
	errMissingFinallyStatementBlock   = "MissingFinallyStatementBlock"
	errMissingTypeLiteralToken        = "MissingTypeLiteralToken"
	errMissingTrapStatement           = "MissingTrapStatement"
	errMissingDataStatementBlock      = "MissingStatementBlockForDataSection"
	errInvalidDataParameter           = "InvalidParameterForDataSectionStatement"
	errMissingDataSupportedCommand    = "MissingValueForSupportedCommandInDataSectionStatement"
	errMissingEqualsInHashLiteral     = "MissingEqualsInHashLiteral"
	errMissingStatementInHashLiteral  = "MissingStatementInHashLiteral"
	errMissingTypename                = "MissingTypename"
	errEndSquareBracketAttribute      = "EndSquareBracketExpectedAtEndOfAttribute"
	errEndSquareBracketType           = "EndSquareBracketExpectedAtEndOfType"
	errMissingExpressionInNamedArg    = "MissingExpressionInNamedArgument"
	errUnexpectedAttribute            = "UnexpectedAttribute"
	errTypeNotAllowedBeforeParam      = "TypeNotAllowedBeforeParam"
	errEmptyPipeElement               = "EmptyPipeElement"
	errExpressionsMustBeFirst         = "ExpressionsMustBeFirstInPipeline"
	errMissingFileSpecification       = "MissingFileSpecification"
	errRedirectionNotSupported        = "RedirectionNotSupported"
	errStreamAlreadyRedirected        = "StreamAlreadyRedirected"
	errEmptyPipelineChainElement      = "EmptyPipelineChainElement"
	errBackgroundOperatorInChain      = "BackgroundOperatorInPipelineChain"
	errScriptTooComplicated           = "ScriptTooComplicated"
	errNotSupportedByKeyhost          = "NotSupportedByKeyhost"
	errUsingMustBeAtStartOfScript     = "UsingMustBeAtStartOfScript"
	errMissingUsingItemName           = "MissingUsingItemName"
	errUsingStatementNotSupported     = "UsingStatementNotSupported"
)

// messages holds PowerShell 7's text for each id; {0}-style arguments are
// fmt verbs here.
var messages = map[string]string{
	errUnexpectedToken:                "Unexpected token '%s' in expression or statement.",
	errMissingEndCurlyBrace:           "Missing closing '}' in statement block or type definition.",
	errExpectedExpression:             "An expression was expected after '('.",
	errExpectedValueExpression:        "You must provide a value expression following the '%s' operator.",
	errMissingExpressionAfterOperator: "Missing expression after unary operator '%s'.",
	errMissingExpressionAfterToken:    "Missing expression after '%s'.",
	errMissingExpression:              "Missing expression after '%s' in pipeline element.",
	errMissingArgument:                "Missing argument in parameter list.",
	errParameterRequiresArgument:      "Parameter %s requires an argument.",
	errMissingEndParenInExpression:    "Missing closing ')' in expression.",
	errMissingEndParenInSubexpression: "Missing closing ')' in subexpression.",
	errMissingEndParenInMethodCall:    "Missing ')' in method call.",
	errMissingEndSquareBracket:        "Missing ']' after array index expression.",
	errMissingArrayIndexExpression:    "Array index expression is missing or not valid.",
	errMissingPropertyName:            "Missing property name after reference operator.",
	errMissingColonInTernary:          "Missing ':' in the ternary expression.",
	errSplattingNotPermitted:          "The splatting operator '@' cannot be used to reference variables in an expression. '@%s' can be used only as an argument to a command. To reference variables in an expression use '$%s'.",
	errInvalidLeftHandSide:            "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.",
	errMissingOpenParenInIf:           "Missing '(' after '%s' in if statement.",
	errIfMissingCondition:             "Missing condition in if statement after '%s ('.",
	errMissingEndParenAfterStatement:  "Missing closing ')' after expression in '%s' statement.",
	errMissingStatementBlock:          "Missing statement block after %s ( condition ).",
	errMissingStatementBlockAfterElse: "Missing statement block after 'else' keyword.",
	errMissingOpenParenAfterKeyword:   "Missing opening '(' after keyword '%s'.",
	errMissingVariableAfterForeach:    "Missing variable name after foreach.\nThe correct form is: foreach ($a in $b) {...}",
	errMissingInInForeach:             "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
	errMissingForeachExpression:       "Missing expression in foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
	errMissingEndParenAfterForeach:    "Missing closing ')' after expression part of foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
	errMissingForeachStatement:        "Missing statement body in foreach loop.\nThe correct form is: foreach ($a in $b) {...}",
	errInvalidForeachFlag:             "The parameter %s is not valid for the foreach statement.",
	errMissingExpressionAfterKeyword:  "Missing expression after '%s' in loop.",
	errMissingLoopStatement:           "Missing statement body in %s loop.",
	errMissingWhileOrUntil:            "Missing while or until keyword in do loop.",
	errInvalidSwitchFlag:              "The parameter %s is not valid for the switch statement.",
	errMissingFilenameOption:          "Cannot process the 'switch' statement because of a missing file name argument to the -file option.",
	errPipelineValueRequired:          "A switch statement must have one of the following:  '-file file_name' or '( expression )'.",
	errMissingEndParenInSwitch:        "Missing ')' after expression in switch statement.",
	errMissingCurlyInSwitch:           "Missing '{' in switch statement.",
	errMissingSwitchCondition:         "Missing condition in switch statement clause.",
	errMissingSwitchClause:            "Missing statement block in switch statement clause.",
	errMultipleSwitchDefaults:         "A switch statement can have only one default clause.",
	errMissingNameAfterKeyword:        "Missing name after %s keyword.",
	errMissingFunctionBody:            "Missing function body in function declaration.",
	errMissingEndParenInParamList:     "Missing ')' in function parameter list.",
	errOnlyOneParameterList:           "The param statement cannot be used if arguments were specified in the function declaration.",
	errInvalidFunctionParameter:       "Parameter declarations are a comma-separated list of variable names with optional initializer expressions.",
	errDuplicateFormalParameter:       "Duplicate parameter $%s in parameter list.",
	errMissingNamedBlocks:             "unexpected token '%s', expected 'begin', 'process', 'end', or 'dynamicparam'.",
	errMissingNamedStatementBlock:     "Missing statement block after '%s'.",
	errDuplicateScriptCommandClause:   "Script command clause '%s' has already been defined.",
	errMissingTryStatementBlock:       "The Try statement is missing its statement block.",
	errMissingCatchOrFinally:          "The Try statement is missing its Catch or Finally block.",
	errMissingCatchHandlerBlock:       "The Catch block is missing its statement block.",
	errMissingFinallyStatementBlock:   "The Finally block is missing its statement block.",
	errMissingTypeLiteralToken:        "Missing type literal.",
	errMissingTrapStatement:           "The 'trap' statement was incomplete. A trap statement requires a body.",
	errMissingDataStatementBlock:      "The Data section is missing its statement block.",
	errInvalidDataParameter:           "The \"%s\" parameter of the Data section is not valid. The valid Data section parameter is SupportedCommand.",
	errMissingDataSupportedCommand:    "The SupportedCommand parameter of the Data section is missing a value. Supply a cmdlet or function name to the parameter.",
	errMissingEqualsInHashLiteral:     "Missing '=' operator after key in hash literal.",
	errMissingStatementInHashLiteral:  "Missing statement after '=' in hash literal.",
	errMissingTypename:                "Missing type name after '['.",
	errEndSquareBracketAttribute:      "Missing ] at end of attribute or type literal.",
	errEndSquareBracketType:           "Missing ] at end of type token.",
	errMissingExpressionInNamedArg:    "Missing statement after '=' in named argument.",
	errUnexpectedAttribute:            "Unexpected attribute '%s'.",
	errTypeNotAllowedBeforeParam:      "Unexpected type [%s] was found in the parameter statement.",
	errEmptyPipeElement:               "An empty pipe element is not allowed.",
	errExpressionsMustBeFirst:         "Expressions are only allowed as the first element of a pipeline.",
	errMissingFileSpecification:       "Missing file specification after redirection operator.",
	errRedirectionNotSupported:        "The '%s' operator is reserved for future use.",
	errStreamAlreadyRedirected:        "The %s for this command is already redirected.",
	errEmptyPipelineChainElement:      "A pipeline chain operator must be followed by a pipeline.",
	errBackgroundOperatorInChain:      "Background operators can only be used at the end of a pipeline chain.",
	errScriptTooComplicated:           "Processing was stopped because the script is too complex.",
	// Not a PowerShell error: valid PowerShell that keyhost does not run.
	errNotSupportedByKeyhost:      "The '%s' keyword is not supported by keyhost.",
	errUsingMustBeAtStartOfScript: "A 'using' statement must appear before any other statements in a script.",
	errMissingUsingItemName:       "The 'using' statement is missing the name of the namespace, module or assembly.",
	errUsingStatementNotSupported: "This syntax of the 'using' statement is not supported.",
}

// streamNames names the streams for StreamAlreadyRedirected, as pwsh does.
var streamNames = map[int]string{
	0: "* stream", 1: "output stream", 2: "error stream", 3: "warning stream",
	4: "verbose stream", 5: "debug stream", 6: "information stream",
}

// errorAt records an error at pos, dropping exact duplicates (the lexer
// reports again when a token is rescanned) and stopping the parse once
// maxErrors have been collected.
func (p *parser) errorAt(pos token.Pos, id string, args ...any) {
	if p.stopped {
		return
	}
	msg := messages[id]
	if len(args) > 0 {
		msg = fmt.Sprintf(msg, args...)
	}
	p.addError(&Error{File: p.name, Pos: pos, ID: id, Msg: msg})
}

// errorSpan records an error about the extent from start to end.
func (p *parser) errorSpan(start, end token.Pos, id string, args ...any) {
	if p.stopped {
		return
	}
	msg := messages[id]
	if len(args) > 0 {
		msg = fmt.Sprintf(msg, args...)
	}
	p.addError(&Error{File: p.name, Pos: start, End: end, ID: id, Msg: msg})
}

// addError records an error (see errorAt).
func (p *parser) addError(e *Error) {
	if p.stopped {
		return
	}
	if !e.Pos.IsValid() {
		e.Pos = token.Pos{Offset: 0, Line: 1, Col: 1}
	}
	for _, old := range p.errors {
		if old.ID == e.ID && old.Pos == e.Pos {
			return
		}
	}
	p.errors = append(p.errors, e)
	if len(p.errors) >= maxErrors {
		p.stopped = true
	}
}

// tokenText is how a token is quoted in "Unexpected token" messages.
func tokenText(text string) string {
	return strings.TrimRight(text, "\r\n")
}
