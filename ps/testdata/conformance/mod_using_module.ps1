# using module imports the module before the script runs.
using module Greeter
using module VMware.PowerCLI

Get-Greeting -Name using
(Get-Module | Sort-Object Name).Name -join ','
