using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Leads.IntegrationTests.Infrastructure;

/// <summary>
/// Redis with Sentinel from Debian's redis-server on loopback, for the scale suite: a primary, a replica and three
/// sentinels (quorum 2, down-after 1 s) watching the service <see cref="ServiceName"/>. Everything asks for
/// <see cref="Password"/>, the sentinels too, as in deploy/docker-compose.yml: the client authenticates to both
/// with the password of its connection string. Ports are drawn from 46000-55000 (below the cluster bus limit of
/// 55535, apart from the cluster fixture's 20000-45535 and build.ps1's 55432/56379). Nothing is persisted; the
/// sentinels' files live in a temporary directory removed on dispose.
/// </summary>
public sealed class RedisSentinel : IDisposable
{
    public const string ServiceName = "mymaster";
    public const string Password = "sentinel-fixture-password";
    private const int SentinelCount = 3;
    private readonly string _directory = Directory.CreateTempSubdirectory("leads-sentinel-").FullName;
    private readonly List<RedisServerProcess> _nodes = [];
    private readonly List<RedisServerProcess> _sentinels = [];

    public RedisSentinel()
    {
        try
        {
            var ports = FreePorts(2 + SentinelCount);
            _nodes.Add(new RedisServerProcess(ports[0], NodeArguments()));
            _nodes.Add(new RedisServerProcess(ports[1], [.. NodeArguments(), "--replicaof", "127.0.0.1", Text(ports[0])]));
            foreach (var port in ports.Skip(2))
            {
                var file = Path.Combine(_directory, $"sentinel-{Text(port)}.conf");
                File.WriteAllLines(file,
                [
                    $"sentinel monitor {ServiceName} 127.0.0.1 {Text(ports[0])} 2",
                    $"sentinel down-after-milliseconds {ServiceName} 1000",
                    $"sentinel failover-timeout {ServiceName} 5000",
                    $"sentinel auth-pass {ServiceName} {Password}",
                    $"sentinel sentinel-pass {Password}",
                    $"requirepass {Password}",
                ]);
                _sentinels.Add(new RedisServerProcess(file, port, "--sentinel"));
            }

            WaitUntil(() => Formed(ports[0]), TimeSpan.FromSeconds(30), "the replica to sync and the sentinels to find each other");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<int> SentinelPorts => _sentinels.Select(s => s.Port).ToArray();

    /// <summary>What the API is given: the sentinels, the service name and the password (docs/deployment.md).</summary>
    public string ConnectionString =>
        string.Join(',', SentinelPorts.Select(p => "127.0.0.1:" + Text(p))) + $",serviceName={ServiceName},password={Password},abortConnect=false";

    /// <summary>The port of the node the sentinels name as primary.</summary>
    public int PrimaryPort => int.Parse(Cli(SentinelPorts[0], "SENTINEL", "get-master-addr-by-name", ServiceName).Split('\n')[1], CultureInfo.InvariantCulture);

    /// <summary>The port of the node the sentinels name as replica.</summary>
    public int ReplicaPort
    {
        get
        {
            var primary = PrimaryPort;
            return _nodes.Single(n => n.Port != primary).Port;
        }
    }

    public RedisServerProcess Node(int port) => _nodes.Single(n => n.Port == port);

    /// <summary>SENTINEL FAILOVER, and wait until the replica is a primary. Returns how long that took.</summary>
    public TimeSpan Failover(TimeSpan timeout)
    {
        var next = ReplicaPort;
        var started = Stopwatch.GetTimestamp();
        var answer = Cli(SentinelPorts[0], "SENTINEL", "FAILOVER", ServiceName);
        if (!answer.StartsWith("OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"SENTINEL FAILOVER answered {answer}");
        }

        WaitUntil(() => Role(next) == "master", timeout, $"127.0.0.1:{next} to be promoted");
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Waits until every sentinel names <paramref name="primary"/>, which has a synced replica again (the old primary, reconfigured).</summary>
    public void WaitUntilSettled(int primary, TimeSpan timeout) =>
        WaitUntil(() => Formed(primary), timeout, $"every sentinel to name 127.0.0.1:{primary} and the other node to replicate from it");

    /// <summary>Runs redis-cli against <paramref name="port"/> with the fixture's password and returns its output.</summary>
    public static string Cli(int port, params string[] arguments)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", Text(port), "--no-auth-warning", "-a", Password }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            throw new TimeoutException($"redis-cli -p {port} {string.Join(' ', arguments)} did not return.");
        }

        return output.Result.Trim();
    }

    public void Dispose()
    {
        foreach (var server in _sentinels.Concat(_nodes))
        {
            server.Dispose();
        }

        _sentinels.Clear();
        _nodes.Clear();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A sentinel may still be closing its file; the directory is under /tmp.
        }
    }

    private static string[] NodeArguments() =>
        ["--requirepass", Password, "--masterauth", Password, "--maxmemory", "256mb", "--maxmemory-policy", "volatile-lru"];

    /// <summary>The node on <paramref name="primary"/> is a primary with a synced replica, and every sentinel names it and sees the other two.</summary>
    private bool Formed(int primary)
    {
        var replication = Cli(primary, "INFO", "replication");
        if (!replication.Contains("role:master", StringComparison.Ordinal) || !replication.Contains("state=online", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var sentinel in SentinelPorts)
        {
            var fields = Cli(sentinel, "SENTINEL", "master", ServiceName).Split('\n').Select(l => l.Trim()).ToArray();
            string Field(string name) => fields.SkipWhile(f => f != name).Skip(1).FirstOrDefault() ?? string.Empty;
            if (Field("port") != Text(primary) || Field("num-slaves") != "1" || Field("num-other-sentinels") != Text(SentinelCount - 1) || Field("flags") != "master")
            {
                return false;
            }
        }

        return true;
    }

    private static string Role(int port) =>
        Cli(port, "ROLE").Split('\n').FirstOrDefault()?.Trim() ?? string.Empty;

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}.");
            }

            Thread.Sleep(50);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int[] FreePorts(int count)
    {
        var random = new Random();
        var found = new List<int>();
        while (found.Count < count)
        {
            var port = random.Next(46000, 55000);
            if (port != 55432 && !found.Contains(port) && IsFree(port))
            {
                found.Add(port);
            }
        }

        return found.ToArray();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
