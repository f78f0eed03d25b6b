$vm = Get-VM -Name web01
Set-VMEncryption -VM $vm -KeyProvider NKP-Secondary
