try { Export-ModuleMember -Function x } catch { $_.FullyQualifiedErrorId }
try { Import-Module ./lib/Bad.psd1 -ErrorAction Stop } catch { 'invalid manifest rejected' }
