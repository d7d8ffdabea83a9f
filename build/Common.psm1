# Small helpers shared by build.ps1 and the modules beside this file.

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked by hand

function Write-Step([string]$Message) { Write-Host "==> $Message" }

function Fail([string]$Message) { throw [System.Exception]::new($Message) }

function Test-IsRoot { return $IsLinux -and ((& id -u) -eq '0') }

# Runs a native command and fails fast on a non-zero exit code.
function Invoke-Native {
    param([Parameter(Mandatory)][string]$Command, [string[]]$Arguments = @())
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        Fail "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
    }
}

# Runs a native command, returns its standard output as one string and fails fast on a non-zero exit code
# (standard error is shown only then).
function Invoke-NativeOutput {
    param([Parameter(Mandatory)][string]$Command, [string[]]$Arguments = @())
    $errFile = [System.IO.Path]::GetTempFileName()
    try {
        $out = & $Command @Arguments 2>$errFile
        $code = $LASTEXITCODE
        if ($code -ne 0) {
            Get-Content -LiteralPath $errFile -ErrorAction SilentlyContinue | ForEach-Object { Write-Host "    $_" }
            Fail "'$Command $($Arguments -join ' ')' failed with exit code $code"
        }
        return (@($out) -join "`n")
    } finally {
        Remove-Item -LiteralPath $errFile -Force -ErrorAction SilentlyContinue
    }
}

# Starts a process with exactly these arguments (PowerShell would expand wildcards such as '*' in
# arguments taken from variables when calling a native command on Unix), inheriting the console,
# and returns its exit code.
function Invoke-ProcessExact([string]$FilePath, [string[]]$Arguments) {
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    $startInfo.UseShellExecute = $false
    $startInfo.WorkingDirectory = (Get-Location).ProviderPath
    foreach ($argument in $Arguments) { $startInfo.ArgumentList.Add($argument) }
    $process = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $process.WaitForExit()
        return $process.ExitCode
    } finally {
        $process.Dispose()
    }
}

function Test-PortOpen([int]$Port) {
    $client = [System.Net.Sockets.TcpClient]::new()
    try {
        $task = $client.ConnectAsync('127.0.0.1', $Port)
        if (-not $task.Wait(500)) { return $false }
        return $client.Connected
    } catch {
        return $false
    } finally {
        $client.Dispose()
    }
}

function Get-ShortHash([string]$Text) {
    $bytes = [System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($Text))
    return ([System.Convert]::ToHexString($bytes)).Substring(0, 10).ToLowerInvariant()
}

function Test-ProcessAlive([int]$ProcessId, [string]$NamePattern = '*') {
    if ($ProcessId -le 0) { return $false }
    $comm = "/proc/$ProcessId/comm"
    if (-not (Test-Path -LiteralPath $comm)) { return $false }
    $name = (Get-Content -LiteralPath $comm -Raw -ErrorAction SilentlyContinue)
    if ($null -eq $name) { return $false }
    return $name.Trim() -like $NamePattern
}

# The start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), or '' when it is gone.
# A pid together with its start time names one process even after the pid is reused.
function Get-ProcessStartTime([int]$ProcessId) {
    $stat = Get-Content -LiteralPath "/proc/$ProcessId/stat" -Raw -ErrorAction SilentlyContinue
    if (-not $stat) { return '' }
    # the command name (field 2) is in parentheses and may contain spaces
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
    return $fields[19]
}

# Who listens on a TCP port on this machine: @{ Pid; Command; Cwd } or $null. Reads /proc/net/tcp{,6}
# for the listening socket's inode and looks for the process holding it (root sees every process).
function Get-PortListener([int]$Port) {
    $portHex = ':{0:X4}' -f $Port
    $inodes = @()
    foreach ($table in '/proc/net/tcp', '/proc/net/tcp6') {
        if (-not (Test-Path -LiteralPath $table)) { continue }
        foreach ($line in (Get-Content -LiteralPath $table | Select-Object -Skip 1)) {
            $cols = $line.Trim() -split '\s+'
            if ($cols.Count -ge 10 -and $cols[1].EndsWith($portHex) -and $cols[3] -eq '0A') { $inodes += $cols[9] }
        }
    }
    if ($inodes.Count -eq 0) { return $null }
    $targets = @($inodes | ForEach-Object { "socket:[$_]" })
    foreach ($procDir in (Get-ChildItem -LiteralPath '/proc' -Directory -ErrorAction SilentlyContinue | Where-Object { $_.Name -match '^\d+$' })) {
        $fds = Get-ChildItem -LiteralPath (Join-Path $procDir.FullName 'fd') -ErrorAction SilentlyContinue
        foreach ($fd in @($fds)) {
            if ($null -ne $fd -and $targets -contains $fd.LinkTarget) {
                $procId = [int]$procDir.Name
                $cmd = (Get-Content -LiteralPath "/proc/$procId/cmdline" -Raw -ErrorAction SilentlyContinue) -replace "`0", ' '
                $cwd = (Get-Item -LiteralPath "/proc/$procId/cwd" -ErrorAction SilentlyContinue).LinkTarget
                return [pscustomobject]@{ Pid = $procId; Command = "$cmd".Trim(); Cwd = "$cwd" -replace ' \(deleted\)$', '' }
            }
        }
    }
    return [pscustomobject]@{ Pid = 0; Command = '(a process this user cannot see)'; Cwd = '' }
}

# Sends a signal and waits up to $Seconds for the process to exit, then sends SIGKILL.
function Stop-ProcessAndWait([int]$ProcessId, [string]$Signal = 'TERM', [int]$Seconds = 15) {
    if (-not (Test-ProcessAlive $ProcessId)) { return }
    & kill "-$Signal" "$ProcessId" 2>$null
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while (Test-ProcessAlive $ProcessId) {
        if ([DateTime]::UtcNow -gt $deadline) {
            Write-Warning "Process $ProcessId did not exit after SIG$Signal within $Seconds s; sending SIGKILL"
            & kill -KILL "$ProcessId" 2>$null
            Start-Sleep -Milliseconds 200
            return
        }
        Start-Sleep -Milliseconds 100
    }
}

Export-ModuleMember -Function *
