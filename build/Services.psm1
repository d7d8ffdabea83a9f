# The private PostgreSQL 15 and Redis of one checkout, and the Debian packages the build needs.
#
# Data lives in .services/ at the repo root (git-ignored). When running as root and the 'postgres' OS user
# cannot reach the repo folder (e.g. it is under /root), or the socket path would be too long, the Postgres
# cluster goes to /tmp/leads-services-<hash of repo path>/postgres instead (recorded in .services/postgres-location).
#
# Ownership: every start records who started the service in .services/<service>.owner ("manual" for
# `services start`, else the pid and start time of the build.ps1 run). A later run reuses a service that was
# started by hand or by a run that is still alive; a leftover of a run that died (Ctrl+C at the wrong time,
# kill -9, a crashed CI job) is stopped and started again, also when its pid file or data folder is gone, as
# long as the process on the port works in this checkout's folder. Only a foreign process on the port fails.

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked by hand

Import-Module (Join-Path $PSScriptRoot 'Common.psm1')

$RepoRoot = Split-Path -Parent $PSScriptRoot
$ServicesDir = Join-Path $RepoRoot '.services'
$PgPort = 55432
$RedisPort = 56379
$IsRoot = Test-IsRoot

# Services this invocation started or adopted (and so must stop again).
$script:Started = [System.Collections.Generic.List[string]]::new()

function Get-ServiceEndpoints {
    [pscustomobject]@{
        PgPort = $PgPort
        RedisPort = $RedisPort
        PostgresConnectionString = "Host=127.0.0.1;Port=$PgPort;Database=leads;Username=postgres;Pooling=true;Maximum Pool Size=200"
        RedisConnectionString = "127.0.0.1:$RedisPort"
    }
}

# ---------------------------------------------------------------------------------------------
# packages

function Find-PostgresBinDir {
    $preferred = '/usr/lib/postgresql/15/bin'
    if (Test-Path -LiteralPath (Join-Path $preferred 'pg_ctl')) { return $preferred }
    $candidates = @(Get-ChildItem -Path '/usr/lib/postgresql/*/bin/pg_ctl' -ErrorAction SilentlyContinue |
        Sort-Object { [int]($_.Directory.Parent.Name -replace '\D', '0') } -Descending)
    if ($candidates.Count -gt 0) { return $candidates[0].DirectoryName }
    $onPath = Get-Command pg_ctl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath -and (Get-Command initdb -CommandType Application -ErrorAction SilentlyContinue)) {
        return (Split-Path -Parent $onPath.Source)
    }
    return $null
}

function Find-Application([string]$Name, [string[]]$Paths = @()) {
    foreach ($path in $Paths) { if (Test-Path -LiteralPath $path) { return $path } }
    $cmd = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($cmd) { return $cmd.Source }
    return $null
}

function Find-RedisServer { Find-Application 'redis-server' }

function Find-RedisCli { Find-Application 'redis-cli' }

# The Debian packages of the build, each with how to tell that it is installed and who needs it.
$Packages = [ordered]@{
    'postgresql' = @{ Found = { [bool](Find-PostgresBinDir) }; For = 'the private Postgres (tests, run, bench)' }
    'redis-server' = @{ Found = { [bool](Find-RedisServer) -and [bool](Find-RedisCli) }; For = 'the private Redis (tests, run, bench)' }
    'nginx' = @{ Found = { [bool](Find-Application 'nginx' @('/usr/sbin/nginx')) }; For = 'the shared-cache tests' }
    'wrk' = @{ Found = { [bool](Find-Application 'wrk') }; For = 'the load benchmark' }
    'chromium' = @{ Found = { Test-Path -LiteralPath '/usr/bin/chromium' }; For = 'the dashboard browser tests (Playwright drives /usr/bin/chromium)' }
}

