# The vSAN FAQ snippet as the PDF wraps it: -ErrorAction loses its value to
# the next line. PowerShell rejects this, and so must keyhost.
$keyprovider = Get-KeyProvider -Name NKP-Secondary
foreach ($cluster in Get-Cluster) {
    $clusterinfo = Get-VsanClusterConfiguration -Cluster $cluster
    if ($clusterinfo.EncryptionEnabled) {
        Start-VsanEncryptionConfiguration -Cluster $cluster -KeyProvider $keyprovider -Confirm:$false -ErrorAction
Stop | Out-Null
    }
}
