function Loose { try { "[$nothing]" } catch { 'loose inherits strict' } }
function Strict { Set-StrictMode -Version Latest; try { $nothing } catch { 'strict inside' }; Loose }
Strict
"[$nothing] outside still loose"
Set-StrictMode -Version Latest
Set-StrictMode -Off
"[$nothing] off again"
