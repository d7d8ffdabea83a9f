using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Leads.IntegrationTests.Infrastructure;

/// <summary>
/// A private redis-server on a free port, owned by the test that started it: fault tests kill, freeze
/// (SIGSTOP) and restart it without touching the Redis the rest of the suite shares, and engine tests read
/// its command statistics without other clients adding to them. Nothing is persisted (--save '' --appendonly no).
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private readonly string[] _extraArguments;
    private readonly string? _configFile;
    private Process? _process;
    private bool _frozen;

    public RedisServerProcess()
        : this(FreePort())
    {
    }

    /// <summary>A server on <paramref name="port"/> with <paramref name="extraArguments"/> after the defaults (e.g. cluster mode).</summary>
    public RedisServerProcess(int port, params string[] extraArguments)
    {
        Port = port;
        _extraArguments = extraArguments;
        Start();
    }

    /// <summary>A server that reads <paramref name="configFile"/> first (a sentinel needs a file it can rewrite), then the defaults and <paramref name="extraArguments"/>.</summary>
    public RedisServerProcess(string configFile, int port, params string[] extraArguments)
    {
        Port = port;
        _configFile = configFile;
        _extraArguments = extraArguments;
        Start();
    }

    public int Port { get; }

    public string ConnectionString => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it answers PING.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("redis-server is already running.");
        }

        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_configFile is not null)
        {
            start.ArgumentList.Add(_configFile);
        }

        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty,
            "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
        }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server could not be started.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _frozen = false;
        WaitUntilAnswering(TimeSpan.FromSeconds(15));
    }

    /// <summary>SIGKILL: the server disappears at once, like a crashed node (connections are reset).</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (_frozen)
        {
            Signal("CONT");
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        _process.Dispose();
        _process = null;
        _frozen = false;
    }

    /// <summary>SIGSTOP: the server keeps its sockets open but answers nothing, like a node stuck in a long pause.</summary>
    public void Freeze()
    {
        Signal("STOP");
        _frozen = true;
    }

    /// <summary>SIGCONT: the frozen server carries on.</summary>
    public void Resume()
    {
        if (_frozen)
        {
            Signal("CONT");
            _frozen = false;
        }
    }

    public void Dispose() => Kill();

    /// <summary>Starts a new server on a free port.</summary>
    public static Task<RedisServerProcess> StartAsync(params string[] extraArguments) => Task.Run(() => new RedisServerProcess(FreePort(), extraArguments));

    /// <summary>Starts the server again on the same port, empty; does nothing while it runs.</summary>
    public Task StartAgainAsync() => IsRunning ? Task.CompletedTask : Task.Run(Start);

    private void Signal(string signal)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("redis-server is not running.");
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed with exit code {kill.ExitCode}.");
        }
    }

    private void WaitUntilAnswering(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} while starting on port {Port}.");
            }

            if (AnswersPing())
            {
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {timeout}.");
            }

            Thread.Sleep(20);
        }
    }

    private bool AnswersPing()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            client.ReceiveTimeout = 1000;
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            // A server with requirepass answers, but refuses PING before AUTH.
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("+PONG", StringComparison.Ordinal) || answer.StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A port nobody listens on right now (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
