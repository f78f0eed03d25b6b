$vms = @(
  [pscustomobject]@{ Name = 'web01'; Cpu = 2; Tags = @('a','b') }
  [pscustomobject]@{ Name = 'db01'; Cpu = 4; Tags = @('c') }
)
$vms.Name -join ','
$vms.Cpu -join '+'
$vms.Tags -join ','
$vms.Count
$vms.Name.ToUpper() -join ','
@('a','bb').Length
@('a','bb').ForEach('Length') -join ','
