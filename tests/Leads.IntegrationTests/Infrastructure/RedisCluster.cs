using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Infrastructure;

/// <summary>
/// A 3-primary Redis Cluster from Debian's redis-server on loopback, formed with <c>redis-cli --cluster create</c>,
/// for the scale suite (<c>build.ps1 test -Suite scale</c>). Ports are at most 45535: a node's cluster bus
/// listens on its port + 10000, which must stay a valid port. Nothing is persisted; the node files live in a
/// temporary directory removed on dispose. <see cref="RestartPrimary"/> restarts one node in place, as after a crash.
/// </summary>
public sealed class RedisCluster : IDisposable
{
    private const int Nodes = 3;
    private readonly string _directory = Directory.CreateTempSubdirectory("leads-cluster-").FullName;
    private readonly List<RedisServerProcess> _servers = [];

    public RedisCluster()
    {
        try
        {
            foreach (var port in FreeClusterPorts(Nodes))
            {
                var text = port.ToString(CultureInfo.InvariantCulture);
                _servers.Add(new RedisServerProcess(
                    port,
                    "--cluster-enabled", "yes",
                    "--cluster-config-file", Path.Combine(_directory, $"nodes-{text}.conf"),
                    "--cluster-node-timeout", "2000",
                    "--dir", _directory));
            }

            Create();
            WaitUntilOk(TimeSpan.FromSeconds(30));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<int> Ports => _servers.Select(s => s.Port).ToArray();

    public string ConnectionString => string.Join(',', Ports.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Restarts the primary on <paramref name="port"/> in place, like a node that crashed and came back: SIGKILL,
    /// then redis-server again on the same port with the same node file, so it rejoins with its node id and its
    /// slots but without its data (nothing is persisted). Returns once every node reports cluster_state:ok again;
    /// the restarted one first waits out Redis's rejoin delay (about 2 s), answering CLUSTERDOWN meanwhile.
    /// </summary>
    public void RestartPrimary(int port, TimeSpan timeout)
    {
        var server = _servers.Single(s => s.Port == port);
        server.Kill();
        server.Start();
        WaitUntilOk(timeout);
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }

        _servers.Clear();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A node may still be closing its files; the directory is under /tmp.
        }
    }

    private void Create()
    {
        var create = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        create.ArgumentList.Add("--cluster");
        create.ArgumentList.Add("create");
        foreach (var port in Ports)
        {
            create.ArgumentList.Add("127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        }

        create.ArgumentList.Add("--cluster-replicas");
        create.ArgumentList.Add("0");
        create.ArgumentList.Add("--cluster-yes");
        using var process = Process.Start(create) ?? throw new InvalidOperationException("redis-cli could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed: {output.Result}{error.Result}");
        }
    }

    private void WaitUntilOk(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        using var admin = ConnectionMultiplexer.Connect(ConnectionString + ",allowAdmin=true,abortConnect=false");
        while (true)
        {
            if (Ports.All(p => IsOk(admin.GetServer("127.0.0.1", p))))
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"The cluster on {ConnectionString} did not reach cluster_state:ok within {timeout}.");
            }

            Thread.Sleep(100);
        }
    }

    private static bool IsOk(IServer server)
    {
        try
        {
            return ((string?)server.Execute("CLUSTER", "INFO"))?.Contains("cluster_state:ok", StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // A node just restarted: the admin connection has not reconnected to it yet.
            return false;
        }
    }

    private static IEnumerable<int> FreeClusterPorts(int count)
    {
        var random = new Random();
        var found = new List<int>();
        while (found.Count < count)
        {
            var port = random.Next(20000, 45535);
            if (!found.Contains(port) && IsFree(port) && IsFree(port + 10000))
            {
                found.Add(port);
            }
        }

        return found;
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
