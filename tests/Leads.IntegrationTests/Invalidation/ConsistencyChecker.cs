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
/// hot lead cycles through PUT (notes carry a counter), PATCH status, PUT moving the lead between two categories and
/// PATCH status again, always with the expected version, so the version each acknowledged write produced is known
/// without trusting any read. Readers hammer the same leads by id, through the list, through the page of Lost
/// leads, through the page of one category and through the summary, as an admin and as a member of the leads' team
/// (two cache partitions). Every read that started after a write was acknowledged must show that version or a later
/// one; the Lost page and the summary must reflect every status write acknowledged before they started
/// (<see cref="StatusReads"/>), the category page every category move (<see cref="CategoryReads"/>); and every
/// write's own response must show the version it produced. Times come from
/// one monotonic clock; a write counts as acknowledged when its response has arrived. Every reader reads once before
/// the writers start, so the entries the writes race with are warm; the writers go on until every kind of read has
/// completed at least once after the first acknowledged write, so a slow machine cannot end the run before any read
/// of a kind raced with a write. Given <paramref name="readerHosts"/> (other instances of the same deployment), the
/// readers run there and the writers on <paramref name="factory"/>: read-after-write across instances.
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
        var timelines = leads.Select(l => new FieldTimeline<LeadStatus>(l.Id, l.Status, l.Version)).ToArray();
        var categoryTimelines = leads.Select(l => new FieldTimeline<Guid>(l.Id, l.CategoryId, l.Version)).ToArray();
        var hotLost = leads.Count(l => l.Status == LeadStatus.Lost);
        var everyone = new StatusReads.Scope("admin", await factory.WithDbAsync(db => db.Leads.CountAsync(l => l.Status == LeadStatus.Lost)) - hotLost);
        var teamA = new StatusReads.Scope("team A", await factory.WithDbAsync(db => db.Leads.CountAsync(l => l.Status == LeadStatus.Lost && l.TeamId == DemoData.TeamA)) - hotLost);

        // Kinds of read take turns; each kind is read as an admin and as a member of team A (r / Kinds alternates).
        var writerClients = await Task.WhenAll(leads.Select(_ => factory.CreateAdminClientAsync()));
        var readerClients = await Task.WhenAll(Enumerable.Range(0, readers)
            .Select(r =>
            {
                var host = readerHosts is { Count: > 0 } ? readerHosts[r % readerHosts.Count] : factory;
                return IsAdminReader(r) ? host.CreateAdminClientAsync() : host.CreateSalesAClientAsync();
            }));
        try
        {
            var acks = leads.Select(_ => new List<(long At, long Version)>()).ToArray();
            var writeTimes = leads.Select(_ => new List<double>()).ToArray();
            var observations = Enumerable.Range(0, readers).Select(_ => new List<Observation>()).ToArray();
            var statusReads = Enumerable.Range(0, readers).Select(_ => new StatusReads()).ToArray();
            var categoryReads = Enumerable.Range(0, readers).Select(_ => new CategoryReads()).ToArray();
            var failedWrites = new int[leads.Count];
            var failedReads = new int[readers];

            var leadIds = leads.Select(l => l.Id).ToArray();
            await Task.WhenAll(Enumerable.Range(0, readers).Select(r => WarmAsync(readerClients[r], KindOf(r), leadIds)));

            var started = Stopwatch.GetTimestamp();
            var plan = new WriterPlan(
                started + (long)(duration.TotalSeconds * Stopwatch.Frequency),
                started + (long)(maxDuration.TotalSeconds * Stopwatch.Frequency),
                writesPerLead,
                new RaceProgress());
            var staleResponses = leads.Select(_ => new List<StaleRead>()).ToArray();
            var writers = leads.Select((lead, i) => Task.Run(() =>
                WriteAsync(writerClients[i], lead, acks[i], writeTimes[i], timelines[i], categoryTimelines[i], staleResponses[i], failedWrites, i, plan))).ToArray();
            using var writersDone = new CancellationTokenSource();
            var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(() =>
                ReadAsync(
                    readerClients[r],
                    new Reader(KindOf(r), IsAdminReader(r) ? everyone : teamA, r),
                    leadIds,
                    indexOf,
                    observations[r],
                    statusReads[r],
                    categoryReads[r],
                    failedReads,
                    plan.Progress,
                    writersDone.Token))).ToArray();
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
            stale.AddRange(statusReads.SelectMany(s => s.Stale(timelines)));
            stale.AddRange(categoryReads.SelectMany(c => c.Stale(categoryTimelines)));
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
                    stale.Add(new StaleRead(leads[observation.Lead].Id, observation.Source, observation.Version, version, Stopwatch.GetElapsedTime(at, observation.Started), observation.Started));
                }
            }

            return new ConsistencyReport(
                acks.Sum(a => a.Count),
                failedWrites.Sum(),
                observations.Sum(o => o.Count) + statusReads.Sum(s => s.Count) + categoryReads.Sum(c => c.Count),
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
        HttpClient client,
        Lead lead,
        List<(long At, long Version)> acks,
        List<double> writeTimes,
        FieldTimeline<LeadStatus> timeline,
        FieldTimeline<Guid> categories,
        List<StaleRead> staleResponses,
        int[] failures,
        int slot,
        WriterPlan plan)
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
            var category = categories.Current;
            var movesCategory = counter % 4 == 3;
            if (movesCategory)
            {
                category = category == CategoryReads.Category ? CategoryReads.OtherCategory : CategoryReads.Category;
            }

            if (counter % 2 == 1)
            {
                // Every PUT names the lead's current category: only the moves change it.
                response = await client.PutAsJsonAsync(url, LeadRequests.Update(lead, version) with { Notes = $"write {counter}", CategoryId = category }, CachedRead.Json);
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

            // Every successful write bumps the version by exactly one (Lead.Touch). The response is the lead as the
            // write saved it, so it must show the write as well.
            version++;
            if (body.Version < version)
            {
                staleResponses.Add(new StaleRead(lead.Id, "write response", body.Version, version, TimeSpan.Zero, sent));
            }

            if (counter % 2 == 0)
            {
                status = next;
                timeline.Written(sent, acknowledged, next, version);
            }
            else if (movesCategory)
            {
                categories.Written(sent, acknowledged, category, version);
            }

            acks.Add((acknowledged, version));
            plan.Progress.Acknowledged(acknowledged);
            writeTimes.Add(Stopwatch.GetElapsedTime(sent, acknowledged).TotalMilliseconds);
            await Task.Delay(WritePause);
        }
    }

    private const int Kinds = 5;

    private static ReadKind KindOf(int reader) => (ReadKind)(reader % Kinds);

    private static bool IsAdminReader(int reader) => reader / Kinds % 2 == 0;

    /// <summary>One read of the reader's source before the clock starts, so its cache entries are warm.</summary>
    private static async Task WarmAsync(HttpClient client, ReadKind kind, Guid[] leadIds)
    {
        IEnumerable<string> urls = kind switch
        {
            ReadKind.List => [List],
            ReadKind.LostPage => [StatusReads.LostPage],
            ReadKind.CategoryPage => [CategoryReads.Page],
            ReadKind.Summary => [StatusReads.Summary],
            _ => leadIds.Select(id => $"/api/leads/{id}"),
        };
        foreach (var url in urls)
        {
            (await client.ReadAsync(url)).Status.Should().Be(HttpStatusCode.OK, "warming {0}", url);
        }
    }

    private static async Task ReadAsync(
        HttpClient client,
        Reader reader,
        Guid[] leadIds,
        Dictionary<Guid, int> indexOf,
        List<Observation> observations,
        StatusReads statusReads,
        CategoryReads categoryReads,
        int[] failures,
        RaceProgress progress,
        CancellationToken stop)
    {
        var random = new Random(reader.Slot);
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var id = leadIds[random.Next(leadIds.Length)];
            var url = reader.Kind switch
            {
                ReadKind.List => List,
                ReadKind.LostPage => StatusReads.LostPage,
                ReadKind.CategoryPage => CategoryReads.Page,
                ReadKind.Summary => StatusReads.Summary,
                _ => $"/api/leads/{id}",
            };
            var read = await client.ReadAsync(url);
            var ended = Stopwatch.GetTimestamp();
            if (read.Status != HttpStatusCode.OK)
            {
                failures[reader.Slot]++;
                continue;
            }

            switch (reader.Kind)
            {
                case ReadKind.List:
                case ReadKind.LostPage:
                case ReadKind.CategoryPage:
                    var page = read.As<PagedResult<LeadDto>>();
                    var source = reader.Kind switch { ReadKind.List => "list", ReadKind.LostPage => "status list", _ => "category page" };
                    foreach (var lead in page.Items)
                    {
                        if (indexOf.TryGetValue(lead.Id, out var index))
                        {
                            observations.Add(new Observation(index, started, lead.Version, source));
                        }
                    }

                    if (reader.Kind == ReadKind.LostPage)
                    {
                        statusReads.PageRead(started, ended, page, indexOf);
                    }
                    else if (reader.Kind == ReadKind.CategoryPage)
                    {
                        categoryReads.PageRead(started, ended, page, indexOf);
                    }

                    break;
                case ReadKind.Summary:
                    statusReads.SummaryRead(started, ended, read.As<LeadsSummaryDto>(), reader.Scope);
                    break;
                default:
                    observations.Add(new Observation(indexOf[id], started, read.As<LeadDto>().Version, "by id"));
                    break;
            }

            progress.Read(started, reader.Kind);
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

    private readonly record struct WriterPlan(long MinimumEnd, long MaximumEnd, int Writes, RaceProgress Progress)
    {
        public bool Continues(int done)
        {
            var now = Stopwatch.GetTimestamp();
            return now < MaximumEnd && (now < MinimumEnd || done < Writes || !Progress.EveryKindRaced);
        }
    }

    private enum ReadKind
    {
        List,
        ById,
        LostPage,
        Summary,
        CategoryPage,
    }

    private readonly record struct Reader(ReadKind Kind, StatusReads.Scope Scope, int Slot);

    /// <summary>When the first write was acknowledged, and which kinds of read started after it have completed.</summary>
    private sealed class RaceProgress
    {
        private const int Every = (1 << Kinds) - 1;
        private long _firstAck = long.MaxValue;
        private int _raced;

        public bool EveryKindRaced => Volatile.Read(ref _raced) == Every;

        public void Acknowledged(long at) => Interlocked.CompareExchange(ref _firstAck, at, long.MaxValue);

        public void Read(long started, ReadKind kind)
        {
            if (started > Volatile.Read(ref _firstAck))
            {
                Interlocked.Or(ref _raced, 1 << (int)kind);
            }
        }
    }
}
