# Keyhost.PowerCLI: PowerCLI's cmdlets in pwsh 7, served by keyhost.
#
# The module speaks JSON-RPC 2.0 (keyhost's protocol: server/PROTOCOL.md)
# to a keyhost server, one JSON object per line:
#
#   - $env:KEYHOST_SERVER unset: it starts `keyhost serve --listen stdio`
#     ($env:KEYHOST_EXE, default keyhost on PATH; $env:KEYHOST_STATE is
#     passed as --state) and talks on the child's stdin and stdout;
#   - $env:KEYHOST_SERVER = 'unix:/path/to/socket' or 'tcp:HOST:PORT':
#     it connects there ($env:KEYHOST_TOKEN, or the file
#     $env:KEYHOST_TOKEN_FILE names, is the bearer token a TCP server
#     needs);
#   - when the command Send-KeyhostRpcMessage exists (keyhost's own
#     interpreter provides it to run this module in its tests), messages go
#     through it.
#
# It asks the server for its cmdlets (cmdlet.list) and defines a function
# for each with the same parameters and parameter sets. A function sends
# its bound parameters (and each pipeline object) to cmdlet.invoke and
# writes back what the cmdlet wrote: objects, errors, warnings, host text.
#
# This file sticks to the PowerShell that both pwsh 7 and keyhost's
# interpreter accept; the .NET calls of the socket and process transports
# run only under pwsh.

$script:KeyhostState = @{
    Mode    = $null   # 'command', 'process' or 'socket'
    Reader  = $null
    Writer  = $null
    Process = $null
    Client  = $null
    NextId  = 0
    Cmdlets = @{}     # name -> cmdlet.list entry
}

# Common parameters: pwsh adds them to every advanced function, so the
# generated functions must not declare them. Those that only concern the
# caller's side are not forwarded.
$script:KeyhostCommonParameters = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction',
    'ProgressAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer',
    'PipelineVariable', 'WhatIf', 'Confirm')
$script:KeyhostLocalParameters = @('ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable',
    'OutBuffer', 'PipelineVariable', 'InformationAction', 'ProgressAction')

#region Transport

function Send-KeyhostLine {
    # Sends one JSON-RPC message and returns the server's response line.
    param([Parameter(Mandatory = $true)][string]$Line)
    $state = $script:KeyhostState
    if ($state.Mode -eq 'command') {
        return (Send-KeyhostRpcMessage -Message $Line)
    }
    $state.Writer.WriteLine($Line)
    $state.Writer.Flush()
    $response = $state.Reader.ReadLine()
    if ($null -eq $response) {
        throw 'keyhost: the server closed the connection.'
    }
    return $response
}

function Open-KeyhostProcess {
    # Starts keyhost serve on stdio, as a child process.
    param([string]$Keyhost, [string]$State)
    $psi = [System.Diagnostics.ProcessStartInfo]::new()
    $psi.FileName = $Keyhost
    $psi.ArgumentList.Add('serve')
    $psi.ArgumentList.Add('--listen')
    $psi.ArgumentList.Add('stdio')
    if ($State) {
        $psi.ArgumentList.Add('--state')
        $psi.ArgumentList.Add($State)
    }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.StandardOutputEncoding = [System.Text.UTF8Encoding]::new($false)
    $psi.StandardInputEncoding = [System.Text.UTF8Encoding]::new($false)
    $proc = [System.Diagnostics.Process]::Start($psi)
    $proc.StandardInput.AutoFlush = $true
    $proc.StandardInput.NewLine = "`n"
    $script:KeyhostState.Process = $proc
    $script:KeyhostState.Reader = $proc.StandardOutput
    $script:KeyhostState.Writer = $proc.StandardInput
    $script:KeyhostState.Mode = 'process'
}

