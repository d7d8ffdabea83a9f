using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Leads.IntegrationTests.Http;

/// <summary>
/// Debian's nginx as a caching reverse proxy in front of the API, in a private temporary prefix (config, pid,
/// logs, temp paths and cache all live there). It has no <c>proxy_cache_valid</c>: what it stores and for how
/// long comes only from the API's headers, which is exactly what the tests want to observe.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _prefix;

    private NginxProxy(Process process, string prefix, Uri baseAddress)
    {
        _process = process;
        _prefix = prefix;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : string.Empty;

    /// <summary>Fails (never skips) when nginx is missing: the shared-cache behaviour is part of the specification.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"nginx is required for the shared-cache tests but {Binary} does not exist. Install it with `apt-get install -y nginx` (.ci/run installs it in CI).");
        }
    }

    public static async Task<NginxProxy> StartAsync(Uri upstream)
    {
        EnsureInstalled();

        var prefix = Directory.CreateTempSubdirectory("leads-nginx-").FullName;
        var port = FreePort();
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(prefix, port, upstream));

        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "-p", prefix + "/", "-c", config, "-e", Path.Combine(prefix, "error.log") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var proxy = new NginxProxy(process, prefix, new Uri($"http://127.0.0.1:{port}"));
        await proxy.WaitUntilListeningAsync(port);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; the test result matters more.
        }
    }

    private static string Config(string prefix, int port, Uri upstream) => string.Create(CultureInfo.InvariantCulture, $$"""
        # Single process in the foreground: the test owns its lifetime and no user switch is needed when run as root.
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log warn;

        events { worker_connections 128; }

        http {
            access_log {{prefix}}/access.log;
            client_body_temp_path {{prefix}}/client_body_temp;
            proxy_temp_path {{prefix}}/proxy_temp;
            fastcgi_temp_path {{prefix}}/fastcgi_temp;
            uwsgi_temp_path {{prefix}}/uwsgi_temp;
            scgi_temp_path {{prefix}}/scgi_temp;

            proxy_cache_path {{prefix}}/cache levels=1:2 keys_zone=api:1m max_size=16m inactive=10m use_temp_path=off;

            server {
                listen 127.0.0.1:{{port}};

                location / {
                    proxy_pass http://{{upstream.Host}}:{{upstream.Port}};
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_cache api;
                    proxy_cache_revalidate on;
                    proxy_cache_lock on;
                    # No proxy_cache_valid: lifetimes come only from the API's Cache-Control.
                    add_header X-Cache-Status $upstream_cache_status always;
                    add_header X-Upstream-Status $upstream_status always;
                }
            }
        }
        """);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"nginx exited with code {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {ErrorLog}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"nginx did not listen on port {port} within 15 s: {ErrorLog}");
    }
}
