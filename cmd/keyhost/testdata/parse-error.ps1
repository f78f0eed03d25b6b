foreach ($vm in Get-VM) {
    if ($vm.ExtensionData.Config.KeyId {
        echo $vm.name
    }
}
