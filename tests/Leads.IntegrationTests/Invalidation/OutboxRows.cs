using Leads.IntegrationTests.Infrastructure;
using Npgsql;

namespace Leads.IntegrationTests.Invalidation;

/// <summary>Reads and writes the invalidation outbox of a factory's database directly, as the relay sees it.</summary>
public static class OutboxRows
{
    public static async Task<IReadOnlyList<string[]>> TagsAsync(LeadsApiFactory factory)
    {
        await using var connection = new NpgsqlConnection(factory.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tags FROM cache_invalidation_outbox ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<string[]>(0));
        }

        return rows;
    }

    public static async Task<long> CountAsync(LeadsApiFactory factory) => (await TagsAsync(factory)).Count;

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
}
