using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// A private, throw-away redis-server (no persistence) on a free port, so a test can kill it, restart it or
/// freeze it (SIGSTOP keeps every entry in memory, as a Redis stuck in a long command or a paused VM would)
/// without touching the Redis other tests use.
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private readonly string _logFile;
    private Process? _process;
    private bool _frozen;

    private RedisServerProcess(int port)
    {
        Port = port;
        _logFile = Path.Combine(Path.GetTempPath(), $"leads-it-redis-{port}.log");
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServerProcess> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var redis = new RedisServerProcess(port);
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on the same port, empty.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            ArgumentList =
            {
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--save", string.Empty, "--appendonly", "no", "--logfile", _logFile,
            },
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _frozen = false;

        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (!await AnswersPingAsync())
        {
            if (Stopwatch.GetTimestamp() > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not come up; see {_logFile}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Kills the server: connections drop at once and every entry is lost.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        Resume();
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGSTOP: connections stay open, commands get no answer, the data stays in memory.</summary>
    public void Freeze()
    {
        Signal("STOP");
        _frozen = true;
    }

    /// <summary>SIGCONT: the server answers again (queued commands run first) with the data it had.</summary>
    public void Resume()
    {
        if (_frozen)
        {
            Signal("CONT");
            _frozen = false;
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        File.Delete(_logFile);
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} failed for redis-server {_process.Id}.");
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
