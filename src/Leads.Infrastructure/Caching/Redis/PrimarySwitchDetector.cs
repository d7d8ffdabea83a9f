namespace Leads.Infrastructure.Caching.Redis;

/// <summary>
/// Tells whether a Redis primary this instance writes to is another one than at the last look, from each
/// primary's endpoint and replication id (<c>master_replid</c> of <c>INFO replication</c>). A replica promoted
/// to primary takes a new replication id, and so does a server restarted (empty, or from an older RDB), so
/// either shows as a change even when the endpoint stays the same; a primary that moved to another endpoint
/// shows as a new endpoint. Not thread-safe: one caller at a time (<see cref="RedisPrimaryWatch"/>).
/// </summary>
public sealed class PrimarySwitchDetector
{
    private Dictionary<string, string> _last = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the primaries seen now (a null id: that server could not be asked, its last known id is kept) and
    /// returns true when one of them has an id or an endpoint not seen at the last look. The first look that
    /// learns anything returns false: there was nothing to switch from. A primary no longer listed (an old one
    /// that became a replica) is forgotten; seeing it again as a primary counts as a switch.
    /// </summary>
    public bool Observe(IReadOnlyCollection<(string EndPoint, string? ReplicationId)> primaries)
    {
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var (endPoint, replicationId) in primaries)
        {
            var known = _last.TryGetValue(endPoint, out var id) ? id : null;
            if (replicationId is null)
            {
                if (known is not null)
                {
                    current[endPoint] = known;
                }

                continue;
            }

            current[endPoint] = replicationId;
            changed |= _last.Count > 0 && !string.Equals(known, replicationId, StringComparison.Ordinal);
        }

        if (current.Count > 0)
        {
            _last = current;
        }

        return changed;
    }

    /// <summary>Whether a look has recorded any primary yet.</summary>
    public bool HasLooked => _last.Count > 0;

    /// <summary>True when every one of <paramref name="primaries"/> has the endpoint and id of the last look. Records nothing.</summary>
    public bool Matches(IReadOnlyCollection<(string EndPoint, string? ReplicationId)> primaries) =>
        _last.Count > 0 && primaries.All(p => _last.TryGetValue(p.EndPoint, out var id) && string.Equals(id, p.ReplicationId, StringComparison.Ordinal));

    /// <summary>The <c>master_replid</c> field of an <c>INFO replication</c> answer, or null when it has none.</summary>
    public static string? ReplicationId(IEnumerable<IGrouping<string, KeyValuePair<string, string>>> info) =>
        info.SelectMany(group => group).Where(pair => pair.Key == "master_replid").Select(pair => pair.Value).FirstOrDefault(value => value.Length > 0);
}
