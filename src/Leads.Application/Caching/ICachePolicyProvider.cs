namespace Leads.Application.Caching;

public interface ICachePolicyProvider
{
    /// <summary>The policy named <paramref name="name"/>; throws for an unknown name so typos fail loudly.</summary>
    CachePolicy Get(string name);
}
