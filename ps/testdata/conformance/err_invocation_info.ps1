function Do-Thing {
  throw 'inside'
}
try { Do-Thing } catch {
  $_.InvocationInfo.ScriptLineNumber
  $_.InvocationInfo.Line
  $_.InvocationInfo.ScriptName
  $_.InvocationInfo.PositionMessage
  $_.ScriptStackTrace
}