# Installs the missing ones of these packages with apt-get when running as root; otherwise fails (or only
# warns, with -WarnOnly) with the command to run.
function Install-Packages {
    param([string[]]$Names = @($Packages.Keys), [switch]$WarnOnly)
    $missing = @($Names | Where-Object { -not (& $Packages[$_].Found) })
    if ($missing.Count -eq 0) { return }
    $why = ($missing | ForEach-Object { "$_ ($($Packages[$_].For))" }) -join ', '
    $command = "apt-get update && apt-get install -y $($missing -join ' ')"
    if (-not $IsRoot -or -not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        $message = "Missing $why. Install: sudo sh -c 'DEBIAN_FRONTEND=noninteractive $command'" +
            ' (or point the build at existing servers with ConnectionStrings__Postgres and ConnectionStrings__Redis).'
        if ($WarnOnly) { Write-Warning $message; return }
        Fail $message
    }
    Write-Step "Installing $why with apt-get"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native apt-get @('update')
    Invoke-Native apt-get (@('install', '-y') + $missing)
    $still = @($missing | Where-Object { -not (& $Packages[$_].Found) })
    if ($still.Count -gt 0) { Fail "apt-get installed $($still -join ', '), but it is still not found." }
}

# ---------------------------------------------------------------------------------------------
# ownership records

function Get-OwnerFile([string]$Service) { Join-Path $ServicesDir "$Service.owner" }

function Set-ServiceOwner([string]$Service, [bool]$Manual) {
    New-Item -ItemType Directory -Force -Path $ServicesDir | Out-Null
    $text = if ($Manual) { 'manual' } else { "run $PID $(Get-ProcessStartTime $PID)" }
    Set-Content -LiteralPath (Get-OwnerFile $Service) -Value $text -NoNewline
}

function Remove-ServiceOwner([string]$Service) {
    Remove-Item -LiteralPath (Get-OwnerFile $Service) -Force -ErrorAction SilentlyContinue
}

# True when a running service was left behind by a build.ps1 run that no longer exists.
function Test-ServiceLeftOver([string]$Service) {
    $file = Get-OwnerFile $Service
    if (-not (Test-Path -LiteralPath $file)) { return $true }   # started before owners were recorded, or the record was lost
    $parts = (Get-Content -LiteralPath $file -Raw).Trim() -split ' '
    if ($parts[0] -eq 'manual') { return $false }
    if ($parts.Count -ge 3 -and $parts[0] -eq 'run') {
        $ownerPid = 0
        if ([int]::TryParse($parts[1], [ref]$ownerPid) -and (Get-ProcessStartTime $ownerPid) -eq $parts[2]) { return $false }
    }
    return $true
}

