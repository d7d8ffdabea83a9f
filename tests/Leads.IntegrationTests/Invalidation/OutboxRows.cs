using Leads.IntegrationTests.Infrastructure;
using Npgsql;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>Reads and writes the invalidation outbox of a factory's database directly, as the relay sees it.</summary>
public static class OutboxRows
{
    /// <summary>The tags of the rows not applied yet (what a relay would claim), oldest first.</summary>
    public static async Task<IReadOnlyList<string[]>> TagsAsync(LeadsApiFactory factory)
    {
        await using var connection = new NpgsqlConnection(factory.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tags FROM cache_invalidation_outbox WHERE applied_at IS NULL ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<string[]>(0));
        }

        return rows;
    }

    /// <summary>How many rows are not applied yet.</summary>
    public static async Task<long> CountAsync(LeadsApiFactory factory) => (await TagsAsync(factory)).Count;

    /// <summary>How many rows are marked applied (kept for the replay window).</summary>
    public static Task<long> AppliedCountAsync(LeadsApiFactory factory) => ScalarAsync(factory, "SELECT count(*) FROM cache_invalidation_outbox WHERE applied_at IS NOT NULL");

    /// <summary>How many rows the table holds, applied or not.</summary>
    public static Task<long> AllCountAsync(LeadsApiFactory factory) => ScalarAsync(factory, "SELECT count(*) FROM cache_invalidation_outbox");

    /// <summary>Inserts rows as a writer that died after its commit would have left them, <paramref name="age"/> old.</summary>
    public static async Task InsertAbandonedAsync(LeadsApiFactory factory, IEnumerable<string[]> rows, TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(factory.PostgresConnectionString);
        await connection.OpenAsync();
        foreach (var tags in rows)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO cache_invalidation_outbox (tags, created_at) VALUES (@tags, now() - @age)", connection);
            insert.Parameters.AddWithValue("tags", tags);
            insert.Parameters.AddWithValue("age", age);
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Inserts a row whose bump landed <paramref name="appliedAgo"/> ago (created a second before that).</summary>
    public static async Task InsertAppliedAsync(LeadsApiFactory factory, string[] tags, TimeSpan appliedAgo)
    {
        await using var connection = new NpgsqlConnection(factory.PostgresConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO cache_invalidation_outbox (tags, created_at, applied_at) VALUES (@tags, now() - @ago - interval '1 second', now() - @ago)", connection);
        insert.Parameters.AddWithValue("tags", tags);
        insert.Parameters.AddWithValue("ago", appliedAgo);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(LeadsApiFactory factory, string sql)
    {
        await using var connection = new NpgsqlConnection(factory.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
