namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// The Lua that keeps tag generations from ever going backwards. A counter that does not exist (never bumped,
/// or lost to FLUSHALL, eviction or a failover) is created at a time-based floor, the server clock in
/// microseconds, instead of 0: every value a counter held before it was lost is lower than that, unless one tag
/// was bumped more than once per microsecond on average, which one Redis cannot do. Because of that floor a
/// counter may also expire: it is created with a lifetime (<c>ARGV[1]</c>, milliseconds) longer than any entry's,
/// and when it comes back higher, the entries stamped with it become misses once. So counters of tags nobody
/// writes (the tags of leads that do not exist, read by a 404) do not pile up. A script touches one key, or keys of one
/// hash slot, so it runs on Redis Cluster as it is.
/// </summary>
internal static class GenerationScripts
{
    private const string Floor = """
        local t = redis.call('TIME')
        local floor = tonumber(t[1]) * 1000000 + tonumber(t[2])
        """;

    /// <summary>
    /// INCR of every key (which keeps a counter's lifetime), in one call: a write bumps all its tags in one round
    /// trip and one script per hash slot. A counter that did not exist answers 1 to INCR (existing ones are far
    /// above, at least the floor), and is then set to the floor plus one with its lifetime, as if it had been
    /// created at the floor and bumped. The clock is read only then. Every key of one call must be in one hash slot
    /// on Redis Cluster (<see cref="TagGenerations.IncrementAsync"/> groups them).
    /// </summary>
    public const string IncrementMany = """
        local floor
        local result = {}
        for i, key in ipairs(KEYS) do
          local value = redis.call('INCR', key)
          if value == 1 then
            if not floor then
              local t = redis.call('TIME')
              floor = tonumber(t[1]) * 1000000 + tonumber(t[2])
            end
            value = floor + 1
            redis.call('SET', key, string.format('%.0f', value), 'PX', ARGV[1])
          end
          result[i] = value
        end
        return result
        """;

    /// <summary>
    /// The counter's value, created at the floor when missing, and raised above the floor and above
    /// <c>ARGV[2]</c> (the highest value this instance saw) when lower: a failover that lost INCRs would
    /// otherwise hand out generations again that entries of older data may carry.
    /// </summary>
    public const string Repair = """
        local current = redis.call('GET', KEYS[1])
        local known = tonumber(ARGV[2])
        if current and tonumber(current) >= known then
          return current
        end
        """ + "\n" + Floor + """

        if floor <= known then
          floor = known + 1
        end
        redis.call('SET', KEYS[1], string.format('%.0f', floor), 'PX', ARGV[1])
        return redis.call('GET', KEYS[1])
        """;
}
