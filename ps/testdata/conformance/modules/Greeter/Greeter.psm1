# A script module: its variables are its own, its functions see them.
$script:greeting = 'Hello'
$callCount = 0

function Get-Greeting {
    param([string]$Name = 'world')
    $script:callCount++
    "$greeting, $Name! (call $script:callCount)"
}

function Get-Secret { 'hidden helper' }

function Set-Greeting([string]$Text) { $script:greeting = $Text }

Set-Alias -Name gg -Value Get-Greeting
$ExportedVar = 'exported value'
Export-ModuleMember -Function Get-Greeting, Set-Greeting -Alias gg -Variable ExportedVar
