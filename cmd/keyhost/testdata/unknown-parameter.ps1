Set-VM -VM web01 -KeyProvider NKP-Secondary -DeepRekey -Confirm:$false