function Open-KeyhostSocket {
    # Connects to a server listening on unix:PATH or tcp:HOST:PORT.
    param([string]$Server)
    if ($Server.StartsWith('unix:')) {
        $socket = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::Unix,
            [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Unspecified)
        $socket.Connect([System.Net.Sockets.UnixDomainSocketEndPoint]::new($Server.Substring(5)))
        $stream = [System.Net.Sockets.NetworkStream]::new($socket, $true)
        $script:KeyhostState.Client = $socket
    } elseif ($Server.StartsWith('tcp:')) {
        $hostPort = $Server.Substring(4)
        $i = $hostPort.LastIndexOf(':')
        $address = $hostPort.Substring(0, $i).Trim('[', ']')
        $client = [System.Net.Sockets.TcpClient]::new($address, [int]$hostPort.Substring($i + 1))
        $stream = $client.GetStream()
        $script:KeyhostState.Client = $client
    } else {
        throw "keyhost: KEYHOST_SERVER must be unix:PATH or tcp:HOST:PORT, not '$Server'."
    }
    $encoding = [System.Text.UTF8Encoding]::new($false)
    $writer = [System.IO.StreamWriter]::new($stream, $encoding)
    $writer.AutoFlush = $true
    $writer.NewLine = "`n"
    $script:KeyhostState.Reader = [System.IO.StreamReader]::new($stream, $encoding)
    $script:KeyhostState.Writer = $writer
    $script:KeyhostState.Mode = 'socket'
}

function Connect-KeyhostServer {
    <#
    .SYNOPSIS
    Connects the module to a keyhost server (Import-Module does this).
    .DESCRIPTION
    With no -Server (and no $env:KEYHOST_SERVER) it starts keyhost serve
    --listen stdio. -Server unix:PATH or tcp:HOST:PORT connects to a
    running server; -Token is the bearer token a TCP server requires.
    #>
    [CmdletBinding()]
    param(
        [string]$Server = $env:KEYHOST_SERVER,
        [string]$Token = $env:KEYHOST_TOKEN,
        [string]$Keyhost = $env:KEYHOST_EXE,
        [string]$State = $env:KEYHOST_STATE
    )
    Disconnect-KeyhostServer
    if (-not $Token -and $env:KEYHOST_TOKEN_FILE) {
        $Token = (Get-Content -Path $env:KEYHOST_TOKEN_FILE -Raw).Trim()
    }
    if (Get-Command -Name 'Send-KeyhostRpcMessage' -ErrorAction SilentlyContinue) {
        $script:KeyhostState.Mode = 'command'
    } elseif ($Server) {
        Open-KeyhostSocket -Server $Server
    } else {
        if (-not $Keyhost) { $Keyhost = 'keyhost' }
        Open-KeyhostProcess -Keyhost $Keyhost -State $State
    }
    $hello = @{ client = 'Keyhost.PowerCLI'; protocolVersion = '1.0' }
    if ($Token) { $hello.token = $Token }
    $info = Invoke-KeyhostRpc -Method 'keyhost.hello' -Params $hello
    if (-not ([string]$info.protocolVersion).StartsWith('1.')) {
        throw "keyhost: the server speaks protocol $($info.protocolVersion); this module speaks 1.x."
    }
    $info
}

function Disconnect-KeyhostServer {
    <#
    .SYNOPSIS
    Closes the connection to the keyhost server; a server this module
    started saves its state and exits.
    #>
    [CmdletBinding()]
    param()
    $state = $script:KeyhostState
    if ($state.Mode -eq 'process' -or $state.Mode -eq 'socket') {
        try { $state.Writer.Dispose() } catch { }
        if ($state.Process) {
            try { $null = $state.Process.WaitForExit(30000) } catch { }
        }
        if ($state.Client) {
            try { $state.Client.Dispose() } catch { }
        }
    }
    $state.Mode = $null
    $state.Reader = $null
    $state.Writer = $null
    $state.Process = $null
    $state.Client = $null
}

