# Checks hosts and datastores of every cluster and prints a colour-coded table.
param([string[]]$ClusterName = '*', [double]$WarnPercent = 80.0, [double]$CritPercent = 90)

filter Select-Critical { if ($_.UsedPercent -ge $CritPercent) { $_ } }

function Get-UsageColor([double]$Percent) {
    switch ($Percent) {
        { $_ -ge $CritPercent } { return 'Red' }
        { $_ -ge $WarnPercent } { return 'Yellow' }
        default { return 'Green' }
    }
}

$results = [System.Collections.ArrayList]@()
foreach ($cl in Get-Cluster -Name $ClusterName) {
    foreach ($ds in $cl | Get-Datastore) {
        $used = $ds.CapacityGB - $ds.FreeSpaceGB
        $pct = if ($ds.CapacityGB) { $used / $ds.CapacityGB * 100 } else { 0 }
        [void]$results.Add([pscustomobject]@{
                Cluster     = $cl.Name
                Datastore   = $ds.Name
                UsedPercent = [math]::Round($pct, 1)
                Type        = $ds.Type
            })
    }

    $hosts = Get-VMHost -Location $cl
    $states = $hosts | Group-Object -Property ConnectionState -NoElement
    foreach ($s in $states) {
        $msg = switch -Wildcard ($s.Name) {
            'Connected' { "$($s.Count) host(s) connected" }
            'Maint*' { "$($s.Count) host(s) in maintenance" }
            default { "$($s.Count) host(s) $($s.Name.ToLower())" }
        }
        Write-Host ("[{0}] {1}" -f $cl.Name, $msg)
    }
}

$results
    | Sort-Object -Property @{ Expression = 'UsedPercent'; Descending = $true }, Datastore
    # show the worst first
    | ForEach-Object {
        $color = Get-UsageColor $_.UsedPercent
        Write-Host ('{0,-20} {1,-30} {2,6:N1}%' -f $_.Cluster, $_.Datastore, $_.UsedPercent) -ForegroundColor $color
    }

$critical = @($results | Select-Critical)
$names = $critical.ForEach({ $_.Datastore }) -join ', '
$summary = $critical.Count -eq 0 ? 'no datastore is critical' : "critical: $names"
Write-Host "Summary: $summary"

# Regex switch over log lines, with $Matches.
$log = Get-Content -Path "$env:TEMP/vpxd.log" -ErrorAction SilentlyContinue ?? @()
$errors = 0
switch -Regex ($log) {
    '^(?<time>\S+) error (?<msg>.+)$' {
        $errors++
        if ($errors -gt 10) { break }
        Write-Warning "$($Matches.time): $($Matches['msg'])"
    }
    'warning' { continue }
}

$i = 0
while ($true) {
    if (++$i -gt 3) { break }
    $hostsDown = @(Get-VMHost | Where-Object ConnectionState -ne 'Connected')
    if ($hostsDown.Count -eq 0) { break }
    Start-Sleep 5
}

$bytes = 1.5GB + 512MB
$hex = 0xFF -band 0x0F
$shifted = 1 -shl 4
$ratio = 5 / 2
$items = 1..5 | Where-Object { $_ % 2 } | ForEach-Object { $_ * $_ }
$nested = @{ a = @{ b = @(1, 2, @{ c = 'd' }) } }
$nested.a.b[2].c
$env:KEYHOST_CHECKED = [datetime]::UtcNow.ToString('o')
exit ($critical.Count -gt 0 ? 1 : 0)
