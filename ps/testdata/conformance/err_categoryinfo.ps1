try { [int]'q' } catch {
  $ci = $_.CategoryInfo
  $ci.Category
  $ci.Reason
  $ci.TargetName
  $ci.TargetType
  $ci.GetType().Name
}
try { Get-Variable nope -ErrorAction Stop } catch { $_.CategoryInfo.ToString() }
