try { throw 'boom' } catch {
  "caught: $_"
  $_.Exception.Message
  $_.FullyQualifiedErrorId
  $_.CategoryInfo.Category
  $_.CategoryInfo.ToString()
  $_.TargetObject
  $_.Exception.GetType().FullName
  $_.Exception.WasThrownFromThrowStatement
  $_ -is [System.Management.Automation.ErrorRecord]
  $PSItem.Exception.Message
}
