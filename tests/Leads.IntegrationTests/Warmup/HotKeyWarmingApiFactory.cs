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

        // These tests count every reload; the first run in a fresh process compiles the whole load path and can
        // pass the 2 s default. The bound itself is specified by HotKeyWarmingTimeoutTests.
        Settings["Caching:HotKeyWarming:Timeout"] = "00:01:00";
    }
}

/// <summary>The same host with re-warming switched off.</summary>
public sealed class HotKeyWarmingOffApiFactory : HotKeyWarmingApiFactory
{
    public HotKeyWarmingOffApiFactory() => Settings["Caching:HotKeyWarming:Enabled"] = "false";
}

/// <summary>The re-warming host with a short overall bound for the reloads.</summary>
public sealed class HotKeyWarmingBoundedApiFactory : HotKeyWarmingApiFactory
{
    public static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(500);

    public HotKeyWarmingBoundedApiFactory() => Settings["Caching:HotKeyWarming:Timeout"] = Bound.ToString();
}