function Invoke-KeyhostRpc {
    <#
    .SYNOPSIS
    Calls a method of the keyhost server and returns its result.
    .EXAMPLE
    Invoke-KeyhostRpc -Method 'script.run' -Params @{ script = 'Get-VM | Measure-Object' }
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$Method,
        [Parameter(Position = 1)]$Params
    )
    $state = $script:KeyhostState
    if (-not $state.Mode) {
        $null = Connect-KeyhostServer
    }
    $state.NextId = $state.NextId + 1
    $request = [ordered]@{ jsonrpc = '2.0'; id = $state.NextId; method = $Method }
    if ($null -ne $Params) { $request.params = $Params }
    $line = ConvertTo-Json -InputObject $request -Depth 64 -Compress
    $response = ConvertFrom-Json -InputObject (Send-KeyhostLine -Line $line)
    if ($null -ne $response.error) {
        throw "keyhost: $($response.error.message) (JSON-RPC error $($response.error.code))"
    }
    return $response.result
}

#endregion

#region Values

function ConvertTo-KeyhostWire {
    # Turns a parameter value or pipeline object into what the protocol
    # takes: objects that came from the server go back as {"$ref": ...},
    # SecureStrings as {"$type": ..., "$plain": ...}.
    param($Value, [int]$Depth = 0)
    if ($null -eq $Value) { return $null }
    if ($Depth -gt 32) { return [string]$Value }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return $Value.IsPresent }
    if ($Value -is [string] -or $Value -is [bool]) { return $Value }
    if ($Value -is [datetime]) { return $Value.ToString('o') }
    if ($Value -is [enum]) { return $Value.ToString() }
    if ($Value -is [ValueType]) { return $Value }
    if ($Value -is [System.Security.SecureString]) {
        return @{ '$type' = 'System.Security.SecureString'; '$plain' = [pscredential]::new('keyhost', $Value).GetNetworkCredential().Password }
    }
    $ref = $Value.PSObject.Properties['$ref']
    if ($null -ne $ref -and $ref.Value) {
        return @{ '$ref' = [string]$ref.Value }
    }
    if ($Value -is [System.Collections.IDictionary]) {
        $table = [ordered]@{ '$type' = 'System.Collections.Hashtable' }
        foreach ($key in $Value.Keys) {
            $table[[string]$key] = ConvertTo-KeyhostWire -Value $Value[$key] -Depth ($Depth + 1)
        }
        return $table
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $items = [System.Collections.Generic.List[object]]::new()
        foreach ($item in $Value) {
            $items.Add((ConvertTo-KeyhostWire -Value $item -Depth ($Depth + 1)))
        }
        return , $items.ToArray()
    }
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $table = [ordered]@{}
        foreach ($p in $Value.PSObject.Properties) {
            if ($p.MemberType -eq 'NoteProperty' -and -not $p.Name.StartsWith('$')) {
                $table[$p.Name] = ConvertTo-KeyhostWire -Value $p.Value -Depth ($Depth + 1)
            }
        }
        return $table
    }
    return [string]$Value
}

function ConvertFrom-KeyhostWire {
    # Turns a value from the server into PowerShell objects: an object
    # with "$type" becomes a PSCustomObject with the PowerCLI type names in
    # PSTypeNames, its string form (a VM's name) as ToString, and
    # ExtensionData (sent lazily) fetched on first read. "$ref" stays: it
    # is how the object goes back to the server as a parameter.
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [array]) {
        $items = [System.Collections.Generic.List[object]]::new()
        foreach ($item in $Value) {
            $items.Add((ConvertFrom-KeyhostWire -Value $item))
        }
        return , $items.ToArray()
    }
    if (-not ($Value -is [System.Management.Automation.PSCustomObject])) { return $Value }
    $props = $Value.PSObject.Properties
    foreach ($p in @($props)) {
        $v = $p.Value
        if ($null -ne $v -and -not $p.Name.StartsWith('$') -and ($v -is [array] -or $v -is [System.Management.Automation.PSCustomObject])) {
            $p.Value = ConvertFrom-KeyhostWire -Value $v
        }
    }
    $typeProp = $props['$type']
    if ($null -eq $typeProp) { return $Value }
    $types = @($typeProp.Value)
    $typesProp = $props['$types']
    if ($null -ne $typesProp) { $types = @($typesProp.Value) }
    for ($i = $types.Count - 1; $i -ge 0; $i--) {
        $Value.PSObject.TypeNames.Insert(0, [string]$types[$i])
    }
    $stringProp = $props['$string']
    if ($null -ne $stringProp) {
        $text = [string]$stringProp.Value
        Add-Member -InputObject $Value -MemberType ScriptMethod -Name ToString -Value { $text }.GetNewClosure() -Force
    }
    $refProp = $props['$ref']
    $lazyProp = $props['$lazy']
    if ($null -ne $lazyProp -and $null -ne $refProp) {
        foreach ($name in @($lazyProp.Value)) {
            Add-KeyhostLazyProperty -Object $Value -Ref ([string]$refProp.Value) -Name ([string]$name)
        }
    }
    foreach ($meta in @('$type', '$types', '$string', '$lazy', '$stub')) {
        if ($null -ne $props[$meta]) { $props.Remove($meta) }
    }
    return $Value
}

