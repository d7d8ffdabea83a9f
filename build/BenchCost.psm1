# Where a benchmark row's cost goes, beside the per-request totals of Bench.psm1: CPU time per process group
# (the API, Postgres, Redis, wrk), the statements pg_stat_statements counted, Redis commands one by one
# (INFO commandstats, which also counts the commands a Lua script runs) and the API's mean latency per route
# (from its own http.server.request.duration histogram). Read before and after a row; results.json keeps the
# differences per row under "cost".

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module (Join-Path $PSScriptRoot 'Services.psm1')

$ClockTicks = 100.0   # USER_HZ: /proc reports CPU time in 1/100 s on Linux

# CPU seconds (user + system) of the API process and of every postgres, redis-server and wrk process, and
# the machine's busy and total ticks (from /proc/stat) to tell how saturated it was.
function Get-CpuSnapshot([int]$ApiPid) {
    $groups = @{ api = 0L; postgres = 0L; redis = 0L; wrk = 0L; other = 0L }
    foreach ($dir in [System.IO.Directory]::GetDirectories('/proc')) {
        $name = [System.IO.Path]::GetFileName($dir)
        if ($name -notmatch '^\d+$') { continue }
        try { $stat = [System.IO.File]::ReadAllText("$dir/stat") } catch { continue }
        $open = $stat.IndexOf('(')
        $close = $stat.LastIndexOf(')')
        if ($open -lt 0 -or $close -lt $open) { continue }
        $comm = $stat.Substring($open + 1, $close - $open - 1)
        $fields = $stat.Substring($close + 2).Split(' ')
        $ticks = [long]$fields[11] + [long]$fields[12]   # utime, stime (fields 14 and 15 of stat)
        $group = if ([int]$name -eq $ApiPid) { 'api' }
            elseif ($comm -eq 'postgres') { 'postgres' }
            elseif ($comm -like 'redis-server*') { 'redis' }
            elseif ($comm -eq 'wrk') { 'wrk' }
            else { 'other' }
        $groups[$group] += $ticks
    }
    $cpu = ((Get-Content -LiteralPath '/proc/stat' -TotalCount 1) -split '\s+' | Select-Object -Skip 1 | Where-Object { $_ } | ForEach-Object { [long]$_ })
    $idle = $cpu[3] + $cpu[4]   # idle + iowait
    $total = ($cpu | Measure-Object -Sum).Sum
    return [pscustomobject]@{ Groups = $groups; Busy = $total - $idle; Total = $total }
}

function Get-CpuDelta($Before, $After, [double]$Seconds) {
    $result = [ordered]@{}
    foreach ($g in 'api', 'postgres', 'redis', 'wrk', 'other') {
        $result["$($g)_s"] = [Math]::Round(($After.Groups[$g] - $Before.Groups[$g]) / $ClockTicks, 2)
    }
    $total = $After.Total - $Before.Total
    $result.machine_busy = if ($total -gt 0) { [Math]::Round(($After.Busy - $Before.Busy) / $total, 3) } else { $null }
    $result.seconds = [Math]::Round($Seconds, 1)
    return $result
}

# The statements of the benchmark database since the last reset, most called first.
function Get-PgStatements([string]$Database, [int]$Top = 15) {
    $sql = @"
SELECT s.calls, round(s.total_exec_time::numeric, 1), s.rows, left(regexp_replace(s.query, '\s+', ' ', 'g'), 200)
FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'
ORDER BY s.calls DESC LIMIT $Top
"@
    $rows = @()
    foreach ($line in ((@(Invoke-Psql $Database $sql) -join "`n") -split "`n")) {
        if (-not $line.Trim()) { continue }
        $p = $line.Split('|', 4)
        $rows += [ordered]@{ calls = [long]$p[0]; total_ms = [double]$p[1]; rows = [long]$p[2]; query = $p[3] }
    }
    return $rows
}

# INFO commandstats since CONFIG RESETSTAT: calls and microseconds per command, without the benchmark's own INFO/CONFIG.
function Get-RedisCommandStats {
    $stats = [ordered]@{}
    foreach ($line in ((@(Invoke-RedisCli @('INFO', 'commandstats')) -join "`n") -split "`n")) {
        if ($line -match '^cmdstat_([^:]+):calls=(\d+),usec=(\d+)' -and $Matches[1] -notin @('info', 'config')) {
            $stats[$Matches[1]] = [ordered]@{ calls = [long]$Matches[2]; usec = [long]$Matches[3] }
        }
    }
    return $stats
}

# Sum and count of http.server.request.duration per method and route, from the API's Prometheus text.
function Get-RouteTimes([string]$PromText) {
    $times = @{}
    foreach ($line in ($PromText -split "`n")) {
        if ($line -match '^http_server_request_duration_seconds_(sum|count)\{(.*)\}\s+([0-9.eE+-]+)\s*$') {
            $part = $Matches[1]; $labels = $Matches[2]; $value = [double]$Matches[3]
            $method = if ($labels -match 'http_request_method="([^"]*)"') { $Matches[1] } else { '?' }
            $route = if ($labels -match 'http_route="([^"]*)"') { $Matches[1] } else { '?' }
            $key = "$method $route"
            if (-not $times.ContainsKey($key)) { $times[$key] = @{ sum = 0.0; count = 0.0 } }
            $times[$key][$part] += $value
        }
    }
    return $times
}

function Get-RouteDelta($Before, $After) {
    $result = [ordered]@{}
    foreach ($key in ($After.Keys | Sort-Object)) {
        $b = if ($Before.ContainsKey($key)) { $Before[$key] } else { @{ sum = 0.0; count = 0.0 } }
        $count = $After[$key].count - $b.count
        if ($count -le 0) { continue }
        $result[$key] = [ordered]@{ count = [long]$count; mean_ms = [Math]::Round(($After[$key].sum - $b.sum) / $count * 1000, 2) }
    }
    return $result
}

Export-ModuleMember -Function Get-CpuSnapshot, Get-CpuDelta, Get-PgStatements, Get-RedisCommandStats, Get-RouteTimes, Get-RouteDelta

# With BENCH_TRACE_ROW=<scenario>-c<connections> and DOTNET_TRACE=<path of dotnet-trace>, samples the API's
# managed stacks during that row (speedscope file in artifacts/bench/trace-<row>.speedscope.json; read it with
# build/bench/top-frames.py). The profiler costs CPU itself: a traced row's rates are not comparable.
function Start-RowTrace([string]$Row, [int]$ApiPid, [int]$Seconds) {
    if ($env:BENCH_TRACE_ROW -ne $Row -or -not $env:DOTNET_TRACE) { return $null }
    $out = Join-Path (Split-Path -Parent $PSScriptRoot) "artifacts/bench/trace-$Row.nettrace"
    $info = [System.Diagnostics.ProcessStartInfo]::new($env:DOTNET_TRACE)
    foreach ($a in @('collect', '-p', "$ApiPid", '--profile', 'dotnet-sampled-thread-time', '--format', 'Speedscope',
            '--duration', ('00:00:00:{0:00}' -f [Math]::Max(1, $Seconds - 1)), '-o', $out)) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    return [System.Diagnostics.Process]::Start($info)
}

function Stop-RowTrace($Process) {
    if ($null -eq $Process) { return }
    if (-not $Process.WaitForExit(60000)) { $Process.Kill() }
    $Process.Dispose()
}

Export-ModuleMember -Function Start-RowTrace, Stop-RowTrace
