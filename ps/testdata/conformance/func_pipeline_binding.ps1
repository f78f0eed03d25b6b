function By-Value {
  [CmdletBinding()]
  param([Parameter(ValueFromPipeline)][int]$Number)
  process { $Number * 10 }
}
1, 2 | By-Value
function By-Name {
  [CmdletBinding()]
  param(
    [Parameter(ValueFromPipelineByPropertyName)][string]$Name,
    [Parameter(ValueFromPipelineByPropertyName)][Alias('Size')][int]$Capacity
  )
  process { "$Name=$Capacity" }
}
[pscustomobject]@{ Name = 'a'; Capacity = 1 }, [pscustomobject]@{ Name = 'b'; Size = 2 } | By-Name
@{ Name = 'h' } | By-Name