function Add-KeyhostLazyProperty {
    # Adds a property fetched from the server on first read (object.get),
    # then kept: PowerCLI's ExtensionData is a snapshot too.
    param($Object, [string]$Ref, [string]$Name)
    $cache = @{}
    $getter = {
        if (-not $cache.ContainsKey('value')) {
            $cache['value'] = Get-KeyhostObjectProperty -Ref $Ref -Name $Name
        }
        $cache['value']
    }.GetNewClosure()
    Add-Member -InputObject $Object -MemberType ScriptProperty -Name $Name -Value $getter -Force
}

function Get-KeyhostObjectProperty {
    <#
    .SYNOPSIS
    Fetches a property of a served object by reference (object.get), such
    as the ExtensionData view of a VM.
    .EXAMPLE
    Get-KeyhostObjectProperty -Ref 'VirtualMachine-vm-101' -Name ExtensionData
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][string]$Ref, [string]$Name)
    $params = @{ ref = $Ref }
    if ($Name) { $params.property = $Name }
    $result = Invoke-KeyhostRpc -Method 'object.get' -Params $params
    ConvertFrom-KeyhostWire -Value $result.value
}

function New-KeyhostErrorRecord {
    # Rebuilds an error record from the protocol's error shape.
    param($WireError)
    $exception = [System.Exception]::new([string]$WireError.message)
    $category = [System.Management.Automation.ErrorCategory]::NotSpecified
    try { $category = [System.Management.Automation.ErrorCategory]([string]$WireError.category) } catch { }
    [System.Management.Automation.ErrorRecord]::new($exception, [string]$WireError.fullyQualifiedErrorId, $category, $WireError.targetName)
}

#endregion

#region Cmdlet functions

function Invoke-KeyhostProxy {
    # The body of every generated function: forwards one invocation (or
    # one pipeline object) to cmdlet.invoke. It writes nothing itself; it
    # returns what the function must write, so that errors are the
    # function's own (its -ErrorAction applies, a terminating error ends
    # it and not this helper).
    param([string]$Name, $Cmdlet, $Bound, $BeginKeys, $PipelineObject)
    $out = @{ Output = @(); Errors = @(); Warnings = @(); Host = ''; Terminating = $null }
    try {
        $info = $script:KeyhostState.Cmdlets[$Name]
        $fromPipeline = $false
        foreach ($key in $Bound.Keys) {
            if ($BeginKeys -notcontains $key) { $fromPipeline = $true }
        }
        $parameters = [ordered]@{}
        foreach ($key in $Bound.Keys) {
            if ($fromPipeline -and $BeginKeys -notcontains $key) { continue }
            if ($script:KeyhostLocalParameters -contains $key) { continue }
            $value = $Bound[$key]
            if ($key -eq 'ErrorAction') {
                # Only Stop changes what the cmdlet does (it stops at the
                # first error); the other preferences apply here, when the
                # errors are written.
                if ([string]$value -ne 'Stop') { continue }
            }
            $parameters[$key] = ConvertTo-KeyhostWire -Value $value
        }
        if ($info.supportsShouldProcess -and -not ($Bound.ContainsKey('WhatIf') -and $Bound['WhatIf'])) {
            # The server has no console to prompt on: confirm here, as
            # the cmdlet would, then tell the server not to ask.
            $target = $Name
            if ($fromPipeline) { $target = [string]$PipelineObject }
            else {
                foreach ($p in $info.parameters) {
                    if ($Bound.ContainsKey($p.name) -and (@($p.sets | Where-Object { $_.position -eq 0 }).Count -gt 0)) {
                        $target = (@($Bound[$p.name]) | ForEach-Object { [string]$_ }) -join ', '
                        break
                    }
                }
            }
            if (-not $Cmdlet.ShouldProcess($target, $Name)) {
                return $out
            }
            $parameters['Confirm'] = $false
        }
        $request = @{ name = $Name; parameters = $parameters }
        if ($fromPipeline) {
            $request.input = @(, (ConvertTo-KeyhostWire -Value $PipelineObject))
        }
        $result = Invoke-KeyhostRpc -Method 'cmdlet.invoke' -Params $request
        $out.Host = [string]$result.host
        $out.Warnings = @($result.warnings)
        $errors = [System.Collections.Generic.List[object]]::new()
        foreach ($e in @($result.errors)) {
            if ($null -eq $e) { continue }
            if ($e.terminating) { $out.Terminating = New-KeyhostErrorRecord -WireError $e }
            else { $errors.Add((New-KeyhostErrorRecord -WireError $e)) }
        }
        $out.Errors = $errors.ToArray()
        $objects = [System.Collections.Generic.List[object]]::new()
        foreach ($o in @($result.output)) {
            $objects.Add((ConvertFrom-KeyhostWire -Value $o))
        }
        $out.Output = $objects.ToArray()
        if ($Name -eq 'Connect-VIServer' -or $Name -eq 'Disconnect-VIServer') {
            Update-KeyhostServerVariable
        }
    } catch {
        $out.Terminating = $_
    }
    return $out
}