# The process on the port when it belongs to this checkout (its working directory is the service's folder,
# even a deleted one), else $null. Fails with a clear message when a foreign process holds the port.
function Resolve-PortHolder([int]$Port, [string]$Service, [string]$OwnDir) {
    if (-not (Test-PortOpen $Port)) { return $null }
    $holder = Get-PortListener $Port
    if ($null -ne $holder -and $holder.Pid -gt 0 -and $holder.Cwd -eq $OwnDir) { return $holder }
    $who = if ($null -eq $holder) { 'an unknown process' } else { "pid $($holder.Pid) '$($holder.Command)' (working directory $($holder.Cwd))" }
    Fail ("Port $Port is already in use by $who, which is not this checkout's $Service ($OwnDir), so the private $Service cannot start. " +
        "Stop it (e.g. 'dotnet pwsh ./build.ps1 services stop' in the checkout it belongs to), or set ConnectionStrings__$Service to use another server.")
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

# Runs a Postgres server binary as the 'postgres' OS user when we are root (initdb/postgres refuse root).
function Invoke-PgServerTool {
    param([Parameter(Mandatory)][string]$Tool, [string[]]$Arguments = @(), [switch]$NoThrow)
    $exe = Join-Path (Find-PostgresBinDir) $Tool
    # Run from a folder the postgres user can always enter. Output is captured and shown only on failure
    # (pg_ctl start redirects the server itself to the log file).
    Push-Location -LiteralPath '/tmp'
    try {
        if ($IsRoot) {
            $output = & runuser -u postgres -- $exe @Arguments 2>&1
        } else {
            $output = & $exe @Arguments 2>&1
        }
        $code = $LASTEXITCODE
    } finally {
        Pop-Location
    }
    if (-not $NoThrow -and $code -ne 0) {
        $output | ForEach-Object { Write-Host "    $_" }
        Fail "'$Tool $($Arguments -join ' ')' failed with exit code $code"
    }
    return $code
}

function Test-PostgresUserCanUse([string]$Dir) {
    if (-not $IsRoot) { return $true }
    & runuser -u postgres -- test -x $Dir
    return ($LASTEXITCODE -eq 0)
}

# Decides (once, then remembers in .services/postgres-location) where the cluster lives.
function Get-PostgresRoot([switch]$ForStart) {
    $marker = Join-Path $ServicesDir 'postgres-location'
    if (Test-Path -LiteralPath $marker) {
        $recorded = (Get-Content -LiteralPath $marker -Raw).Trim()
        if ($recorded) { return $recorded }
    }
    $local = Join-Path $ServicesDir 'postgres'
    if (-not $ForStart) { return $local }

    $fallback = Join-Path '/tmp' "leads-services-$(Get-ShortHash $RepoRoot)/postgres"
    $chosen = $local
    $reason = $null
    if (-not (Test-PostgresUserCanUse $ServicesDir)) {
        $chosen = $fallback
        $reason = "the 'postgres' OS user cannot traverse $RepoRoot"
    } elseif (([System.Text.Encoding]::UTF8.GetByteCount((Join-Path $local "data/.s.PGSQL.$PgPort"))) -gt 100) {
        $chosen = $fallback
        $reason = 'the Unix socket path inside the repo would be too long'
    }
    if ($reason) { Write-Step "Postgres data goes to $chosen because $reason" }
    Set-Content -LiteralPath $marker -Value $chosen -NoNewline
    return $chosen
}

function Get-PostgresState {
    $root = Get-PostgresRoot
    $data = Join-Path $root 'data'
    $running = $false
    if ((Find-PostgresBinDir) -and (Test-Path -LiteralPath (Join-Path $data 'PG_VERSION'))) {
        $running = (Invoke-PgServerTool pg_ctl @('status', '-D', $data) -NoThrow) -eq 0
    }
    [pscustomobject]@{ Root = $root; Data = $data; Log = (Join-Path $root 'postgres.log'); Running = $running }
}

# Stops this checkout's postmaster by its pid (fast shutdown) when pg_ctl no longer can, e.g. its data folder is gone.
function Stop-PostgresHolder([string]$Data) {
    $holder = Resolve-PortHolder $PgPort 'Postgres' $Data
    if ($null -ne $holder) {
        Write-Step "Stopping a left-over Postgres of this checkout (pid $($holder.Pid))"
        Stop-ProcessAndWait $holder.Pid 'INT' 30
    }
}

function Start-PrivatePostgres([bool]$Manual = $false) {
    New-Item -ItemType Directory -Force -Path $ServicesDir | Out-Null
    $root = Get-PostgresRoot -ForStart
    $data = Join-Path $root 'data'
    $log = Join-Path $root 'postgres.log'

    if (-not (Test-Path -LiteralPath $root)) {
        New-Item -ItemType Directory -Force -Path $root | Out-Null
        $parent = Split-Path -Parent $root
        if ($parent -ne $ServicesDir) { Invoke-Native chmod @('755', $parent) }
    }
    if ($IsRoot) { Invoke-Native chown @('postgres:postgres', $root) }

    $running = (Test-Path -LiteralPath (Join-Path $data 'PG_VERSION')) -and
        ((Invoke-PgServerTool pg_ctl @('status', '-D', $data) -NoThrow) -eq 0)
    if ($running -and (Test-ServiceLeftOver 'postgres')) {
        Write-Step 'Stopping the Postgres a previous run of this checkout left running'
        Invoke-PgServerTool pg_ctl @('stop', '-D', $data, '-m', 'fast', '-w', '-t', '60') | Out-Null
        $running = $false
    }
    if (-not $running) { Stop-PostgresHolder $data }

    if (-not (Test-Path -LiteralPath (Join-Path $data 'PG_VERSION'))) {
        Write-Step "Creating Postgres cluster in $data"
        if (Test-Path -LiteralPath $data) { Remove-Item -LiteralPath $data -Recurse -Force }
        Invoke-PgServerTool initdb @('-D', $data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync') | Out-Null
    }

    # Settings are (re)written on every start and included from postgresql.conf.
    $conf = Join-Path $data 'postgresql.conf'
    $include = "include_if_exists = 'leads-services.conf'"
    if (-not (Select-String -LiteralPath $conf -SimpleMatch $include -Quiet)) {
        Add-Content -LiteralPath $conf -Value "`n$include"
    }
    $settings = @(
        '# written by build.ps1 on every start'
        "listen_addresses = '127.0.0.1'"
        "port = $PgPort"
        "unix_socket_directories = '$($data -replace "'", "''")'"
        'max_connections = 300'
        'fsync = off'
        'synchronous_commit = off'
        'full_page_writes = off'
        '# the load benchmark counts the statements that reach the leads table'
        "shared_preload_libraries = 'pg_stat_statements'"
        'pg_stat_statements.track = top'
    )
    $settingsFile = Join-Path $data 'leads-services.conf'
    Set-Content -LiteralPath $settingsFile -Value $settings
    if ($IsRoot) { Invoke-Native chown @('postgres:postgres', $settingsFile) }

    if ($running) {
        Write-Step "Postgres already running on 127.0.0.1:$PgPort ($data)"
    } else {
        Write-Step "Starting Postgres on 127.0.0.1:$PgPort (log: $log)"
        $code = Invoke-PgServerTool pg_ctl @('start', '-D', $data, '-l', $log, '-w', '-t', '60') -NoThrow
        if ($code -ne 0) {
            if (Test-Path -LiteralPath $log) { Get-Content -LiteralPath $log -Tail 20 | ForEach-Object { Write-Host "    $_" } }
            Fail "pg_ctl start failed with exit code $code (log: $log)"
        }
        Set-ServiceOwner 'postgres' $Manual
        $script:Started.Add('postgres')
    }

    # make sure the 'leads' database exists
    $exists = Invoke-Psql 'postgres' "SELECT 1 FROM pg_database WHERE datname = 'leads'"
    if ($exists.Trim() -ne '1') {
        Write-Step "Creating database 'leads'"
        Invoke-Native (Join-Path (Find-PostgresBinDir) 'createdb') @('-h', '127.0.0.1', '-p', "$PgPort", '-U', 'postgres', 'leads')
    }
}

# Runs one SQL command on the private Postgres and returns the unaligned, tuples-only output.
function Invoke-Psql([string]$Database, [string]$Sql) {
    $psql = Join-Path (Find-PostgresBinDir) 'psql'
    return Invoke-NativeOutput $psql @('-X', '-q', '-h', '127.0.0.1', '-p', "$PgPort", '-U', 'postgres', '-d', $Database,
        '-v', 'ON_ERROR_STOP=1', '-tA', '-c', $Sql)
}

function Stop-PrivatePostgres {
    $state = Get-PostgresState
    if ($state.Running) {
        Write-Step 'Stopping Postgres'
        Invoke-PgServerTool pg_ctl @('stop', '-D', $state.Data, '-m', 'fast', '-w', '-t', '60') | Out-Null
    } elseif (Test-PortOpen $PgPort) {
        $holder = Get-PortListener $PgPort
        if ($null -ne $holder -and $holder.Pid -gt 0 -and $holder.Cwd -eq $state.Data) {
            Write-Step "Stopping a left-over Postgres of this checkout (pid $($holder.Pid))"
            Stop-ProcessAndWait $holder.Pid 'INT' 30
        } else {
            Write-Step "Postgres of this checkout is not running (port $PgPort belongs to another process)"
        }
    } else {
        Write-Step 'Postgres is not running'
    }
    Remove-ServiceOwner 'postgres'
}

# ---------------------------------------------------------------------------------------------
# Redis

function Get-RedisPaths {
    $dir = Join-Path $ServicesDir 'redis'
    [pscustomobject]@{ Dir = $dir; Pid = (Join-Path $dir 'redis.pid'); Log = (Join-Path $dir 'redis.log') }
}

# The pid of this checkout's Redis: from its pid file, or the process on the port when it works in this
# checkout's Redis folder (the pid file may be gone). 0 when none runs.
function Get-RedisPid {
    $paths = Get-RedisPaths
    if (Test-Path -LiteralPath $paths.Pid) {
        $text = (Get-Content -LiteralPath $paths.Pid -Raw -ErrorAction SilentlyContinue)
        $value = 0
        if ($null -ne $text -and [int]::TryParse($text.Trim(), [ref]$value) -and (Test-ProcessAlive $value 'redis-server*')) {
            # redis-server shows "redis-server 127.0.0.1:<port>" as its title: make sure the pid is ours
            $cmdline = (Get-Content -LiteralPath "/proc/$value/cmdline" -Raw -ErrorAction SilentlyContinue)
            if ($null -ne $cmdline -and $cmdline.Contains(":$RedisPort")) { return $value }
        }
    }
    if (Test-PortOpen $RedisPort) {
        $holder = Get-PortListener $RedisPort
        if ($null -ne $holder -and $holder.Pid -gt 0 -and $holder.Cwd -eq $paths.Dir) { return $holder.Pid }
    }
    return 0
}

function Test-RedisPing {
    $client = [System.Net.Sockets.TcpClient]::new()
    try {
        $task = $client.ConnectAsync('127.0.0.1', $RedisPort)
        if (-not $task.Wait(500)) { return $false }
        $stream = $client.GetStream()
        $stream.ReadTimeout = 1000
        $ping = [System.Text.Encoding]::ASCII.GetBytes("PING`r`n")
        $stream.Write($ping, 0, $ping.Length)
        $buffer = [byte[]]::new(64)
        $read = $stream.Read($buffer, 0, $buffer.Length)
        return ([System.Text.Encoding]::ASCII.GetString($buffer, 0, $read)) -like '+PONG*'
    } catch {
        return $false
    } finally {
        $client.Dispose()
    }
}

function Start-PrivateRedis([bool]$Manual = $false) {
    $paths = Get-RedisPaths
    New-Item -ItemType Directory -Force -Path $paths.Dir | Out-Null
    $redisPid = Get-RedisPid
    if ($redisPid -gt 0 -and (Test-ServiceLeftOver 'redis')) {
        Write-Step "Stopping the Redis a previous run of this checkout left running (pid $redisPid)"
        Stop-ProcessAndWait $redisPid 'TERM' 15
        Remove-Item -LiteralPath $paths.Pid -Force -ErrorAction SilentlyContinue
        $redisPid = 0
    }
    if ($redisPid -gt 0) {
        Write-Step "Redis already running on 127.0.0.1:$RedisPort (pid $redisPid)"
        return
    }
    Resolve-PortHolder $RedisPort 'Redis' $paths.Dir | Out-Null   # fails for a foreign process
    Write-Step "Starting Redis on 127.0.0.1:$RedisPort (log: $($paths.Log))"
    # A memory limit like production's, with volatile-lru: under pressure Redis evicts only keys that have
    # a TTL (cache entries). The tag-generation counters have no TTL and must never be evicted: losing one
    # would bring back entries that an invalidation had made stale.
    Invoke-Native (Find-RedisServer) @(
        '--bind', '127.0.0.1', '--port', "$RedisPort",
        '--save', '', '--appendonly', 'no',
        '--maxmemory', '512mb', '--maxmemory-policy', 'volatile-lru',
        '--daemonize', 'yes',
        '--pidfile', $paths.Pid, '--logfile', $paths.Log, '--dir', $paths.Dir,
        '--enable-debug-command', 'local')
    Set-ServiceOwner 'redis' $Manual
    $script:Started.Add('redis')
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while (-not (Test-RedisPing)) {
        if ([DateTime]::UtcNow -gt $deadline) {
            if (Test-Path -LiteralPath $paths.Log) { Get-Content -LiteralPath $paths.Log -Tail 20 | ForEach-Object { Write-Host "    $_" } }
            Fail "Redis did not answer PING on 127.0.0.1:$RedisPort within 15 s (log: $($paths.Log))"
        }
        Start-Sleep -Milliseconds 100
    }
}

function Stop-PrivateRedis {
    $paths = Get-RedisPaths
    $redisPid = Get-RedisPid
    if ($redisPid -le 0) {
        Write-Step 'Redis is not running'
    } else {
        Write-Step "Stopping Redis (pid $redisPid)"
        Stop-ProcessAndWait $redisPid 'TERM' 15
    }
    Remove-Item -LiteralPath $paths.Pid -Force -ErrorAction SilentlyContinue
    Remove-ServiceOwner 'redis'
}

# Runs redis-cli against the private Redis and returns its output.
function Invoke-RedisCli([string[]]$Arguments) {
    return Invoke-NativeOutput (Find-RedisCli) (@('-h', '127.0.0.1', '-p', "$RedisPort") + $Arguments)
}

# ---------------------------------------------------------------------------------------------
# orchestration

# `services start`: both services, left running (recorded as started by hand).
function Start-AllServices {
    try {
        Install-Packages @('postgresql', 'redis-server')
        Start-PrivatePostgres -Manual $true
        Start-PrivateRedis -Manual $true
    } catch {
        Stop-StartedServices   # only what this call started
        throw
    }
    $script:Started.Clear()   # they stay up until `services stop`
}

function Stop-AllServices {
    $errors = @()
    try { Stop-PrivateRedis } catch { $errors += "Redis: $($_.Exception.Message)" }
    try { Stop-PrivatePostgres } catch { $errors += "Postgres: $($_.Exception.Message)" }
    $script:Started.Clear()
    if ($errors.Count -gt 0) { Fail ("Stopping services failed: " + ($errors -join '; ')) }
}

function Show-ServicesStatus {
    $endpoints = Get-ServiceEndpoints
    $pg = Get-PostgresState
    $redisPid = Get-RedisPid
    $pgText = if ($pg.Running) { "running on 127.0.0.1:$PgPort" } else { 'stopped' }
    $redisText = if ($redisPid -gt 0) { "running on 127.0.0.1:$RedisPort (pid $redisPid)" } else { 'stopped' }
    Write-Host "Postgres: $pgText   data: $($pg.Data)   log: $($pg.Log)"
    Write-Host "Redis:    $redisText   dir: $((Get-RedisPaths).Dir)"
    Write-Host ''
    Write-Host 'Connection strings:'
    Write-Host "  export ConnectionStrings__Postgres='$($endpoints.PostgresConnectionString)'"
    Write-Host "  export ConnectionStrings__Redis='$($endpoints.RedisConnectionString)'"
}

# For test/run: start only the services whose connection string the user has not set, and point the child
# processes at them. With -Always (bench), both private services are used whatever the environment says.
function Start-RequiredServices([switch]$Always) {
    $endpoints = Get-ServiceEndpoints
    $needPg = $Always -or [string]::IsNullOrWhiteSpace($env:ConnectionStrings__Postgres)
    $needRedis = $Always -or [string]::IsNullOrWhiteSpace($env:ConnectionStrings__Redis)
    if (-not $needPg) { Write-Step 'Using ConnectionStrings__Postgres from the environment (no private Postgres started)' }
    if (-not $needRedis) { Write-Step 'Using ConnectionStrings__Redis from the environment (no private Redis started)' }
    if (-not ($needPg -or $needRedis)) { return }

    Install-Packages @(@(if ($needPg) { 'postgresql' }) + @(if ($needRedis) { 'redis-server' }))
    if ($needPg) {
        Start-PrivatePostgres
        $env:ConnectionStrings__Postgres = $endpoints.PostgresConnectionString
    }
    if ($needRedis) {
        Start-PrivateRedis
        $env:ConnectionStrings__Redis = $endpoints.RedisConnectionString
    }
}

# Stops only what this invocation started or adopted; never throws.
function Stop-StartedServices {
    if ($script:Started.Contains('redis')) {
        try { Stop-PrivateRedis } catch { Write-Warning "Could not stop Redis: $($_.Exception.Message)" }
    }
    if ($script:Started.Contains('postgres')) {
        try { Stop-PrivatePostgres } catch { Write-Warning "Could not stop Postgres: $($_.Exception.Message)" }
    }
    $script:Started.Clear()
}

Export-ModuleMember -Function Get-ServiceEndpoints, Install-Packages, Find-PostgresBinDir, Find-RedisCli,
    Start-AllServices, Stop-AllServices, Show-ServicesStatus, Start-RequiredServices, Stop-StartedServices,
    Invoke-Psql, Invoke-RedisCli, Get-PostgresState
