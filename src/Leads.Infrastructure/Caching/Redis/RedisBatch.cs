using StackExchange.Redis;

namespace Leads.Infrastructure.Caching.Redis;

/// <summary>
/// Multi-key reads in as few round trips as possible: one MGET on a single server, one MGET per hash slot on
/// Redis Cluster (where a multi-key command must not span slots).
/// </summary>
public static class RedisBatch
{
    public static async Task<RedisValue[]> GetManyAsync(IDatabase database, RedisKey[] keys)
    {
        if (keys.Length == 0)
        {
            return [];
        }

        var multiplexer = database.Multiplexer;
        if (!IsCluster(multiplexer))
        {
            return await database.StringGetAsync(keys);
        }

        var results = new RedisValue[keys.Length];
        var groups = keys.Select((key, index) => (key, index)).GroupBy(k => multiplexer.HashSlot(k.key));
        await Task.WhenAll(groups.Select(async group =>
        {
            var members = group.ToArray();
            var values = await database.StringGetAsync(members.Select(m => m.key).ToArray());
            for (var i = 0; i < members.Length; i++)
            {
                results[members[i].index] = values[i];
            }
        }));
        return results;
    }

    public static bool IsCluster(IConnectionMultiplexer multiplexer)
    {
        foreach (var endPoint in multiplexer.GetEndPoints(configuredOnly: true))
        {
            var server = multiplexer.GetServer(endPoint);
            if (server.IsConnected && server.ServerType == ServerType.Cluster)
            {
                return true;
            }
        }

        return false;
    }
}