function Update-KeyhostServerVariable {
    # $global:DefaultVIServer and $global:DefaultVIServers mirror the
    # server session's connections, as PowerCLI sets them.
    $result = Invoke-KeyhostRpc -Method 'script.run' -Params @{ script = '$global:DefaultVIServers' }
    $servers = [System.Collections.Generic.List[object]]::new()
    foreach ($o in @($result.output)) {
        if ($null -ne $o) { $servers.Add((ConvertFrom-KeyhostWire -Value $o)) }
    }
    $global:DefaultVIServers = $servers.ToArray()
    $global:DefaultVIServer = $null
    if ($servers.Count -gt 0) { $global:DefaultVIServer = $servers[$servers.Count - 1] }
}

function ConvertTo-KeyhostLiteral {
    # A single-quoted PowerShell string literal.
    param([string]$Text)
    "'" + $Text.Replace("'", "''") + "'"
}

function New-KeyhostFunctionText {
    # The text of the function standing for one cmdlet of cmdlet.list.
    param($Info)
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add("function $($Info.name) {")
    if ($Info.synopsis) {
        $lines.Add('    <#')
        $lines.Add('    .SYNOPSIS')
        $lines.Add('    ' + ([string]$Info.synopsis).Replace('#>', '# >'))
        $lines.Add('    .DESCRIPTION')
        $lines.Add("    $($Info.name), served by keyhost ($($Info.module)).")
        $lines.Add('    #>')
    }
    $binding = @()
    if ($Info.defaultParameterSet -and $Info.defaultParameterSet -ne '__AllParameterSets') {
        $binding += 'DefaultParameterSetName = ' + (ConvertTo-KeyhostLiteral -Text $Info.defaultParameterSet)
    }
    if ($Info.supportsShouldProcess) {
        $binding += 'SupportsShouldProcess = $true'
        $binding += 'ConfirmImpact = ' + (ConvertTo-KeyhostLiteral -Text $Info.confirmImpact)
    }
    $lines.Add("    [CmdletBinding($($binding -join ', '))]")
    $lines.Add('    param(')
    $params = [System.Collections.Generic.List[string]]::new()
    foreach ($p in $Info.parameters) {
        if ($script:KeyhostCommonParameters -contains $p.name) { continue }
        if (-not ($p.name -match '^[A-Za-z_][A-Za-z0-9_]*$')) { continue }
        $text = [System.Collections.Generic.List[string]]::new()
        foreach ($s in $p.sets) {
            $parts = @()
            if ($s.name -ne '__AllParameterSets') { $parts += 'ParameterSetName = ' + (ConvertTo-KeyhostLiteral -Text $s.name) }
            if ($s.mandatory) { $parts += 'Mandatory = $true' }
            if ($s.position -ge 0) { $parts += "Position = $($s.position)" }
            if ($s.valueFromPipeline) { $parts += 'ValueFromPipeline = $true' }
            if ($s.valueFromPipelineByPropertyName) { $parts += 'ValueFromPipelineByPropertyName = $true' }
            if ($p.valueFromRemainingArguments) { $parts += 'ValueFromRemainingArguments = $true' }
            $text.Add("        [Parameter($($parts -join ', '))]")
        }
        if ($p.aliases) {
            $aliases = @($p.aliases | ForEach-Object { ConvertTo-KeyhostLiteral -Text $_ })
            $text.Add("        [Alias($($aliases -join ', '))]")
        }
        # Values go to the server as they are; it converts them to the
        # cmdlet's types (PowerCLI's types do not exist in pwsh).
        if ($p.switch) { $text.Add("        [switch]`$$($p.name)") }
        else { $text.Add("        `$$($p.name)") }
        $params.Add(($text -join "`n"))
    }
    $lines.Add(($params -join ",`n"))
    $lines.Add('    )')
    $name = ConvertTo-KeyhostLiteral -Text $Info.name
    $lines.Add('    begin { $keyhostBegin = @($PSBoundParameters.Keys) }')
    $lines.Add('    process {')
    $lines.Add("        `$keyhostResult = Invoke-KeyhostProxy -Name $name -Cmdlet `$PSCmdlet -Bound `$PSBoundParameters -BeginKeys `$keyhostBegin -PipelineObject `$_")
    $lines.Add('        if ($keyhostResult.Host) { Write-Host -NoNewline $keyhostResult.Host }')
    $lines.Add('        foreach ($keyhostWarning in $keyhostResult.Warnings) { $PSCmdlet.WriteWarning($keyhostWarning) }')
    $lines.Add('        foreach ($keyhostError in $keyhostResult.Errors) { $PSCmdlet.WriteError($keyhostError) }')
    $lines.Add('        if ($null -ne $keyhostResult.Terminating) { $PSCmdlet.ThrowTerminatingError($keyhostResult.Terminating) }')
    $lines.Add('        $keyhostResult.Output')
    $lines.Add('    }')
    $lines.Add('}')
    $lines -join "`n"
}

