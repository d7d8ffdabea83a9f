using System.Net;
using System.Net.Http.Json;
using Leads.Application.Caching;
using Leads.Application.Common.Behaviors;
using Leads.Domain.Leads;
using Leads.Infrastructure.Caching;
using Leads.Infrastructure.Caching.Invalidation;
using Leads.Infrastructure.Caching.Tiers;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>
/// A cacheable query is cached and invalidated by its declaration alone: record, handler and one policy line.
/// <para>
/// The Mediator source generator runs in Leads.Api only, so it never sees a handler in this project and
/// IMediator.Send cannot route <see cref="TestTeamLeadCountQuery"/>. The pipeline the generator would build for
/// it is, however, nothing but the closed <see cref="CachingBehavior{TMessage,TResponse}"/> wrapping the handler
/// (the generic constraint on <see cref="ICacheableQuery{TResponse}"/> is what attaches it). So each request
/// below builds exactly that: the real behavior and the handler, both created from a request scope of the
/// running host (real cache, Redis, policy provider and DbContext), with the handler as the behavior's next step.
/// </para>
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TestOnlyCacheableQueryTests(LeadsApiFactory sharedFactory, TestQueryApiFactory factory)
    : IClassFixture<TestQueryApiFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await InvalidationChannel.WaitForSubscribersAsync(factory, 1);
        await factory.ResetAsync();
        await CacheReadiness.WaitUntilCacheIsUsedAsync(factory);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_policy_of_a_new_query_comes_from_configuration_and_an_undeclared_policy_fails_loudly()
    {
        var policy = factory.Services.GetRequiredService<ICachePolicyProvider>().Get(TestTeamLeadCountQuery.Policy);
        policy.Should().Be(new CachePolicy(TestTeamLeadCountQuery.Policy, CacheLevel.Api, TimeSpan.FromMinutes(5), Enabled: true, UseL1: true));

        var withoutPolicy = () => sharedFactory.Services.GetRequiredService<ICachePolicyProvider>().Get(TestTeamLeadCountQuery.Policy);
        withoutPolicy.Should().Throw<InvalidOperationException>().WithMessage("*Caching:Policies*");
    }

    [Fact]
    public async Task A_query_declared_outside_the_application_is_served_from_the_cache_on_repeat()
    {
        var first = await SendAsync(new TestTeamLeadCountQuery(DemoData.TeamA));
        var second = await SendAsync(new TestTeamLeadCountQuery(DemoData.TeamA));
        factory.Services.GetRequiredService<L1Cache>().Clear();
        var third = await SendAsync(new TestTeamLeadCountQuery(DemoData.TeamA));

        var expected = await factory.WithDbAsync(db => db.Leads.CountAsync(l => l.TeamId == DemoData.TeamA));
        first.Should().Be(new Answer(expected, CacheOutcome.Miss, Queries: 1));
        second.Should().Be(new Answer(expected, CacheOutcome.HitL1, Queries: 0));
        third.Should().Be(new Answer(expected, CacheOutcome.HitL2, Queries: 0));
    }

    [Fact]
    public async Task A_query_declared_outside_the_application_is_invalidated_by_the_domain_events_behind_its_tags_only()
    {
        var teamA = await WarmAsync(DemoData.TeamA);
        var teamB = await WarmAsync(DemoData.TeamB);
        var teamC = await WarmAsync(DemoData.TeamC);

        using var salesA = await factory.CreateSalesAClientAsync();
        var created = await salesA.PostAsJsonAsync("/api/leads", LeadRequests.Create(DemoData.Categories[0].Id, "Counted Lead"), CachedRead.Json);
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        (await SendAsync(new TestTeamLeadCountQuery(DemoData.TeamA))).Should().Be(teamA with { Count = teamA.Count + 1, Outcome = CacheOutcome.Miss, Queries = 1 });
        (await SendAsync(new TestTeamLeadCountQuery(DemoData.TeamB))).Should().Be(teamB with { Outcome = CacheOutcome.HitL1, Queries = 0 });

        // Moving a lead between teams changes both counts; the team not involved stays cached.
        var lead = await factory.WithDbAsync(db => db.Leads.AsNoTracking()
            .Where(l => l.TeamId == DemoData.TeamB && l.Status != LeadStatus.Won).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).FirstAsync());
        using var admin = await factory.CreateAdminClientAsync();
        var moved = await admin.PutAsJsonAsync($"/api/leads/{lead.Id}", LeadRequests.Update(lead) with { TeamId = DemoData.TeamA, OwnerUserId = null }, CachedRead.Json);
        moved.StatusCode.Should().Be(HttpStatusCode.OK);

        (await SendAsync(new TestTeamLeadCountQuery(DemoData.TeamA))).Should().Be(teamA with { Count = teamA.Count + 2, Outcome = CacheOutcome.Miss, Queries = 1 });
        (await SendAsync(new TestTeamLeadCountQuery(DemoData.TeamB))).Should().Be(teamB with { Count = teamB.Count - 1, Outcome = CacheOutcome.Miss, Queries = 1 });
        (await SendAsync(new TestTeamLeadCountQuery(DemoData.TeamC))).Should().Be(teamC with { Outcome = CacheOutcome.HitL1, Queries = 0 });
    }

    /// <summary>Sends the query until it is answered from L1, so that a later miss can only come from an invalidation.</summary>
    private async Task<Answer> WarmAsync(Guid teamId)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var answer = await SendAsync(new TestTeamLeadCountQuery(teamId));
            if (answer.Outcome == CacheOutcome.HitL1)
            {
                return answer;
            }
        }

        throw new InvalidOperationException($"The count of team {teamId} never became an L1 hit.");
    }

    /// <summary>One request for <paramref name="query"/> through the caching pipeline (see the class comment).</summary>
    private async Task<Answer> SendAsync(TestTeamLeadCountQuery query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var behavior = ActivatorUtilities.CreateInstance<CachingBehavior<TestTeamLeadCountQuery, TeamLeadCountDto>>(services);
        var handler = ActivatorUtilities.CreateInstance<TestTeamLeadCountQueryHandler>(services);

        var queriesBefore = factory.Queries.Count;
        var result = await behavior.Handle(query, (message, ct) => handler.Handle(message, ct), CancellationToken.None);
        var outcome = services.GetRequiredService<ICacheTrace>().Entries.Single(e => e.Policy == TestTeamLeadCountQuery.Policy).Outcome;
        result.TeamId.Should().Be(query.TeamId);
        return new Answer(result.Count, outcome, factory.Queries.Count - queriesBefore);
    }

    private sealed record Answer(int Count, CacheOutcome Outcome, int Queries);
}
