#!/usr/bin/env pwsh
# Build, test, run and benchmark Leads, with a private PostgreSQL 15 + Redis for this checkout.
#
#   dotnet tool restore                      # once per clone: brings PowerShell 7 (pwsh) and dotnet-ef
#   dotnet pwsh ./build.ps1 <target>
#
# Targets:
#   build              dotnet build Leads.sln -c Release
#   test               start private services (unless connection strings are set), run all tests,
#                      stop what was started, print "N passed, N failed" from the TRX files
#   run                start private services (unless configured) and run the API on http://127.0.0.1:5080
#   bench [args...]    start private services (unless configured) and run tests/Leads.Benchmarks
#                      (extra args go to BenchmarkDotNet; default --filter '*')
#   services start|stop|status
#                      manage the private Postgres (127.0.0.1:55432) and Redis (127.0.0.1:56379)
#
# Services: data lives in .services/ at the repo root (git-ignored). When running as root and the
# 'postgres' OS user cannot reach the repo folder (e.g. it is under /root), or the socket path would
# be too long, the Postgres cluster goes to /tmp/leads-services-<hash of repo path>/postgres instead.
# If ConnectionStrings__Postgres / ConnectionStrings__Redis are already set in the environment,
# test/run/bench use them and do not start that service.

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked by hand
$ProgressPreference = 'SilentlyContinue'

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'Leads.sln'
$ServicesDir = Join-Path $RepoRoot '.services'
$TestResultsDir = Join-Path $RepoRoot 'artifacts/test-results'
$ApiProject = Join-Path $RepoRoot 'src/Leads.Api'
$BenchProject = Join-Path $RepoRoot 'tests/Leads.Benchmarks'

$PgPort = 55432
$RedisPort = 56379
$ApiUrl = 'http://127.0.0.1:5080'
$PostgresConnectionString = "Host=127.0.0.1;Port=$PgPort;Database=leads;Username=postgres;Pooling=true;Maximum Pool Size=200"
$RedisConnectionString = "127.0.0.1:$RedisPort"

$IsRoot = $IsLinux -and ((& id -u) -eq '0')

# Services that this invocation started (and so must stop again).
$script:Started = [System.Collections.Generic.List[string]]::new()

# ---------------------------------------------------------------------------------------------
# helpers

function Write-Step([string]$Message) { Write-Host "==> $Message" }

function Fail([string]$Message) { throw [System.Exception]::new($Message) }

# Runs a native command and fails fast on a non-zero exit code.
function Invoke-Native {
    param([Parameter(Mandatory)][string]$Command, [string[]]$Arguments = @())
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        Fail "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
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

function Test-ProcessAlive([int]$ProcessId, [string]$NamePattern) {
    if ($ProcessId -le 0) { return $false }
    $comm = "/proc/$ProcessId/comm"
    if (-not (Test-Path -LiteralPath $comm)) { return $false }
    $name = (Get-Content -LiteralPath $comm -Raw -ErrorAction SilentlyContinue)
    if ($null -eq $name) { return $false }
    return $name.Trim() -like $NamePattern
}

# ---------------------------------------------------------------------------------------------
# binaries

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

function Find-RedisServer {
    $cmd = Get-Command redis-server -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($cmd) { return $cmd.Source }
    return $null
}

function Install-ServiceBinaries([bool]$NeedPostgres, [bool]$NeedRedis) {
    $missing = @()
    if ($NeedPostgres -and -not (Find-PostgresBinDir)) { $missing += 'postgresql' }
    if ($NeedRedis -and -not (Find-RedisServer)) { $missing += 'redis-server' }
    if ($missing.Count -eq 0) { return }

    $installCommand = 'apt-get update && apt-get install -y postgresql redis-server'
    if (-not $IsRoot) {
        Fail ("Missing $($missing -join ' and ') binaries (PostgreSQL 15 in /usr/lib/postgresql/15/bin, redis-server on PATH).`n" +
            "Install them first:  sudo sh -c 'DEBIAN_FRONTEND=noninteractive $installCommand'`n" +
            "or point the build at existing servers by setting ConnectionStrings__Postgres and ConnectionStrings__Redis.")
    }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Fail "Missing $($missing -join ' and ') binaries and apt-get is not available: install PostgreSQL 15 and redis-server yourself."
    }
    Write-Step "Installing $($missing -join ', ') with apt-get (running as root)"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native apt-get @('update')
    Invoke-Native apt-get @('install', '-y', 'postgresql', 'redis-server')
    if ($NeedPostgres -and -not (Find-PostgresBinDir)) { Fail 'apt-get installed postgresql, but pg_ctl was still not found under /usr/lib/postgresql/*/bin.' }
    if ($NeedRedis -and -not (Find-RedisServer)) { Fail 'apt-get installed redis-server, but redis-server is still not on PATH.' }
}

