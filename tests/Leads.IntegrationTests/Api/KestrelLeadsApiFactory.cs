using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// The API on a real Kestrel listener (loopback, dynamic port). The in-memory test server enforces no request
/// body limit, so what Kestrel refuses (a body over <c>Api:MaxRequestBodyBytes</c>) can only be seen here.
/// </summary>
public sealed class KestrelLeadsApiFactory : LeadsApiFactory
{
    public KestrelLeadsApiFactory() => UseKestrel(0);
}
