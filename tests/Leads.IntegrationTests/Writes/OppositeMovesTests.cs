using System.Text.RegularExpressions;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Leads.IntegrationTests.Writes;

/// <summary>
/// Concurrent writes moving leads in opposite directions change the same lead_counts rows; the trigger takes
/// them in one fixed order, so they queue instead of deadlocking. The control run shows that the probe does
/// find the deadlock of a trigger that takes them in the order of the move.
/// </summary>
public sealed class OppositeMovesTests(LeadsApiFactory factory) : IClassFixture<LeadsApiFactory>, IAsyncLifetime
{
    private const int Pairs = 8;
    private const int MovesPerLead = 25;

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Many_concurrent_pairs_of_opposite_moves_never_deadlock_and_keep_the_counts()
    {
        var leads = await ArrangeAsync();

        var deadlocks = await new OppositeMoves(factory.PostgresConnectionString, DemoData.TeamA, DemoData.TeamB).RunAsync(leads, MovesPerLead);

        deadlocks.Should().Be(0);
        await CountsAudit.ShouldMatchTheLeadsTableAsync(factory.PostgresConnectionString);
    }

    [Fact]
    public async Task The_probe_finds_the_deadlock_of_a_trigger_that_changes_the_rows_in_the_order_of_the_move()
    {
        var leads = await ArrangeAsync();
        await using var connection = new NpgsqlConnection(factory.PostgresConnectionString);
        await connection.OpenAsync();
        string original;
        await using (var read = new NpgsqlCommand("SELECT pg_get_functiondef('lead_counts_maintain'::regproc)", connection))
        {
            original = (string)(await read.ExecuteScalarAsync())!;
        }

        // The same function with the update deltas taken old row first, then new row, as a row trigger would.
        var unordered = Regex.Replace(original, @"(HAVING sum\(n\) <> 0 OR sum\(v\) <> 0\s+ORDER BY) 1, 2, 3", "$1 4, 1, 2, 3");
        unordered.Should().NotBe(original, "the control must change the order of the update deltas");
        await ExecuteAsync(connection, unordered);
        try
        {
            var deadlocks = await new OppositeMoves(factory.PostgresConnectionString, DemoData.TeamA, DemoData.TeamB).RunAsync(leads, MovesPerLead);

            deadlocks.Should().BePositive("moves in opposite directions lock the two counts rows in opposite orders");
        }
        finally
        {
            await ExecuteAsync(connection, original);
        }
    }

    /// <summary>Pairs of leads in the same status and category, one of each pair in team A, the other in team B.</summary>
    private async Task<IReadOnlyList<Guid>> ArrangeAsync()
    {
        var leads = await factory.WithDbAsync(db => db.Leads.OrderBy(l => l.Id).Select(l => l.Id).Take(2 * Pairs).ToListAsync());
        await using var connection = new NpgsqlConnection(factory.PostgresConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < leads.Count; i++)
        {
            await using var place = new NpgsqlCommand(
                "UPDATE leads SET \"TeamId\" = @team, \"Status\" = 'Qualified', \"CategoryId\" = @category WHERE \"Id\" = @id", connection);
            place.Parameters.AddWithValue("team", i % 2 == 0 ? DemoData.TeamA : DemoData.TeamB);
            place.Parameters.AddWithValue("category", DemoData.Categories[0].Id);
            place.Parameters.AddWithValue("id", leads[i]);
            await place.ExecuteNonQueryAsync();
        }

        return leads;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
