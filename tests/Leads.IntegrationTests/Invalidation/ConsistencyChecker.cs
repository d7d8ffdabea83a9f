using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Domain.Leads;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// Checks "a read never goes back behind an acknowledged write" through HTTP under concurrency. One writer per
/// hot lead alternates PUT (notes carry a counter) and PATCH status, always with the expected version, so the
/// version each acknowledged write produced is known without trusting any read. Readers hammer the same leads
/// by id and through the list, as an admin and as a member of the leads' team (two cache partitions). Every
/// read that started after a write was acknowledged must show that version or a later one, and every write's own
/// response must show the version it produced. Times come from
/// one monotonic clock; a write counts as acknowledged when its response has arrived. Given
/// <paramref name="readerHosts"/> (other instances of the same deployment), the readers run there and the writers
/// on <paramref name="factory"/>: read-after-write across instances.
/// </summary>
public sealed class ConsistencyChecker(LeadsApiFactory factory, IReadOnlyList<LeadsApiFactory>? readerHosts = null)
{
    public const int HotLeads = 3;
    private const string List = "/api/leads?pageSize=100";
    private static readonly TimeSpan WritePause = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Runs for at least <paramref name="duration"/> and until every writer has made <paramref name="writesPerLead"/>
    /// writes (so a slow machine yields fewer reads, not a check without writes), at most <paramref name="maxDuration"/>.
    /// </summary>
    public async Task<ConsistencyReport> RunAsync(TimeSpan duration, int writesPerLead, TimeSpan maxDuration, int readers)
    {
        // Not won: from any other status a lead can be marked lost, and from lost it can be reopened.
        var leads = await factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamA && l.Status != LeadStatus.Won)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Take(HotLeads)
            .ToListAsync());
        leads.Should().HaveCount(HotLeads);
        var indexOf = leads.Select((lead, i) => (lead.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var writerClients = await Task.WhenAll(leads.Select(_ => factory.CreateAdminClientAsync()));
        var readerClients = await Task.WhenAll(Enumerable.Range(0, readers)
            .Select(r =>
            {
                var host = readerHosts is { Count: > 0 } ? readerHosts[r % readerHosts.Count] : factory;
                return r % 2 == 0 ? host.CreateAdminClientAsync() : host.CreateSalesAClientAsync();
            }));
        try
        {
            var acks = leads.Select(_ => new List<(long At, long Version)>()).ToArray();
            var writeTimes = leads.Select(_ => new List<double>()).ToArray();
            var observations = Enumerable.Range(0, readers).Select(_ => new List<Observation>()).ToArray();
            var failedWrites = new int[leads.Count];
            var failedReads = new int[readers];

            var started = Stopwatch.GetTimestamp();
            var plan = new WriterPlan(
                started + (long)(duration.TotalSeconds * Stopwatch.Frequency),
                started + (long)(maxDuration.TotalSeconds * Stopwatch.Frequency),
                writesPerLead);
            var staleResponses = leads.Select(_ => new List<StaleRead>()).ToArray();
            var writers = leads.Select((lead, i) => Task.Run(() => WriteAsync(writerClients[i], lead, acks[i], writeTimes[i], staleResponses[i], failedWrites, i, plan))).ToArray();
            using var writersDone = new CancellationTokenSource();
            var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(() =>
                ReadAsync(readerClients[r], r % 3 == 0, leads.Select(l => l.Id).ToArray(), indexOf, observations[r], failedReads, r, writersDone.Token))).ToArray();
            try
            {
                await Task.WhenAll(writers);
            }
            finally
            {
                await writersDone.CancelAsync();
                await Task.WhenAll(readerTasks);
            }

            var stale = staleResponses.SelectMany(s => s).ToList();
            var readsAfterAck = 0;
            foreach (var observation in observations.SelectMany(o => o))
            {
                var leadAcks = acks[observation.Lead];
                var last = LastAckBefore(leadAcks, observation.Started);
                if (last < 0)
                {
                    continue;
                }

                readsAfterAck++;
                var (at, version) = leadAcks[last];
                if (observation.Version < version)
                {
                    stale.Add(new StaleRead(leads[observation.Lead].Id, observation.Source, observation.Version, version, Stopwatch.GetElapsedTime(at, observation.Started)));
                }
            }

            return new ConsistencyReport(
                acks.Sum(a => a.Count),
                failedWrites.Sum(),
                observations.Sum(o => o.Count),
                failedReads.Sum(),
                readsAfterAck,
                stale)
            {
                WriteMilliseconds = writeTimes.SelectMany(w => w).Order().ToArray(),
            };
        }
        finally
        {
            foreach (var client in writerClients.Concat(readerClients))
            {
                client.Dispose();
            }
        }
    }

    private static async Task WriteAsync(
        HttpClient client, Lead lead, List<(long At, long Version)> acks, List<double> writeTimes, List<StaleRead> staleResponses, int[] failures, int slot, WriterPlan plan)
    {
        var url = $"/api/leads/{lead.Id}";
        var version = lead.Version;
        var status = lead.Status;
        for (var counter = 1; plan.Continues(counter - 1); counter++)
        {
            // No cancellation: a write that commits must also be acknowledged, or the next expected version is unknown.
            HttpResponseMessage response;
            var sent = Stopwatch.GetTimestamp();
            var next = status == LeadStatus.Lost ? LeadStatus.New : LeadStatus.Lost;
            if (counter % 2 == 1)
            {
                response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead, version) with { Notes = $"write {counter}" }, CachedRead.Json);
            }
            else
            {
                response = await client.PatchAsJsonAsync($"{url}/status", new { status = next.ToString(), version }, CachedRead.Json);
            }

            var acknowledged = Stopwatch.GetTimestamp();
            LeadDto body;
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures[slot]++;
                    return;
                }

                body = (await response.Content.ReadFromJsonAsync<LeadDto>(CachedRead.Json))!;
            }

            // Every successful write bumps the version by exactly one (Lead.Touch). The response is built after the
            // commit and its invalidation, so it must show the write as well.
            version++;
            if (body.Version < version)
            {
                staleResponses.Add(new StaleRead(lead.Id, "write response", body.Version, version, TimeSpan.Zero));
            }

            if (counter % 2 == 0)
            {
                status = next;
            }

            acks.Add((acknowledged, version));
            writeTimes.Add(Stopwatch.GetElapsedTime(sent, acknowledged).TotalMilliseconds);
            await Task.Delay(WritePause);
        }
    }

    private static async Task ReadAsync(
        HttpClient client, bool readsList, Guid[] leadIds, Dictionary<Guid, int> indexOf, List<Observation> observations, int[] failures, int slot, CancellationToken stop)
    {
        var random = new Random(slot);
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            if (readsList)
            {
                var read = await client.ReadAsync(List);
                if (read.Status != HttpStatusCode.OK)
                {
                    failures[slot]++;
                    continue;
                }

                foreach (var lead in read.As<PagedResult<LeadDto>>().Items)
                {
                    if (indexOf.TryGetValue(lead.Id, out var index))
                    {
                        observations.Add(new Observation(index, started, lead.Version, "list"));
                    }
                }
            }
            else
            {
                var id = leadIds[random.Next(leadIds.Length)];
                var read = await client.ReadAsync($"/api/leads/{id}");
                if (read.Status != HttpStatusCode.OK)
                {
                    failures[slot]++;
                    continue;
                }

                observations.Add(new Observation(indexOf[id], started, read.As<LeadDto>().Version, "by id"));
            }
        }
    }

    /// <summary>Index of the last acknowledgement strictly before <paramref name="started"/>, or -1 (acks are in time order: one writer per lead).</summary>
    private static int LastAckBefore(List<(long At, long Version)> acks, long started)
    {
        int low = 0, high = acks.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (acks[middle].At < started)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private readonly record struct Observation(int Lead, long Started, long Version, string Source);

    private readonly record struct WriterPlan(long MinimumEnd, long MaximumEnd, int Writes)
    {
        public bool Continues(int done)
        {
            var now = Stopwatch.GetTimestamp();
            return now < MaximumEnd && (now < MinimumEnd || done < Writes);
        }
    }
}
