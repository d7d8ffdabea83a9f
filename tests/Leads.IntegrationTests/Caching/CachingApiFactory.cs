using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Caching;

/// <summary>
/// The API host of the service-level cache tests. Redis calls get 2 s instead of the production 50 ms: on a
/// saturated test machine scheduling delays alone exceed 50 ms, which would turn hits into "unavailable" and
/// silently skip stores (and then open the circuit), making outcomes depend on load. What these tests specify
/// (what is cached, for whom, how often the query runs) does not depend on the timeout; the fault tests run
/// with the production timeout.
/// </summary>
public class CachingApiFactory : LeadsApiFactory
{
    public CachingApiFactory() => Settings["Caching:Redis:OperationTimeout"] = "00:00:02";
}
