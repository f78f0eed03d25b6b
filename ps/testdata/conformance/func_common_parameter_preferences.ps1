function Show-Prefs {
  [CmdletBinding()]
  param()
  "EA=$ErrorActionPreference V=$VerbosePreference"
  Write-Verbose 'verbose text'
}
Show-Prefs
Show-Prefs -ErrorAction Stop -Verbose
"outside EA=$ErrorActionPreference"
