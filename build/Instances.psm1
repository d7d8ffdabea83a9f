# build.ps1 run -Instances N: N API processes behind Debian's nginx as a local load balancer.
# Each instance listens on its own port (5081, 5082, ...); nginx listens on 5080 and spreads requests over them
# (no caching in nginx: the API's own cache levels are what runs here). The first instance migrates and seeds,
# the others start once it is ready. Ctrl+C stops nginx, every instance and the services started for them.

Set-StrictMode -Version Latest

Import-Module (Join-Path $PSScriptRoot 'Common.psm1')

function Get-NginxConfig([string]$Prefix, [int]$ListenPort, [int[]]$Ports) {
    $servers = ($Ports | ForEach-Object { "        server 127.0.0.1:$_;" }) -join "`n"
    return @"
# Written by build.ps1 run -Instances; a single foreground process owned by build.ps1.
daemon off;
master_process off;
worker_processes 1;
pid $Prefix/nginx.pid;
error_log $Prefix/error.log warn;

events { worker_connections 1024; }

http {
    access_log off;
    client_body_temp_path $Prefix/client_body_temp;
    proxy_temp_path $Prefix/proxy_temp;
    fastcgi_temp_path $Prefix/fastcgi_temp;
    uwsgi_temp_path $Prefix/uwsgi_temp;
    scgi_temp_path $Prefix/scgi_temp;

    upstream leads_api {
$servers
        keepalive 32;
    }

    server {
        listen 127.0.0.1:$ListenPort;

        location / {
            proxy_pass http://leads_api;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host `$host;
            proxy_set_header X-Forwarded-For `$proxy_add_x_forwarded_for;
            add_header X-Upstream `$upstream_addr always;
        }
    }
}
"@
}

function Wait-Ready([string]$Url, [System.Diagnostics.Process]$Process, [string]$Log, [int]$Seconds) {
    $deadline = (Get-Date).AddSeconds($Seconds)
    while ((Get-Date) -lt $deadline) {
        if ($Process.HasExited) { Fail "The API on $Url exited with code $($Process.ExitCode); see $Log" }
        try {
            $response = Invoke-WebRequest -Uri "$Url/health/ready" -TimeoutSec 5 -SkipHttpErrorCheck
            if ($response.StatusCode -eq 200) { return }
        } catch {
            # not listening yet
        }
        Start-Sleep -Milliseconds 500
    }
    Fail "The API on $Url was not ready within $Seconds s; see $Log"
}

function Start-ApiInstance([string]$Dll, [string]$ContentRoot, [int]$Port, [bool]$First, [string]$LogDir) {
    $log = Join-Path $LogDir "api-$Port.log"
    $environment = @{
        ASPNETCORE_ENVIRONMENT = 'Development'
        Database__ApplyMigrations = $(if ($First) { 'true' } else { 'false' })
        Seed__Enabled = $(if ($First) { 'true' } else { 'false' })
    }
    # The project folder is the content root, as with dotnet run: appsettings.Development.json is read from there.
    $process = Start-Process -FilePath 'dotnet' -ArgumentList @($Dll, '--urls', "http://127.0.0.1:$Port") -WorkingDirectory $ContentRoot `
        -Environment $environment -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru -NoNewWindow
    return [pscustomobject]@{ Port = $Port; Process = $process; Log = $log }
}

function Invoke-LoadBalancedRun([string]$ApiProject, [string]$RunDir, [int]$Count, [int]$ListenPort = 5080) {
    $nginx = @('/usr/sbin/nginx', (Get-Command nginx -ErrorAction SilentlyContinue | ForEach-Object Source)) |
        Where-Object { $_ -and (Test-Path -LiteralPath $_) } | Select-Object -First 1
    if (-not $nginx) { Fail 'nginx is needed for -Instances (apt-get install -y nginx, or dotnet pwsh ./build.ps1 install).' }
    $ports = @(1..$Count | ForEach-Object { $ListenPort + $_ })
    foreach ($port in @($ListenPort) + $ports) {
        if (Test-PortOpen $port) { Fail "Port $port is already in use; stop whatever listens there first." }
    }

    Invoke-Native dotnet @('build', $ApiProject, '-c', 'Release')
    $dll = Get-ChildItem -Path (Join-Path $ApiProject 'bin/Release') -Recurse -Filter 'Leads.Api.dll' | Select-Object -First 1
    if (-not $dll) { Fail "Leads.Api.dll was not found under $ApiProject/bin/Release after the build." }

    if (Test-Path -LiteralPath $RunDir) { Remove-Item -LiteralPath $RunDir -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $RunDir | Out-Null
    $instances = [System.Collections.Generic.List[object]]::new()
    $proxy = $null
    try {
        foreach ($port in $ports) {
            $first = $instances.Count -eq 0
            $instance = Start-ApiInstance $dll.FullName $ApiProject $port $first $RunDir
            $instances.Add($instance)
            Write-Step "API instance on http://127.0.0.1:$port (log $($instance.Log))"
            # The first one migrates and seeds; the others share its database and must not race it.
            Wait-Ready "http://127.0.0.1:$port" $instance.Process $instance.Log $(if ($first) { 180 } else { 60 })
        }

        $config = Join-Path $RunDir 'nginx.conf'
        Set-Content -LiteralPath $config -Value (Get-NginxConfig $RunDir $ListenPort $ports)
        $proxy = Start-Process -FilePath $nginx -ArgumentList @('-p', "$RunDir/", '-c', $config, '-e', (Join-Path $RunDir 'error.log')) `
            -RedirectStandardOutput (Join-Path $RunDir 'nginx.out') -RedirectStandardError (Join-Path $RunDir 'nginx.err') -PassThru -NoNewWindow
        Wait-Ready "http://127.0.0.1:$ListenPort" $proxy (Join-Path $RunDir 'error.log') 15

        Write-Host ''
        Write-Host "Load balancer:  http://127.0.0.1:$ListenPort  (nginx, round robin; X-Upstream names the instance)"
        Write-Host "Instances:      $(($ports | ForEach-Object { "http://127.0.0.1:$_" }) -join ', ')"
        Write-Host "Logs:           $RunDir"
        Write-Host 'Press Ctrl+C to stop nginx, the instances and the services started for them.'
        Write-Host ''
        while ($true) {
            Start-Sleep -Seconds 1
            if ($proxy.HasExited) { Fail "nginx exited with code $($proxy.ExitCode); see $RunDir/error.log" }
            foreach ($instance in $instances) {
                if ($instance.Process.HasExited) { Fail "The API on port $($instance.Port) exited with code $($instance.Process.ExitCode); see $($instance.Log)" }
            }
        }
    } finally {
        if ($proxy -and -not $proxy.HasExited) { $proxy.Kill() }
        foreach ($instance in $instances) {
            if (-not $instance.Process.HasExited) { $instance.Process.Kill($true) }
            $instance.Process.WaitForExit(10000) | Out-Null
        }
        Write-Step "Stopped nginx and $($instances.Count) API instance(s)"
    }
}

Export-ModuleMember -Function Invoke-LoadBalancedRun
