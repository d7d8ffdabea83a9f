using Npgsql;

namespace Leads.IntegrationTests.Writes;

/// <summary>Reads <c>lead_counts</c> as stored and as a fresh aggregate over <c>leads</c> would have it.</summary>
public static class CountsAudit
{
    public static Task<IReadOnlyList<CountRow>> StoredAsync(string connectionString) => ReadAsync(
        connectionString,
        "SELECT team_id, status, category_id, lead_count, value_sum FROM lead_counts WHERE lead_count <> 0 ORDER BY 1, 2, 3");

    public static Task<IReadOnlyList<CountRow>> AggregatedAsync(string connectionString) => ReadAsync(
        connectionString,
        "SELECT \"TeamId\", \"Status\", \"CategoryId\", count(*), sum(\"EstimatedValue\") FROM leads GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");

    /// <summary>Rows the readers skip (zero leads); they must carry no value and no count may be negative.</summary>
    public static Task<IReadOnlyList<CountRow>> MalformedAsync(string connectionString) => ReadAsync(
        connectionString,
        "SELECT team_id, status, category_id, lead_count, value_sum FROM lead_counts WHERE lead_count < 0 OR (lead_count = 0 AND value_sum <> 0)");

    /// <summary>Stored counts must equal a fresh aggregate, row for row, value for value.</summary>
    public static async Task ShouldMatchTheLeadsTableAsync(string connectionString)
    {
        var stored = await StoredAsync(connectionString);
        var aggregated = await AggregatedAsync(connectionString);

        aggregated.Should().NotBeEmpty("the check is meaningless over an empty table");
        stored.Should().Equal(aggregated, "lead_counts is kept in the writes' own transactions");
        (await MalformedAsync(connectionString)).Should().BeEmpty();
    }

    private static async Task<IReadOnlyList<CountRow>> ReadAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<CountRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new CountRow(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), reader.GetDecimal(4)));
        }

        return rows;
    }
}
