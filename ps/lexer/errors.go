package lexer

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/token"
)

// Error is a problem found while scanning: where, PowerShell's ErrorId
// and PowerShell 7's message text.
type Error struct {
	Pos token.Pos
	ID  string
	Msg string
}

// ErrorHandler receives the lexer's errors. The same error may be reported
// twice when the parser rescans text in another mode; handlers are expected
// to drop duplicates.
type ErrorHandler func(Error)

// The lexer's error ids, as in PowerShell's ParserStrings.resx.
const (
	ErrTerminatorExpected           = "TerminatorExpectedAtEndOfString"
	ErrMissingCommentTerminator     = "MissingTerminatorMultiLineComment"
	ErrCharsAfterHereStringHeader   = "UnexpectedCharactersAfterHereStringHeader"
	ErrWhitespaceBeforeFooter       = "WhitespaceBeforeHereStringFooter"
	ErrIncompleteBracedVariable     = "IncompleteDollarVariableReference"
	ErrIncompleteSubexpression      = "IncompleteDollarSubexpressionReference"
	ErrEmptyVariableReference       = "EmptyVariableReference"
	ErrOpenBraceInVariableName      = "OpenBraceNeedsToBeBackTickedInVariableName"
	ErrInvalidVariableReference     = "InvalidVariableReference"
	ErrInvalidVariableWithDrive     = "InvalidVariableReferenceWithDrive"
	ErrInvalidBracedVariable        = "InvalidBracedVariableReference"
	ErrBadNumericConstant           = "BadNumericConstant"
	ErrUnrecognizedToken            = "UnrecognizedToken"
	ErrIncompleteString             = "IncompleteString"
	ErrInvalidUnicodeEscape         = "InvalidUnicodeEscapeSequence"
	ErrUnicodeEscapeOutOfRange      = "InvalidUnicodeEscapeSequenceValue"
	ErrMissingUnicodeEscapeEnd      = "MissingUnicodeEscapeSequenceTerminator"
	ErrTooManyDigitsInUnicodeEscape = "TooManyDigitsInUnicodeEscapeSequence"
)

// messages holds PowerShell 7's text for each id; {0}-style arguments are
// filled with fmt verbs.
var messages = map[string]string{
	ErrTerminatorExpected:           "The string is missing the terminator: %s.",
	ErrMissingCommentTerminator:     "The terminator '#>' is missing from the multiline comment.",
	ErrCharsAfterHereStringHeader:   "No characters are allowed after a here-string header but before the end of the line.",
	ErrWhitespaceBeforeFooter:       "White space is not allowed before the string terminator.",
	ErrIncompleteBracedVariable:     "${variable} reference starting is missing the closing '}'.",
	ErrIncompleteSubexpression:      "$(subexpression) is missing the closing ')'.",
	ErrEmptyVariableReference:       "An empty ${} variable reference was found. A name is required inside the braces.",
	ErrOpenBraceInVariableName:      "Use `{ instead of { in variable names.",
	ErrInvalidVariableReference:     "Variable reference is not valid. '$' was not followed by a valid variable name character. Consider using ${} to delimit the name.",
	ErrInvalidVariableWithDrive:     "Variable reference is not valid. ':' was not followed by a valid variable name character. Consider using ${} to delimit the name.",
	ErrInvalidBracedVariable:        "Variable reference is not valid. The variable name is missing.",
	ErrBadNumericConstant:           "The numeric constant %s is not valid.",
	ErrUnrecognizedToken:            "Unrecognized token in source text.",
	ErrIncompleteString:             "Incomplete string token.",
	ErrInvalidUnicodeEscape:         "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one to six hex digits and a closing '}'.",
	ErrUnicodeEscapeOutOfRange:      "The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF.",
	ErrMissingUnicodeEscapeEnd:      "The Unicode escape sequence is missing the closing '}'.",
	ErrTooManyDigitsInUnicodeEscape: "The Unicode escape sequence contains more than the maximum of six hex digits between braces.",
}

// errorf reports an error at byte index i of the lexer's text.
func (l *Lexer) errorf(i int, id string, args ...any) {
	if l.report == nil {
		return
	}
	msg := messages[id]
	if len(args) > 0 {
		msg = fmt.Sprintf(msg, args...)
	}
	l.report(Error{Pos: l.PosAt(i), ID: id, Msg: msg})
}
