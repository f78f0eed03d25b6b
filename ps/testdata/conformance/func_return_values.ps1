function Multi { 'a'; 'b'; return }
$r = Multi
$r.GetType().Name
function Pollute { $list = [System.Collections.ArrayList]::new(); $list.Add('x'); 'result' }
(Pollute) -join ','
function Clean { $list = [System.Collections.ArrayList]::new(); [void]$list.Add('x'); $null = $list.Add('y'); $list.Add('z') | Out-Null; 'result' }
Clean
function Arr { return @(1) }
(Arr).GetType().Name
function ArrKeep { return ,@(1) }
(ArrKeep).GetType().Name
