function Get-Count { "count v2 via $(Get-HelperValue)" }
function Get-Internal { 'internal' }
