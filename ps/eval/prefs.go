package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// ActionPreferenceType is System.Management.Automation.ActionPreference,
// the type of -ErrorAction and $ErrorActionPreference.
var ActionPreferenceType = &value.EnumType{
	Name:    "System.Management.Automation.ActionPreference",
	Members: []string{"SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend", "Break"},
}

// ConfirmImpactType is System.Management.Automation.ConfirmImpact, the type
// of $ConfirmPreference.
var ConfirmImpactType = &value.EnumType{
	Name:    "System.Management.Automation.ConfirmImpact",
	Members: []string{"None", "Low", "Medium", "High"},
}

// actionPreference is an ActionPreference as a plain Go value.
type actionPreference int

const (
	actSilentlyContinue actionPreference = iota
	actStop
	actContinue
	actInquire
	actIgnore
	actSuspend
	actBreak
)

// toAction converts a preference value (an Enum or a string) to an
// actionPreference; unknown values count as Continue.
func toAction(v any) actionPreference {
	e, err := ActionPreferenceType.Convert(v)
	if err != nil {
		return actContinue
	}
	return actionPreference(e.Index)
}

// confirmImpactOf converts $ConfirmPreference to a ConfirmImpact.
func confirmImpactOf(v any) ConfirmImpact {
	e, err := ConfirmImpactType.Convert(v)
	if err != nil {
		return ImpactHigh
	}
	return ConfirmImpact(e.Index)
}

// isPreferenceName reports whether a common parameter name is one that sets
// a preference variable inside the command's scope.
func isPreferenceName(name string) bool {
	switch strings.ToLower(name) {
	case "erroraction", "warningaction", "informationaction", "progressaction", "verbose", "debug", "whatif", "confirm":
		return true
	}
	return false
}
