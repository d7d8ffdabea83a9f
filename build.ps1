#!/usr/bin/env pwsh
# Build, test, run and benchmark Leads with a private PostgreSQL 15 + Redis for this checkout.
#   dotnet tool restore                  # once per clone: brings PowerShell 7 (pwsh) and dotnet-ef
#   dotnet pwsh ./build.ps1 <target>     # the targets are listed in $Targets below (run without one to see them)
# Service management lives in build/Services.psm1.

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked by hand
$ProgressPreference = 'SilentlyContinue'

Import-Module (Join-Path $PSScriptRoot 'build/Common.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'build/Services.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'build/Bench.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'build/Instances.psm1') -Force

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'Leads.sln'
$TestResultsDir = Join-Path $RepoRoot 'artifacts/test-results'
$ApiProject = Join-Path $RepoRoot 'src/Leads.Api'
$BenchProject = Join-Path $RepoRoot 'tests/Leads.Benchmarks'
$ApiUrl = 'http://127.0.0.1:5080'

# ---------------------------------------------------------------------------------------------
# targets

function Assert-Solution {
    if (-not (Test-Path -LiteralPath $Solution)) { Fail "Leads.sln was not found at $Solution; there is nothing to build or test yet." }
}

function Invoke-BuildTarget {
    Assert-Solution
    Invoke-Native dotnet @('build', $Solution, '-c', 'Release')
}

function Invoke-InstallTarget {
    Install-Packages
    Write-Step 'postgresql, redis-server, nginx, wrk and chromium are installed'
}

# Sums the <Counters> of every TRX file.
function Get-TrxSummary {
    $passed = 0; $failed = 0; $skipped = 0
    $files = @()
    if (Test-Path -LiteralPath $TestResultsDir) { $files = @(Get-ChildItem -LiteralPath $TestResultsDir -Filter '*.trx' -Recurse -File) }
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

# test [-Suite scale]: the default run leaves out the scale suite (Redis Cluster, Redis Sentinel and several API hosts,
# tests/Leads.IntegrationTests/Scale: they start clusters of their own); -Suite scale runs only that suite.
function Invoke-TestTarget([string[]]$TestArgs) {
    $list = @($TestArgs)
    $filter = 'Suite!=scale'
    for ($i = 0; $i -lt $list.Count; $i++) {
        switch -Exact ($list[$i]) {
            '-Suite' {
                $i++
                if ($i -ge $list.Count -or $list[$i] -ne 'scale') { Fail '-Suite takes one name: scale.' }
                $filter = 'Suite=scale'
            }
            default { Show-Usage; Fail "Unknown test option '$($list[$i])'." }
        }
    }
    if (Test-Path -LiteralPath $TestResultsDir) { Remove-Item -LiteralPath $TestResultsDir -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $TestResultsDir | Out-Null

    $testExit = 1
    try {
        Install-Packages @('nginx') -WarnOnly      # the shared-cache tests put nginx in front of the API
        # The dashboard's browser tests drive Debian's chromium; without it only they fail, saying how to install it.
        try { Install-Packages @('chromium') -WarnOnly } catch { Write-Warning "Installing chromium failed: $($_.Exception.Message)" }
        Start-RequiredServices
        Assert-Solution
        Write-Step "dotnet test $Solution -c Release --filter $filter"
        & dotnet test $Solution -c Release --filter $filter --logger 'trx' --logger 'console;verbosity=normal' --results-directory $TestResultsDir
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
    if ($testExit -ne 0 -or $failed -gt 0) { $script:ExitCode = 1 }
}

# run [-Instances N]: one API on 5080, or N instances behind nginx on 5080 (build/Instances.psm1).
function Invoke-RunTarget([string[]]$RunArgs) {
    if (-not (Test-Path -LiteralPath $ApiProject)) { Fail "API project not found at $ApiProject." }
    $list = @($RunArgs)
    $instances = 1
    for ($i = 0; $i -lt $list.Count; $i++) {
        switch -Exact ($list[$i]) {
            '-Instances' {
                $i++
                if ($i -ge $list.Count -or -not ($list[$i] -match '^[1-9]$')) { Fail '-Instances needs a number from 1 to 9.' }
                $instances = [int]$list[$i]
            }
            default { Show-Usage; Fail "Unknown run option '$($list[$i])'." }
        }
    }
    if ($instances -gt 1) {
        try {
            Install-Packages @('nginx')
            Start-RequiredServices
            Invoke-LoadBalancedRun $ApiProject (Join-Path $RepoRoot '.services/instances') $instances
        } finally {
            Stop-StartedServices
        }
        return
    }
    if (Test-PortOpen 5080) { Fail 'Port 5080 is already in use; stop whatever listens there first.' }
    try {
        Start-RequiredServices
        $env:ASPNETCORE_ENVIRONMENT = 'Development'
        $env:Database__ApplyMigrations = 'true'
        $env:Seed__Enabled = 'true'
        Write-Host ''
        Write-Host "API base URL:   $ApiUrl"
        Write-Host "Cache dashboard: $ApiUrl/admin/cache (sign in as admin)"
        Write-Host "API reference:  $ApiUrl/scalar/v1"
        Write-Host "OpenAPI:        $ApiUrl/openapi/v1.json"
        Write-Host 'Get a token (dev accounts: admin / admin-dev-password, sales-a / sales-a-dev-password, sales-b / sales-b-dev-password):'
        Write-Host "  curl -s -X POST $ApiUrl/api/auth/token -H 'Content-Type: application/json' -d '{`"username`":`"admin`",`"password`":`"admin-dev-password`"}'"
        Write-Host 'Press Ctrl+C to stop the API (and the services started for it).'
        Write-Host ''
        & dotnet run --project $ApiProject -c Release --no-launch-profile -- --urls $ApiUrl
        if ($LASTEXITCODE -ne 0) { Fail "dotnet run exited with code $LASTEXITCODE" }
    } finally {
        Stop-StartedServices
    }
}

# bench -Micro [BDN args...]: BenchmarkDotNet in tests/Leads.Benchmarks (default --filter '*').
function Invoke-MicroBenchmarks([string[]]$BenchArgs) {
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

# bench [-Quick] [-Leads N] [-NoDocs] [-Only a,b] [-Seconds N] [-Connections 100,2000]: the load benchmark
# (build/Bench.psm1); bench -Micro [BDN args...]: the micro-benchmarks.
function Invoke-BenchTarget([string[]]$BenchArgs) {
    $list = @($BenchArgs)
    if ($list -contains '-Micro') {
        Invoke-MicroBenchmarks @($list | Where-Object { $_ -ne '-Micro' })
        return
    }
    $options = @{}
    for ($i = 0; $i -lt $list.Count; $i++) {
        $name = $list[$i]
        switch -Exact ($name) {
            '-Quick' { $options.Quick = $true }
            '-NoDocs' { $options.NoDocs = $true }
            '-Leads' { $i++; if ($i -ge $list.Count) { Fail '-Leads needs a number.' }; $options.Leads = [int]$list[$i] }
            '-Seconds' { $i++; if ($i -ge $list.Count) { Fail '-Seconds needs a number.' }; $options.Seconds = [int]$list[$i] }
            '-Only' { $i++; if ($i -ge $list.Count) { Fail '-Only needs scenario names.' }; $options.Only = @($list[$i].Split(',')) }
            '-Connections' { $i++; if ($i -ge $list.Count) { Fail '-Connections needs numbers.' }; $options.Connections = @($list[$i].Split(',') | ForEach-Object { [int]$_ }) }
            default { Show-Usage; Fail "Unknown bench option '$name' (BenchmarkDotNet arguments go after -Micro)." }
        }
    }
    Invoke-LoadBenchmark @options
}

function Invoke-ServicesTarget([string[]]$ServiceArgs) {
    $sub = if ($ServiceArgs.Count -gt 0) { $ServiceArgs[0] } else { '' }
    switch ($sub) {
        'start' {
            Start-AllServices
            Show-ServicesStatus
        }
        'stop' { Stop-AllServices }
        'status' { Show-ServicesStatus }
        default { Show-Usage; $script:ExitCode = 1 }
    }
}

# ---------------------------------------------------------------------------------------------
# the list of targets (also the usage text)

$Targets = [ordered]@{
    'build' = @{ Args = ''; Run = { Invoke-BuildTarget }
        Help = 'dotnet build Leads.sln -c Release' }
    'test' = @{ Args = '[-Suite scale]'; Run = { Invoke-TestTarget $TargetArgs }
        Help = "run all tests against private Postgres/Redis (unless ConnectionStrings__* are set) and nginx,`nTRX files in artifacts/test-results, last line ""N passed, N failed"";`n-Suite scale: only the scale suite (3-primary Redis Cluster, Sentinel with a failover, several API hosts), left out otherwise" }
    'run' = @{ Args = '[-Instances N]'; Run = { Invoke-RunTarget $TargetArgs }
        Help = "run the API on $ApiUrl with migrations and 10,000 seeded demo leads;`n-Instances N: N API processes (ports 5081...) behind nginx on 5080" }
    'bench' = @{ Args = '[-Quick] [-Leads N] [-NoDocs]'; Run = { Invoke-BenchTarget $TargetArgs }
        Help = ("the API under load (wrk, docs/benchmarks.md): 9 scenarios at 100 and 2000 connections, writes`n" +
            "artifacts/bench/results.json and the tables and chart of docs/benchmarks.md (not with -NoDocs);`n" +
            "-Quick: 5 s per row, under 5 minutes; -Leads N: seed N leads (default 10,000);`n" +
            "-Only a,b / -Seconds N / -Connections 100,2000 narrow a run`n" +
            "bench -Micro [BDN args...]: BenchmarkDotNet in tests/Leads.Benchmarks (default --filter '*')") }
    'services' = @{ Args = 'start|stop|status'; Run = { Invoke-ServicesTarget $TargetArgs }
        Help = "the private Postgres 15 (127.0.0.1:55432, db 'leads') and Redis (127.0.0.1:56379) of this checkout,`ndata in .services/; 'start' leaves them running until 'stop'" }
    'install' = @{ Args = ''; Run = { Invoke-InstallTarget }
        Help = "apt-get install what is missing of postgresql, redis-server, nginx and wrk (as root);`ntest, run and bench also install what they need themselves" }
}

function Show-Usage {
    Write-Host 'Usage: dotnet pwsh ./build.ps1 <target> [args]   (first time on a clone: dotnet tool restore)'
    Write-Host ''
    foreach ($name in $Targets.Keys) {
        $target = $Targets[$name]
        $lines = @($target.Help -split "`n")
        $head = "$name $($target.Args)".Trim()
        if ($head.Length -gt 28) { Write-Host "  $head"; $head = '' }   # a long one gets a line of its own
        for ($i = 0; $i -lt $lines.Count; $i++) { Write-Host ('  {0,-28} {1}' -f $(if ($i -eq 0) { $head } else { '' }), $lines[$i]) }
    }
}

# ---------------------------------------------------------------------------------------------
# main

$TargetName = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
$TargetArgs = @(if ($args.Count -gt 1) { $args[1..($args.Count - 1)] | ForEach-Object { [string]$_ } })

if (-not $Targets.Contains($TargetName)) {
    if ($TargetName) { Write-Host "Unknown target '$TargetName'." }
    Show-Usage
    exit 1
}
Set-Location -LiteralPath $RepoRoot
$ExitCode = 0      # a target sets it instead of calling exit, which would look like Ctrl+C to the finally block below
$ended = $false   # false in the finally block only when Ctrl+C stopped the target (its own finally blocks have run)
try {
    & $Targets[$TargetName].Run
    $ended = $true
} catch {
    $ended = $true
    [Console]::Error.WriteLine("build.ps1 $TargetName`: $($_.Exception.Message)")
    Stop-StartedServices
    exit 1
} finally {
    if (-not $ended) {
        [Console]::Error.WriteLine("build.ps1 $TargetName`: interrupted")
        Stop-StartedServices
        [Environment]::Exit(130)
    }
}
exit $ExitCode
