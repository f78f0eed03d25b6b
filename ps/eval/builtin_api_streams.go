package eval

// Hooks for ps/builtin: the debug and information streams, and the text
// an error record shows when it reaches formatted output.

// WriteDebug writes "DEBUG: msg" when -Debug or $DebugPreference asks
// for it (Continue, or Inquire, which keyhost cannot ask about); Stop
// turns the message into a terminating error, as in PowerShell.
func (c *Call) WriteDebug(msg string) error {
	act := toAction(c.f.preference("DebugPreference"))
	if c.Has("Debug") {
		act = actSilentlyContinue
		if c.Switch("Debug") {
			act = actContinue
		}
	}
	return c.writeStream(act, "DebugPreference", "DEBUG: "+msg, warningColor, msg)
}

// WriteInformation writes a message to the information stream: shown
// (without a prefix) when -InformationAction or $InformationPreference is
// Continue; Stop turns it into a terminating error.
func (c *Call) WriteInformation(msg string) error {
	act := toAction(c.f.preference("InformationPreference"))
	if c.Has("InformationAction") {
		act = toAction(c.Value("InformationAction"))
	}
	return c.writeStream(act, "InformationPreference", msg, NoColor, msg)
}

// writeStream shows text for a message stream according to act.
func (c *Call) writeStream(act actionPreference, pref, text string, color ConsoleColor, msg string) error {
	switch act {
	case actContinue, actInquire:
		c.f.r.out.Sync()
		c.f.r.ui.write(text+"\n", color, NoColor)
	case actStop:
		ex := newExceptionOf("System.Management.Automation.ActionPreferenceStopException",
			"The running command stopped because the preference variable \""+pref+"\" or common parameter is set to Stop: "+msg)
		return stopError(c.NewError(ex, "ActionPreferenceStop", OperationStopped, nil))
	}
	return nil
}

// ErrorViewText is the text of the error view for a record, as shown
// when the record itself reaches formatted output (2>&1, $Error[0]).
func (r *ErrorRecord) ErrorViewText() string {
	s := renderErrorView(r, false)
	for len(s) > 0 && s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return s
}
