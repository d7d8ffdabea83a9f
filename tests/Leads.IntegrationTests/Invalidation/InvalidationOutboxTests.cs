using System.Net;
using System.Net.Http.Json;
using Leads.Domain.Teams;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Persistence.Outbox;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// The invalidation outbox against the real Postgres and Redis: its row commits with the change or not at all,
/// the writer's instance marks it applied once its bump landed and it is kept for the replay window (then deleted),
/// relays on two instances share abandoned rows (each applied once, and applying one again would only bump its tags
/// again), replaying the window after a primary switch bumps each tag of the rows inside it once, and the test reset
/// empties it.
/// </summary>
public sealed class InvalidationOutboxTests(QuietRelayFixture fixture) : IClassFixture<QuietRelayFixture>, IAsyncLifetime
{
    private LeadsApiFactory Factory => fixture.First;

    public Task InitializeAsync() => Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_write_whose_bump_reaches_Redis_marks_its_outbox_row_applied_and_keeps_it_for_the_replay_window()
    {
        using var client = await Factory.CreateSalesAClientAsync();
        var lead = await Factory.WithDbAsync(db => db.Leads.AsNoTracking().FirstAsync(l => l.TeamId == DemoData.TeamA));
        await client.WarmAsync($"/api/leads/{lead.Id}");
        var before = await RedisAsync(db => db.StringGetAsync(TagKey(Application.Caching.CacheTags.Lead(lead.Id))));

        var response = await client.PutAsJsonAsync($"/api/leads/{lead.Id}", LeadRequests.Update(lead) with { Notes = "bumped at once" }, CachedRead.Json);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await OutboxRows.CountAsync(Factory) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(AppliedOutboxRows.Interval);
        }