# The HTTP-cache tests put Debian's nginx in front of the API as a real shared cache.
function Install-TestTools {
    if ((Test-Path -LiteralPath '/usr/sbin/nginx') -or (Get-Command nginx -CommandType Application -ErrorAction SilentlyContinue)) { return }
    $installCommand = 'apt-get update && apt-get install -y nginx'
    if (-not $IsRoot -or -not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Host "WARNING: nginx is not installed, so the shared-cache tests will fail. Install it: sudo sh -c 'DEBIAN_FRONTEND=noninteractive $installCommand'"
        return
    }
    Write-Step 'Installing nginx with apt-get (running as root) for the shared-cache tests'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native apt-get @('update')
    Invoke-Native apt-get @('install', '-y', 'nginx')
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

# Runs a Postgres server binary as the 'postgres' OS user when we are root (initdb/postgres refuse root).
function Invoke-PgServerTool {
    param([Parameter(Mandatory)][string]$Tool, [string[]]$Arguments = @(), [switch]$NoThrow)
    $exe = Join-Path (Find-PostgresBinDir) $Tool
    # run from a folder the postgres user can always enter
    # Output is captured and shown only on failure (pg_ctl start redirects the server itself to the log file).
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
    if ($reason) {
        Write-Step "Postgres data goes to $chosen because $reason"
    }
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

function Start-PrivatePostgres {
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
    )
    $settingsFile = Join-Path $data 'leads-services.conf'
    Set-Content -LiteralPath $settingsFile -Value $settings
    if ($IsRoot) { Invoke-Native chown @('postgres:postgres', $settingsFile) }

    if ((Invoke-PgServerTool pg_ctl @('status', '-D', $data) -NoThrow) -eq 0) {
        Write-Step "Postgres already running on 127.0.0.1:$PgPort ($data)"
    } else {
        if (Test-PortOpen $PgPort) {
            Fail "Port $PgPort is already in use by another process, so the private Postgres cannot start. Free the port, or set ConnectionStrings__Postgres to use another server."
        }
        Write-Step "Starting Postgres on 127.0.0.1:$PgPort (log: $log)"
        $code = Invoke-PgServerTool pg_ctl @('start', '-D', $data, '-l', $log, '-w', '-t', '60') -NoThrow
        if ($code -ne 0) {
            if (Test-Path -LiteralPath $log) { Get-Content -LiteralPath $log -Tail 20 | ForEach-Object { Write-Host "    $_" } }
            Fail "pg_ctl start failed with exit code $code (log: $log)"
        }
        $script:Started.Add('postgres')
    }

    # make sure the 'leads' database exists
    $bin = Find-PostgresBinDir
    $psql = Join-Path $bin 'psql'
    $exists = & $psql -X -h 127.0.0.1 -p $PgPort -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "SELECT 1 FROM pg_database WHERE datname = 'leads'"
    if ($LASTEXITCODE -ne 0) { Fail "psql could not query the private Postgres (exit code $LASTEXITCODE)" }
    if ("$exists".Trim() -ne '1') {
        Write-Step "Creating database 'leads'"
        Invoke-Native (Join-Path $bin 'createdb') @('-h', '127.0.0.1', '-p', "$PgPort", '-U', 'postgres', 'leads')
    }
}

function Stop-PrivatePostgres {
    $state = Get-PostgresState
    if (-not $state.Running) {
        Write-Step 'Postgres is not running'
        return
    }
    Write-Step 'Stopping Postgres'
    Invoke-PgServerTool pg_ctl @('stop', '-D', $state.Data, '-m', 'fast', '-w', '-t', '60') | Out-Null
}

# ---------------------------------------------------------------------------------------------
# Redis

function Get-RedisPaths {
    $dir = Join-Path $ServicesDir 'redis'
    [pscustomobject]@{ Dir = $dir; Pid = (Join-Path $dir 'redis.pid'); Log = (Join-Path $dir 'redis.log') }
}

function Get-RedisPid {
    $paths = Get-RedisPaths
    if (-not (Test-Path -LiteralPath $paths.Pid)) { return 0 }
    $text = (Get-Content -LiteralPath $paths.Pid -Raw -ErrorAction SilentlyContinue)
    $value = 0
    if ($null -ne $text -and [int]::TryParse($text.Trim(), [ref]$value) -and (Test-ProcessAlive $value 'redis-server*')) {
        # redis-server shows "redis-server 127.0.0.1:<port>" as its title: make sure the pid is ours
        $cmdline = (Get-Content -LiteralPath "/proc/$value/cmdline" -Raw -ErrorAction SilentlyContinue)
        if ($null -ne $cmdline -and $cmdline.Contains(":$RedisPort")) { return $value }
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

function Start-PrivateRedis {
    $paths = Get-RedisPaths
    New-Item -ItemType Directory -Force -Path $paths.Dir | Out-Null
    if ((Get-RedisPid) -gt 0) {
        Write-Step "Redis already running on 127.0.0.1:$RedisPort (pid $(Get-RedisPid))"
        return
    }
    if (Test-PortOpen $RedisPort) {
        Fail "Port $RedisPort is already in use by another process, so the private Redis cannot start. Free the port, or set ConnectionStrings__Redis to use another server."
    }
    Write-Step "Starting Redis on 127.0.0.1:$RedisPort (log: $($paths.Log))"
    Invoke-Native (Find-RedisServer) @(
        '--bind', '127.0.0.1', '--port', "$RedisPort",
        '--save', '', '--appendonly', 'no',
        '--daemonize', 'yes',
        '--pidfile', $paths.Pid, '--logfile', $paths.Log, '--dir', $paths.Dir,
        '--enable-debug-command', 'local')
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
        return
    }
    Write-Step "Stopping Redis (pid $redisPid)"
    Invoke-Native kill @('-TERM', "$redisPid")
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while (Test-ProcessAlive $redisPid 'redis-server*') {
        if ([DateTime]::UtcNow -gt $deadline) {
            Write-Warning "Redis (pid $redisPid) did not stop after SIGTERM; sending SIGKILL"
            & kill -KILL "$redisPid"
            Start-Sleep -Milliseconds 200
            break
        }
        Start-Sleep -Milliseconds 100
    }
    Remove-Item -LiteralPath $paths.Pid -Force -ErrorAction SilentlyContinue
}

# ---------------------------------------------------------------------------------------------
# service orchestration

function Start-AllServices {
    Install-ServiceBinaries $true $true
    Start-PrivatePostgres
    Start-PrivateRedis
}

function Stop-AllServices {
    $errors = @()
    try { Stop-PrivateRedis } catch { $errors += "Redis: $($_.Exception.Message)" }
    try { Stop-PrivatePostgres } catch { $errors += "Postgres: $($_.Exception.Message)" }
    if ($errors.Count -gt 0) { Fail ("Stopping services failed: " + ($errors -join '; ')) }
}

function Show-ServicesStatus {
    $pg = Get-PostgresState
    $redisPid = Get-RedisPid
    $pgText = if ($pg.Running) { "running on 127.0.0.1:$PgPort" } else { 'stopped' }
    $redisText = if ($redisPid -gt 0) { "running on 127.0.0.1:$RedisPort (pid $redisPid)" } else { 'stopped' }
    Write-Host "Postgres: $pgText   data: $($pg.Data)   log: $($pg.Log)"
    Write-Host "Redis:    $redisText   dir: $((Get-RedisPaths).Dir)"
    Write-Host ''
    Write-Host 'Connection strings:'
    Write-Host "  export ConnectionStrings__Postgres='$PostgresConnectionString'"
    Write-Host "  export ConnectionStrings__Redis='$RedisConnectionString'"
}

# For test/run/bench: start only the services whose connection string the user has not set,
# and point the child processes at them. Records what it started in $script:Started.
function Start-RequiredServices {
    $needPg = [string]::IsNullOrWhiteSpace($env:ConnectionStrings__Postgres)
    $needRedis = [string]::IsNullOrWhiteSpace($env:ConnectionStrings__Redis)
    if (-not $needPg) { Write-Step 'Using ConnectionStrings__Postgres from the environment (no private Postgres started)' }
    if (-not $needRedis) { Write-Step 'Using ConnectionStrings__Redis from the environment (no private Redis started)' }
    if (-not ($needPg -or $needRedis)) { return }

    Install-ServiceBinaries $needPg $needRedis
    if ($needPg) {
        Start-PrivatePostgres
        $env:ConnectionStrings__Postgres = $PostgresConnectionString
    }
    if ($needRedis) {
        Start-PrivateRedis
        $env:ConnectionStrings__Redis = $RedisConnectionString
    }
}

# Stops only what this invocation started; never throws.
function Stop-StartedServices {
    if ($script:Started.Contains('redis')) {
        try { Stop-PrivateRedis } catch { Write-Warning "Could not stop Redis: $($_.Exception.Message)" }
    }
    if ($script:Started.Contains('postgres')) {
        try { Stop-PrivatePostgres } catch { Write-Warning "Could not stop Postgres: $($_.Exception.Message)" }
    }
    $script:Started.Clear()
}

# ---------------------------------------------------------------------------------------------
# TRX summary

function Get-TrxSummary {
    $passed = 0
    $failed = 0
    $skipped = 0
    $files = @()
    if (Test-Path -LiteralPath $TestResultsDir) {
        $files = @(Get-ChildItem -LiteralPath $TestResultsDir -Filter '*.trx' -Recurse -File)
    }
    foreach ($file in $files) {
        try {
            [xml]$doc = Get-Content -LiteralPath $file.FullName -Raw
        } catch {
            Write-Warning "Could not read $($file.FullName): $($_.Exception.Message)"
            $failed += 1
            continue
        }
        foreach ($counters in $doc.SelectNodes("//*[local-name()='ResultSummary']/*[local-name()='Counters']")) {
            $get = { param($name) $v = 0; [void][int]::TryParse($counters.GetAttribute($name), [ref]$v); $v }
            $passed += & $get 'passed'
            $failed += (& $get 'failed') + (& $get 'error') + (& $get 'timeout') + (& $get 'aborted')
            $skipped += [Math]::Max(0, (& $get 'total') - (& $get 'executed'))
        }
    }
    [pscustomobject]@{ Files = $files.Count; Passed = $passed; Failed = $failed; Skipped = $skipped }
}

# ---------------------------------------------------------------------------------------------
# targets

function Assert-Solution {
    if (-not (Test-Path -LiteralPath $Solution)) {
        Fail "Leads.sln was not found at $Solution; there is nothing to build or test yet."
    }
}

function Invoke-BuildTarget {
    Assert-Solution
    Invoke-Native dotnet @('build', $Solution, '-c', 'Release')
}

function Invoke-TestTarget {
    if (Test-Path -LiteralPath $TestResultsDir) { Remove-Item -LiteralPath $TestResultsDir -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $TestResultsDir | Out-Null

    $testExit = 1
    try {
        Install-TestTools
        Start-RequiredServices
        Assert-Solution
        Write-Step "dotnet test $Solution -c Release"
        & dotnet test $Solution -c Release --logger 'trx' --logger 'console;verbosity=normal' --results-directory $TestResultsDir
        $testExit = $LASTEXITCODE
        if ($testExit -ne 0) { Write-Host "dotnet test exited with code $testExit" }
    } catch {
        Write-Host "build.ps1 test: $($_.Exception.Message)"
        $testExit = 1
    } finally {
        Stop-StartedServices
    }

    $summary = Get-TrxSummary
    $failed = $summary.Failed
    if ($summary.Files -eq 0 -and $testExit -ne 0) {
        Write-Host 'No TRX test results were written.'
        $failed = [Math]::Max($failed, 1)
    }
    if ($summary.Skipped -gt 0) { Write-Host "($($summary.Skipped) tests skipped or not executed)" }
    Write-Host "$($summary.Passed) passed, $failed failed"
    if ($testExit -ne 0 -or $failed -gt 0) { exit 1 }
    exit 0
}

function Invoke-RunTarget {
    if (-not (Test-Path -LiteralPath $ApiProject)) { Fail "API project not found at $ApiProject." }
    if (Test-PortOpen 5080) { Fail 'Port 5080 is already in use; stop whatever listens there first.' }
    try {
        Start-RequiredServices
        $env:ASPNETCORE_ENVIRONMENT = 'Development'
        $env:Database__ApplyMigrations = 'true'
        $env:Seed__Enabled = 'true'
        Write-Host ''
        Write-Host "API base URL:   $ApiUrl"
        Write-Host "API reference:  $ApiUrl/scalar/v1"
        Write-Host "OpenAPI:        $ApiUrl/openapi/v1.json"
        Write-Host 'Get a token (dev accounts: admin / admin-dev-password, sales-a / sales-a-dev-password, sales-b / sales-b-dev-password):'
        Write-Host "  curl -s -X POST $ApiUrl/api/auth/token -H 'Content-Type: application/json' -d '{`"username`":`"admin`",`"password`":`"admin-dev-password`"}'"
        Write-Host 'Press Ctrl+C to stop the API (and the services started for it).'
        Write-Host ''
        & dotnet run --project $ApiProject -c Release --no-launch-profile -- --urls $ApiUrl
        $code = $LASTEXITCODE
        if ($code -ne 0) { Fail "dotnet run exited with code $code" }
    } finally {
        Stop-StartedServices
    }
}

function Invoke-BenchTarget([string[]]$BenchArgs) {
    if (-not (Test-Path -LiteralPath $BenchProject) -or
        @(Get-ChildItem -LiteralPath $BenchProject -Filter '*.csproj' -File -ErrorAction SilentlyContinue).Count -eq 0) {
        Fail "Benchmark project not found: $BenchProject has no .csproj yet."
    }
    $extra = @($BenchArgs)
    $hasFilter = @($extra | Where-Object { $_ -in @('--filter', '-f') -or $_ -like '--filter=*' }).Count -gt 0
    $bdnArgs = @()
    if (-not $hasFilter) { $bdnArgs += @('--filter', '*') }
    $bdnArgs += $extra
    try {
        Start-RequiredServices
        Write-Step "dotnet run -c Release --project tests/Leads.Benchmarks -- $($bdnArgs -join ' ')"
        $code = Invoke-ProcessExact 'dotnet' (@('run', '-c', 'Release', '--project', $BenchProject, '--') + $bdnArgs)
        if ($code -ne 0) { Fail "benchmarks exited with code $code" }
    } finally {
        Stop-StartedServices
    }
}

function Show-Usage {
    Write-Host @'
Usage: dotnet pwsh ./build.ps1 <target> [args]

Targets:
  build                    dotnet build Leads.sln -c Release
  test                     run all tests (private Postgres/Redis unless ConnectionStrings__* are set),
                           TRX files in artifacts/test-results, prints "N passed, N failed"
  run                      run the API on http://127.0.0.1:5080 with migrations and demo seed data
  bench [BDN args...]      run tests/Leads.Benchmarks (default --filter '*')
  services start|stop|status
                           private Postgres 15 (127.0.0.1:55432, db 'leads') and Redis (127.0.0.1:56379)

First time on a clone: dotnet tool restore
'@
}

# ---------------------------------------------------------------------------------------------
# main

$target = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
$rest = @(if ($args.Count -gt 1) { $args[1..($args.Count - 1)] | ForEach-Object { [string]$_ } })

Set-Location -LiteralPath $RepoRoot
try {
    switch ($target) {
        'build' { Invoke-BuildTarget }
        'test' { Invoke-TestTarget }
        'run' { Invoke-RunTarget }
        'bench' { Invoke-BenchTarget $rest }
        'services' {
            $sub = if ($rest.Count -gt 0) { $rest[0] } else { '' }
            switch ($sub) {
                'start' {
                    try {
                        Start-AllServices
                    } catch {
                        Stop-StartedServices
                        throw
                    }
                    Show-ServicesStatus
                }
                'stop' { Stop-AllServices }
                'status' { Show-ServicesStatus }
                default {
                    Write-Host 'Usage: dotnet pwsh ./build.ps1 services start|stop|status'
                    exit 1
                }
            }
        }
        default {
            if ($target) { Write-Host "Unknown target '$target'." }
            Show-Usage
            exit 1
        }
    }
} catch {
    [Console]::Error.WriteLine("build.ps1 $target`: $($_.Exception.Message)")
    exit 1
}
exit 0
