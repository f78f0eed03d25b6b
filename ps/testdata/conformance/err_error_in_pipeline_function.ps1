function Check {
  [CmdletBinding()]
  param([Parameter(ValueFromPipeline)][int]$N)
  process {
    if ($N -eq 2) { $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([Exception]::new("bad $N"), 'Bad', 'InvalidData', $N)) ; return }
    "ok $N"
  }
}
1..3 | Check -ErrorVariable errs 2>$null
$errs.Count
$errs[0].TargetObject