        (await OutboxRows.CountAsync(Factory)).Should().Be(0, "the writer's instance marks the row of an applied bump with the next batch, and no relay ran");
        (await OutboxRows.AppliedCountAsync(Factory)).Should().Be(1, "the applied row stays for the replay window");
        var after = await RedisAsync(db => db.StringGetAsync(TagKey(Application.Caching.CacheTags.Lead(lead.Id))));
        ((long)after).Should().Be((long)before + 1, "the tag was bumped once, by the writer");
    }

    [Fact]
    public async Task A_change_that_does_not_commit_leaves_no_outbox_row()
    {
        var failed = await Factory.WithDbAsync(async db =>
        {
            var lead = await db.Leads.FirstAsync(l => l.TeamId == DemoData.TeamA);
            lead.MarkDeleted();
            db.Leads.Remove(lead);
            db.Teams.Add(Team.Create("a team whose id is taken", DemoData.TeamA));
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>("the duplicate team id fails the whole transaction");
            return lead.Id;
        });

        (await OutboxRows.CountAsync(Factory)).Should().Be(0, "the row rolls back with the change");
        (await Factory.WithDbAsync(db => db.Leads.AnyAsync(l => l.Id == failed))).Should().BeTrue();
    }

    [Fact]
    public async Task Relays_on_two_instances_apply_each_abandoned_row_exactly_once()
    {
        const int rows = 350;
        var tags = Enumerable.Range(0, rows).Select(i => $"outbox-spec-{Guid.NewGuid():N}-{i}").ToArray();
        // Counters start at a time-based floor when a bump creates them; known starting values make "bumped once" exact.
        const long start = 1000;
        await RedisAsync(db => db.StringSetAsync(tags.Select(tag => new KeyValuePair<RedisKey, RedisValue>(TagKey(tag), start)).ToArray()));
        await OutboxRows.InsertAbandonedAsync(Factory, tags.Select(tag => new[] { tag }), TimeSpan.FromMinutes(1));

        var relays = new[] { fixture.First, fixture.Second }.Select(f => f.Services.GetRequiredService<InvalidationOutboxRelay>()).ToArray();
        var applied = await Task.WhenAll(relays.Select(relay => Task.Run(() => relay.RelayPendingAsync(CancellationToken.None))));

        applied.Sum().Should().Be(rows, "SKIP LOCKED hands each row to one relay, which marks it applied in the transaction that claimed it");
        (await OutboxRows.CountAsync(Factory)).Should().Be(0);
        (await OutboxRows.AppliedCountAsync(Factory)).Should().Be(rows, "applied rows stay for the replay window");
        (await relays[0].RelayPendingAsync(CancellationToken.None)).Should().Be(0, "an applied row is never claimed again");
        var generations = await RedisAsync(db => db.StringGetAsync(tags.Select(TagKey).ToArray()));
        generations.Select(g => (long)g).Should().AllBeEquivalentTo(start + 1, "each row's tag was bumped once");
    }

    [Fact]
    public async Task Applying_a_row_again_bumps_its_tags_again_and_the_lead_is_served_fresh()
    {
        using var client = await Factory.CreateSalesAClientAsync();
        var lead = await Factory.WithDbAsync(db => db.Leads.AsNoTracking().FirstAsync(l => l.TeamId == DemoData.TeamA));
        var url = $"/api/leads/{lead.Id}";
        await client.WarmAsync(url);
        var before = await RedisAsync(db => db.StringGetAsync(TagKey(Application.Caching.CacheTags.Lead(lead.Id))));

        // The row of a write whose bump landed but whose mark did not: a relay bumps once more (this instance's,
        // so that it knows the new generation before the next read).
        await OutboxRows.InsertAbandonedAsync(Factory, [[Application.Caching.CacheTags.Lead(lead.Id)]], TimeSpan.FromMinutes(1));
        (await Factory.Services.GetRequiredService<InvalidationOutboxRelay>().RelayPendingAsync(CancellationToken.None)).Should().Be(1);

        var after = await RedisAsync(db => db.StringGetAsync(TagKey(Application.Caching.CacheTags.Lead(lead.Id))));
        ((long)after).Should().Be((long)before + 1);
        var reread = await client.ReadAsync(url);
        reread.Level("leads-api").Should().Contain("fwd=miss", "the extra bump costs one miss");
        (await client.WarmAsync(url)).Body.Should().Be(reread.Body);
    }

    [Fact]
    public async Task Applied_rows_are_deleted_once_older_than_the_replay_window_and_pending_ones_are_not()
    {
        var window = Factory.Services.GetRequiredService<IOptions<InvalidationOutboxOptions>>().Value.ReplayWindow;
        await OutboxRows.InsertAppliedAsync(Factory, ["window-old"], window + TimeSpan.FromSeconds(30));
        await OutboxRows.InsertAppliedAsync(Factory, ["window-recent"], window / 2);
        await OutboxRows.InsertAbandonedAsync(Factory, [["window-pending"]], window * 2);

        (await Factory.Services.GetRequiredService<InvalidationOutboxRelay>().RemoveAppliedOutsideWindowAsync(CancellationToken.None)).Should().Be(1);

        (await OutboxRows.AppliedCountAsync(Factory)).Should().Be(1, "the row applied within the window stays");
        (await OutboxRows.TagsAsync(Factory)).Should().ContainSingle().Which.Should().Equal("window-pending");
    }

    [Fact]
    public async Task Replaying_the_window_bumps_each_tag_of_the_rows_inside_it_once_and_leaves_the_rows()
    {
        var window = Factory.Services.GetRequiredService<IOptions<InvalidationOutboxOptions>>().Value.ReplayWindow;
        var id = Guid.NewGuid().ToString("N");
        string[] tags = [$"replay-a-{id}", $"replay-b-{id}", $"replay-c-{id}", $"replay-old-{id}"];
        const long start = 1000;
        await RedisAsync(db => db.StringSetAsync(tags.Select(tag => new KeyValuePair<RedisKey, RedisValue>(TagKey(tag), start)).ToArray()));
        await OutboxRows.InsertAppliedAsync(Factory, [tags[0], tags[1]], window / 2);
        await OutboxRows.InsertAbandonedAsync(Factory, [[tags[1], tags[2]]], window * 2);
        await OutboxRows.InsertAppliedAsync(Factory, [tags[3]], window + TimeSpan.FromSeconds(30));

        var bumped = await Factory.Services.GetRequiredService<InvalidationOutboxRelay>().ReplayWindowAsync(CancellationToken.None);

        bumped.Should().Be(3, "the tags of rows applied within the window and of pending rows, each once");
        var generations = await RedisAsync(db => db.StringGetAsync(tags.Select(TagKey).ToArray()));
        generations.Select(g => (long)g).Should().Equal(start + 1, start + 1, start + 1, start);
        (await OutboxRows.TagsAsync(Factory)).Should().ContainSingle("a replay settles no row: the pending one is still the relay's");
        (await OutboxRows.AppliedCountAsync(Factory)).Should().Be(2);
    }

    [Fact]
    public async Task The_test_reset_empties_the_outbox()
    {
        await OutboxRows.InsertAbandonedAsync(Factory, [["reset-spec"]], TimeSpan.Zero);
        await OutboxRows.InsertAppliedAsync(Factory, ["reset-spec-applied"], TimeSpan.Zero);

        await Factory.ResetAsync();

        (await OutboxRows.AllCountAsync(Factory)).Should().Be(0, "Respawn resets every table but the migrations history and lead_counts");
    }

    private RedisKey TagKey(string tag) => Factory.Services.GetRequiredService<TagGenerations>().TagKey(tag);

    private async Task<T> RedisAsync<T>(Func<IDatabase, Task<T>> read)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Factory.RedisConnectionString);
        return await read(connection.GetDatabase());
    }
}