function Get-KeyhostCmdletText {
    # The definitions of the functions standing for the server's cmdlets.
    $list = Invoke-KeyhostRpc -Method 'cmdlet.list'
    $script:KeyhostState.Cmdlets = @{}
    $texts = [System.Collections.Generic.List[string]]::new()
    foreach ($c in @($list.cmdlets)) {
        if (-not ($c.name -match '^[A-Za-z]+-[A-Za-z0-9]+$')) { continue }
        $script:KeyhostState.Cmdlets[$c.name] = $c
        $texts.Add((New-KeyhostFunctionText -Info $c))
    }
    $texts -join "`n`n"
}

#endregion

# Connect and define the cmdlet functions as the module loads; the
# definitions are dot-sourced here, at the module's top level, so they
# belong to the module.
$null = Connect-KeyhostServer
. ([scriptblock]::Create((Get-KeyhostCmdletText)))
Update-KeyhostServerVariable

# Remove-Module closes the connection: a server the module started then
# saves its state and exits (so does pwsh's exit, which closes its stdin).
# (keyhost's own interpreter has no PSModuleInfo here, and no need.)
$keyhostModule = $ExecutionContext.SessionState.Module
if ($null -ne $keyhostModule) {
    $keyhostModule.OnRemove = { Disconnect-KeyhostServer }
}

Export-ModuleMember -Function (@($script:KeyhostState.Cmdlets.Keys) + @(
        'Connect-KeyhostServer', 'Disconnect-KeyhostServer', 'Invoke-KeyhostRpc', 'Get-KeyhostObjectProperty'))
