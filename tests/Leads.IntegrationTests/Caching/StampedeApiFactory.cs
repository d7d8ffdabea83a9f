namespace Leads.IntegrationTests.Caching;

/// <summary>A host for concurrency tests: the Redis lease wait is raised too, so a slow machine cannot outlast it.</summary>
public sealed class StampedeApiFactory : CachingApiFactory
{
    public StampedeApiFactory() => Settings["Caching:Stampede:LeaseWait"] = "00:00:05";
}
