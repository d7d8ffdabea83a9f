using Npgsql;

namespace Leads.IntegrationTests.Writes;

/// <summary>
/// Moves leads back and forth between two teams from many connections at once, half of them in each direction,
/// each move its own transaction, and counts the deadlocks Postgres reports. Every move changes the same two
/// <c>lead_counts</c> rows, one in each direction, so a trigger that locks them in the order of the move (not in
/// one fixed order) deadlocks here within a few rounds.
/// </summary>
public sealed class OppositeMoves(string connectionString, Guid teamA, Guid teamB)
{
    public async Task<int> RunAsync(IReadOnlyList<Guid> leads, int movesPerLead)
    {
        var deadlocks = 0;
        await Task.WhenAll(leads.Select(lead => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();

            // Found in 20 ms instead of the default second, so the control run that does deadlock stays short.
            await using (var setup = new NpgsqlCommand("SET deadlock_timeout = '20ms'", connection))
            {
                await setup.ExecuteNonQueryAsync();
            }

            for (var i = 0; i < movesPerLead; i++)
            {
                try
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    await using var move = new NpgsqlCommand(
                        "UPDATE leads SET \"TeamId\" = CASE WHEN \"TeamId\" = @a THEN @b ELSE @a END WHERE \"Id\" = @id", connection, transaction);
                    move.Parameters.AddWithValue("a", teamA);
                    move.Parameters.AddWithValue("b", teamB);
                    move.Parameters.AddWithValue("id", lead);
                    await move.ExecuteNonQueryAsync();
                    await transaction.CommitAsync();
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
                {
                    Interlocked.Increment(ref deadlocks);
                }
            }
        })));

        return deadlocks;
    }
}
