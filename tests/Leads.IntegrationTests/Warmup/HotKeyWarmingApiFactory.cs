using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Warmup;

/// <summary>
/// A host that re-warms hot keys after a bulk invalidation, with every lookup counted for the hot-key ranking
/// (sample rate 1), so which keys are hot does not depend on chance.
/// </summary>
public class HotKeyWarmingApiFactory : LeadsApiFactory
{
    public HotKeyWarmingApiFactory()
    {
        Settings["Caching:HotKeyWarming:Enabled"] = "true";
        Settings["Caching:Monitoring:HotKeySampleRate"] = "1";
    }
}

/// <summary>The same host with re-warming switched off.</summary>
public sealed class HotKeyWarmingOffApiFactory : HotKeyWarmingApiFactory
{
    public HotKeyWarmingOffApiFactory() => Settings["Caching:HotKeyWarming:Enabled"] = "false";
}
