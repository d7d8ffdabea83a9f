using System.Net;
using System.Net.Http.Json;
using Leads.Application.Leads.Models;
using Leads.IntegrationTests.Infrastructure;
using Leads.IntegrationTests.Invalidation;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Scale;

/// <summary>Every lead read on every host of a deployment, compared with the version Postgres has: what a fault left stale in any cache.</summary>
public static class PostgresAgreement
{
    /// <summary>
    /// Reads every lead by id as an admin on each of <paramref name="hosts"/>, <paramref name="passes"/> times (the second
    /// pass comes from the caches the first filled), and returns every read that was not a 200 with the version
    /// Postgres has in <paramref name="owner"/>'s database.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DisagreementsAsync(LeadsApiFactory owner, IReadOnlyList<LeadsApiFactory> hosts, int passes)
    {
        var versions = await owner.WithDbAsync(db => db.Leads.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Version));
        var disagreements = new List<string>();
        for (var h = 0; h < hosts.Count; h++)
        {
            using var client = await hosts[h].CreateAdminClientAsync();
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var (id, version) in versions)
                {
                    using var response = await client.GetAsync($"/api/leads/{id}");
                    var seen = response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<LeadDto>(CachedRead.Json))!.Version : -1;
                    if (seen != version)
                    {
                        disagreements.Add($"host {h}, pass {pass}, lead {id}: {(int)response.StatusCode}, version {seen}, Postgres has {version}");
                    }
                }
            }
        }

        return disagreements;
    }
}
