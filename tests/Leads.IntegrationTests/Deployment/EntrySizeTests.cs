using System.Globalization;
using System.Net;
using Leads.Infrastructure.Caching.Redis;
using Leads.Infrastructure.Caching.Tiers;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Leads.IntegrationTests.Deployment;

/// <summary>
/// The sizing figures of docs/deployment.md ("Sizing"): after reading every seeded lead, a list page and the
/// summary, the Redis memory of each kind of entry (MEMORY USAGE: key, value and Redis's own overhead) stays
/// within what the page tells operators to plan for. Printed per policy, so the page can be updated from a run.
/// </summary>
public sealed class EntrySizeTests(LeadsApiFactory factory, ITestOutputHelper output) : ApiTestBase(factory)
{
    /// <summary>The bounds docs/deployment.md gives per entry (bytes of Redis memory).</summary>
    private static readonly Dictionary<string, long> DocumentedBytes = new(StringComparer.Ordinal)
    {
        ["api:LeadById"] = 1024,
        ["db:LeadRecord"] = 1024,
        ["api:LeadsList"] = 2048,
        ["tag"] = 128,
    };

    [Fact]
    public async Task Each_kind_of_entry_takes_no_more_Redis_memory_than_the_deployment_page_says()
    {
        var client = await Factory.CreateAdminClientAsync();
        var ids = await Factory.WithDbAsync(db => db.Leads.Select(l => l.Id).ToArrayAsync());
        foreach (var id in ids)
        {
            (await client.GetAsync($"/api/leads/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await client.GetAsync("/api/leads?pageSize=20")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/leads/summary")).StatusCode.Should().Be(HttpStatusCode.OK);

        var redis = Factory.Services.GetRequiredService<RedisConnection>().Multiplexer;
        var server = redis.GetServers().Single(s => s.IsConnected && !s.IsReplica);
        var sizes = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: Factory.KeyPrefix + ":*", pageSize: 1000))
        {
            var parts = ((string)key!).Split(':');
            var kind = parts[1] == "tag" || parts.Length < 3 ? parts[1] : parts[1] + ":" + parts[2];
            var usage = (long)await redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
            (sizes.TryGetValue(kind, out var list) ? list : sizes[kind] = []).Add(usage);
        }

        var l1 = Factory.Services.GetRequiredService<L1Cache>();
        var lines = sizes.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}: {pair.Value.Count} keys, {pair.Value.Average():F0} B average, {pair.Value.Max()} B largest"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"L1: {l1.SizeBytes} B of payload estimated for the entries above"))
            .ToArray();
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        // Also in a file, since a passing test's output is not shown by the default console logger.
        Directory.CreateDirectory(Path.Combine(DeploymentFiles.RepositoryRoot, "artifacts"));
        await File.WriteAllLinesAsync(Path.Combine(DeploymentFiles.RepositoryRoot, "artifacts", "entry-sizes.txt"), lines);
        sizes.Keys.Should().Contain(DocumentedBytes.Keys);
        sizes["api:LeadById"].Should().HaveCount(ids.Length);
        foreach (var (kind, bound) in DocumentedBytes)
        {
            sizes[kind].Max().Should().BeLessThanOrEqualTo(bound, "docs/deployment.md plans {0} entries at up to {1} B", kind, bound);
        }
    }
}
