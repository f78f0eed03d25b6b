package builtin

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/eval"
)

// The item cmdlets also reach PowerShell's session drives: Variable:,
// Function:, Alias: and Env: (Test-Path variable:x, Get-ChildItem env:,
// Get-Item function:f, Remove-Item alias:a). These helpers route a path on
// such a drive to the session instead of the file system.

// sessionItemsFor writes the session items a path names, or reports that
// the path is not on a session drive (handled false).
func sessionItemsFor(c *eval.Call, p string) (handled bool, err error) {
	drive, name, ok := eval.SessionDrive(p)
	if !ok {
		return false, nil
	}
	items := c.SessionItems(drive, name)
	if len(items) == 0 && name != "" {
		return true, c.WriteError(sessionItemNotFound(c, p))
	}
	return true, c.WriteObjects(items)
}

// sessionItemNotFound is the ItemNotFoundException for a session drive.
func sessionItemNotFound(c *eval.Call, p string) *eval.ErrorRecord {
	ex := eval.NewException("System.Management.Automation.ItemNotFoundException", fmt.Sprintf("Cannot find path '%s' because it does not exist.", p))
	return c.NewError(ex, "PathNotFound", eval.ObjectNotFound, p)
}

// sessionPathExists answers Test-Path for a session-drive path.
func sessionPathExists(c *eval.Call, p string) (exists, handled bool) {
	drive, name, ok := eval.SessionDrive(p)
	if !ok {
		return false, false
	}
	return c.SessionItemExists(drive, name), true
}

// removeSessionItem removes what a session-drive path names.
func removeSessionItem(c *eval.Call, p string) (handled bool, err error) {
	drive, name, ok := eval.SessionDrive(p)
	if !ok {
		return false, nil
	}
	ok, err = c.ShouldProcess(p, "Remove Item")
	if err != nil || !ok {
		return true, err
	}
	found, err := c.RemoveSessionItem(drive, name, c.Switch("Force"))
	if err != nil {
		return true, c.WriteError(c.NewError(eval.RuntimeException(err.Error()), "RemoveItemFailed", eval.InvalidOperation, p))
	}
	if !found {
		return true, c.WriteError(sessionItemNotFound(c, p))
	}
	return true, nil
}
