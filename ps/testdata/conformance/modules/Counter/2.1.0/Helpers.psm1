function Get-HelperValue { 'helper' }
function Get-HelpText { 'help text' }
