$e = [System.InvalidOperationException]::new('bad state')
$e.Message
$e.GetType().FullName
$e -is [System.SystemException]
$e -is [System.Exception]
$a = [System.ArgumentOutOfRangeException]::new('count', 'must be positive')
$a.Message
$a.ParamName
$n = New-Object System.Exception 'made by New-Object'
$n.Message
[System.Management.Automation.ItemNotFoundException]::new('missing') -is [System.Management.Automation.RuntimeException]
try { throw [System.Management.Automation.ItemNotFoundException]::new('no item') } catch [System.Management.Automation.SessionStateException] { 'session state' }
