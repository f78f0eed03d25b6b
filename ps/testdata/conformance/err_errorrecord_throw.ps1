$er = [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new('custom'), 'MyId', [System.Management.Automation.ErrorCategory]::InvalidOperation, 'tgt')
try { throw $er } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.TargetObject; $_.Exception.Message; $_.CategoryInfo.TargetName }
