package builtin

import "github.com/keyhost/keyhost/ps/eval"

// objectCmdlets are PowerShell's cmdlets for objects: Select-Object, Sort-Object, Group-Object, Measure-Object, Compare-Object, Tee-Object, New-Object, Add-Member, Get-Member.
var objectCmdlets = []func() *eval.CommandInfo{
	selectObject, sortObject, groupObject, measureObject, compareObject, teeObject, selectString,
	newObject, addMember, getMember,
}
