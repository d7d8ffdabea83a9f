using System.Net;
using System.Text.Json;
using Leads.IntegrationTests.Caching;

namespace Leads.IntegrationTests.Warmup;

/// <summary><c>Caching:HotKeyWarming:Enabled=false</c>: the same traffic and invalidation as HotKeyWarmingTests reload nothing.</summary>
public sealed class HotKeyWarmingOffTests(HotKeyWarmingOffApiFactory factory) : IClassFixture<HotKeyWarmingOffApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task With_warming_switched_off_nothing_is_reloaded_after_a_bulk_invalidation()
    {
        var salesA = await factory.CreateSalesAClientAsync();
        for (var i = 0; i < 3; i++)
        {
            (await salesA.GetAsync("/api/leads?pageSize=10")).EnsureSuccessStatusCode();
            (await salesA.GetAsync("/api/leads/summary")).EnsureSuccessStatusCode();
        }

        // The page, the summary, and the category list the summary takes its category names from.
        (await ApiProbe.RedisKeysAsync(factory, "api:*")).Should().HaveCount(3);
        var admin = await factory.CreateAdminClientAsync();

        var response = await admin.DeleteAsync("/api/admin/cache?all=true");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rewarmed").GetInt32().Should().Be(0);
        (await ApiProbe.RedisKeysAsync(factory, "api:*")).Should().BeEmpty();
    }
}
