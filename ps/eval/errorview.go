package eval

import (
	"fmt"
	"strings"
)

// ANSI sequences of $PSStyle.Formatting.Error / ErrorAccent and Reset.
const (
	ansiError  = "\x1b[31;1m"
	ansiAccent = "\x1b[36;1m"
	ansiReset  = "\x1b[0m"
)

// renderErrorView renders an error the way pwsh 7's default ConciseView
// does (Get-ConciseViewPositionMessage in PowerShell's format data):
//
//	Set-VM: /path/script.ps1:4
//	Line |
//	   4 |      Set-VM -VM $vm ...
//	     |      ~~~~~~~~~~~~~~~~~~
//	     | message
//
// Errors without a script position render as "Reason: message". Long
// messages are not wrapped: keyhost has no console width to wrap to.
func renderErrorView(rec *ErrorRecord, color bool) string {
	errorColor, accent, reset := "", "", ""
	if color {
		errorColor, accent, reset = ansiError, ansiAccent, ansiReset
	}
	inv := rec.Invocation
	msg := rec.Message()
	var posmsg, message string
	showLine := inv != nil && inv.Pos.IsValid() &&
		(rec.Category == ParserError || inv.ScriptName != "" || inv.Pos.Line > 1) &&
		!strings.HasSuffix(inv.ScriptName, ".psm1")
	if showLine {
		switch {
		case inv.ScriptName != "" && rec.Category == ParserError:
			// keyhost names the column too for parse errors (pwsh does so
			// only inside VS Code), so the error says exactly where.
			posmsg = reset + fmt.Sprintf("%s:%d:%d\n", inv.ScriptName, inv.Pos.Line, inv.Pos.Col)
		case inv.ScriptName != "":
			posmsg = reset + fmt.Sprintf("%s:%d\n", inv.ScriptName, inv.Pos.Line)
		default:
			posmsg = "\n"
		}
		num := fmt.Sprint(inv.Pos.Line)
		headerWS, lineWS := "", ""
		if len(num) > 4 {
			headerWS = strings.Repeat(" ", len(num)-4)
		}
		if len(num) < 4 {
			lineWS = strings.Repeat(" ", 4-len(num))
		}
		posmsg += accent + headerWS + "Line |\n"
		line := " " + inv.Line
		offset := inv.Pos.Col // index of the first ~ in the highlight line
		length := inv.markerLen()
		if color && length < len([]rune(line))-1 {
			rs := []rune(line)
			end := offset + length
			if end > len(rs) {
				end = len(rs)
			}
			line = string(rs[:offset]) + accent + string(rs[offset:end]) + reset + string(rs[end:])
		}
		posmsg += accent + lineWS + num + " | " + reset + line + "\n"
		prefix := accent + headerWS + "     | " + errorColor
		highlight := strings.Repeat(" ", offset) + strings.Repeat("~", length)
		posmsg += prefix + highlight + "\n"
		message = prefix
	}
	message += msg
	if showLine {
		message = strings.NewReplacer("\r\n", " ", "\n", " ", "\t", " ").Replace(message)
		message += "\n"
	}
	posmsg += errorColor + message
	out := errorColor + errorReason(rec) + ": " + posmsg + reset
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return out
}

// errorReason is the label in front of the error: "Exception" for throw,
// otherwise the failing command, the category activity, the invocation
// name or the category.
func errorReason(rec *ErrorRecord) string {
	inv := rec.Invocation
	switch {
	case rec.Exception != nil && rec.Exception.WasThrownFromThrowStatement:
		return "Exception"
	case inv != nil && inv.CommandName != "":
		return inv.CommandName
	case rec.Activity != "":
		return rec.Activity
	case inv != nil && inv.InvocationName != "":
		return inv.InvocationName
	case rec.Category != "" && rec.Category != NotSpecified:
		// NotSpecified is the enum's zero value, false in the view's
		// `elseif ($err.CategoryInfo.Category)`: the reason (the
		// exception's type name) shows instead.
		return string(rec.Category)
	case rec.categoryReason() != "":
		return rec.categoryReason()
	}
	return "Error"
}
