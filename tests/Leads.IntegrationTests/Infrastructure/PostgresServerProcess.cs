using System.Diagnostics;
using System.Globalization;

namespace Leads.IntegrationTests.Infrastructure;

/// <summary>
/// A private Postgres cluster on a free port, owned by the test that started it: outage tests stop it
/// (<c>pg_ctl -m fast stop</c>, which ends every session as an operator's shutdown would) and start it again without
/// touching the server the rest of the suite shares. Throwaway: fsync off, trust authentication, deleted on dispose.
/// initdb and postgres refuse to run as root, so as root they run as the <c>postgres</c> OS user.
/// </summary>
public sealed class PostgresServerProcess : IDisposable
{
    private readonly string _root;
    private readonly string _data;
    private readonly string _log;
    private readonly string _bin;

    private PostgresServerProcess()
    {
        Port = RedisServerProcess.FreePort();
        _bin = FindBinDirectory();
        _root = Path.Combine(Path.GetTempPath(), "leads-it-pg-" + Guid.NewGuid().ToString("N")[..10]);
        _data = Path.Combine(_root, "data");
        _log = Path.Combine(_root, "postgres.log");
        Directory.CreateDirectory(_root);
        if (IsRoot)
        {
            Run("chown", ["postgres:postgres", _root]);
        }

        RunPostgresTool("initdb", ["-D", _data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        Start();
    }

    public int Port { get; }

    /// <summary>The server, for creating and dropping databases (database <c>postgres</c>).</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Database=postgres;Username=postgres;Maximum Pool Size=50";

    public bool IsRunning { get; private set; }

    public static Task<PostgresServerProcess> StartAsync() => Task.Run(() => new PostgresServerProcess());

    /// <summary>Starts the cluster (again) on <see cref="Port"/>; returns once it accepts connections.</summary>
    public void Start()
    {
        var options = string.Join(' ',
            "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _data, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=100");
        RunPostgresTool("pg_ctl", ["start", "-D", _data, "-l", _log, "-w", "-t", "60", "-o", options]);
        IsRunning = true;
    }

    /// <summary>Fast shutdown: open sessions are ended (clients see 57P01), new connections are refused.</summary>
    public void Stop()
    {
        if (IsRunning)
        {
            RunPostgresTool("pg_ctl", ["stop", "-D", _data, "-m", "fast", "-w", "-t", "60"]);
            IsRunning = false;
        }
    }

    public Task StopAsync() => Task.Run(Stop);

    public Task StartAgainAsync() => IsRunning ? Task.CompletedTask : Task.Run(Start);

    public void Dispose()
    {
        try
        {
            if (IsRunning)
            {
                RunPostgresTool("pg_ctl", ["stop", "-D", _data, "-m", "immediate", "-w", "-t", "30"]);
                IsRunning = false;
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private void RunPostgresTool(string tool, string[] arguments)
    {
        var executable = Path.Combine(_bin, tool);
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", executable, .. arguments]);
        }
        else
        {
            Run(executable, arguments);
        }
    }

    private void Run(string fileName, string[] arguments)
    {
        // The postgres user may not be allowed into the test's working directory.
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var log = File.Exists(_log) ? File.ReadAllText(_log) : string.Empty;
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{error.Result}{log}");
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            : [];
        return candidates.OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql).");
    }
}
