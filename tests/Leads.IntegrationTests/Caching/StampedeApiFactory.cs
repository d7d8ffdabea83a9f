using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// A host for concurrency tests: Redis calls get 2 s instead of 50 ms, so dozens of requests racing on a
/// loaded test machine are not turned into "Redis unavailable" (each then loading on its own) by scheduling
/// delays. What the tests measure, the single flight, does not depend on the timeout.
/// </summary>
public sealed class StampedeApiFactory : LeadsApiFactory
{
    public StampedeApiFactory()
    {
        Settings["Caching:Redis:OperationTimeout"] = "00:00:02";
        Settings["Caching:Stampede:LeaseWait"] = "00:00:05";
    }
}
