function Get-Count { 'count v1' }
