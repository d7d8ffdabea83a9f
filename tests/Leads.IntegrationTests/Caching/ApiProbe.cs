using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Infrastructure.Caching.Redis;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Caching;

/// <summary>What the service-level tests look at: the Cache-Status header, lead pages, the Redis keys a host wrote, request timings.</summary>
public static class ApiProbe
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Status", out var values) ? string.Join(", ", values) : string.Empty;

    public static async Task<PagedResult<LeadDto>> LeadPageAsync(HttpClient client, string query = "pageSize=100")
    {
        var response = await client.GetAsync("/api/leads?" + query);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PagedResult<LeadDto>>(Json))!;
    }

    public static async Task<IReadOnlyList<Guid>> LeadIdsAsync(HttpClient client, int count) =>
        (await LeadPageAsync(client, "pageSize=" + count)).Items.Select(l => l.Id).ToArray();

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<T>(Json))!;

    /// <summary>The Redis keys of <paramref name="factory"/>'s prefix matching <c>{prefix}:{pattern}</c>.</summary>
    public static async Task<IReadOnlyList<string>> RedisKeysAsync(LeadsApiFactory factory, string pattern)
    {
        var multiplexer = factory.Services.GetRequiredService<RedisConnection>().Multiplexer;
        var keys = new List<string>();
        foreach (var endPoint in multiplexer.GetEndPoints())
        {
            await foreach (var key in multiplexer.GetServer(endPoint).KeysAsync(pattern: factory.KeyPrefix + ":" + pattern, pageSize: 1000))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }

    public static async Task<(HttpResponseMessage Response, double Milliseconds)> TimedGetAsync(HttpClient client, string url)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await client.GetAsync(url);
        await response.Content.LoadIntoBufferAsync();
        return (response, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
