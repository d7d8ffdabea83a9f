using System.Globalization;
using Leads.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// A private redis-server for one test class, with an admin connection that reads its command statistics
/// (how many GET, MGET, UNLINK… the engine sent) and counts keys by pattern.
/// </summary>
public sealed class OwnRedisFixture : IAsyncLifetime
{
    private ConnectionMultiplexer? _admin;

    public RedisServerProcess Server { get; } = new();

    public string ConnectionString => Server.ConnectionString;

    private IServer AdminServer => _admin!.GetServer(_admin.GetEndPoints()[0]);

    public async Task InitializeAsync() =>
        _admin = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");

    public async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        Server.Dispose();
    }

    public Task ResetCommandStatsAsync() => AdminServer.ConfigResetStatisticsAsync();

    /// <summary>FLUSHALL: what an operator's mistake, a restart without persistence or a failed-over empty replica leaves.</summary>
    public Task FlushAllAsync() => AdminServer.FlushAllDatabasesAsync();

    /// <summary>How many times <paramref name="command"/> ran since the last reset (INFO commandstats).</summary>
    public async Task<long> CallsAsync(string command)
    {
        var sections = await AdminServer.InfoAsync("commandstats");
        var name = "cmdstat_" + command.ToLowerInvariant();
        foreach (var entry in sections.SelectMany(s => s))
        {
            if (entry.Key == name)
            {
                var calls = entry.Value.Split(',')[0];
                return long.Parse(calls["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>How many clients subscribe to <paramref name="channel"/> (PUBSUB NUMSUB).</summary>
    public async Task<long> SubscribersAsync(string channel)
    {
        var reply = (RedisResult[])(await AdminServer.ExecuteAsync("PUBSUB", "NUMSUB", channel))!;
        return (long)reply[1];
    }

    public async Task<int> CountKeysAsync(string pattern)
    {
        var count = 0;
        await foreach (var _ in AdminServer.KeysAsync(pattern: pattern, pageSize: 1000))
        {
            count++;
        }

        return count;
    }
}
