try { [scriptblock]::Create('if (') } catch { $_.Exception.GetType().Name }
$sb = [scriptblock]::Create('"made: $args"')
& $sb x y
$sb.GetType().Name
