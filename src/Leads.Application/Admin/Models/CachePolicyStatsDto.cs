namespace Leads.Application.Admin.Models;

/// <summary>Lookups of one policy since the instance started.</summary>
public sealed record CachePolicyStatsDto(string Level, string Policy, long HitsL1, long HitsL2, long Misses, long Bypassed, long Unavailable)
{
    public double HitRatio
    {
        get
        {
            var total = HitsL1 + HitsL2 + Misses + Bypassed + Unavailable;
            return total == 0 ? 0 : Math.Round((double)(HitsL1 + HitsL2) / total, 4);
        }
    }
}
