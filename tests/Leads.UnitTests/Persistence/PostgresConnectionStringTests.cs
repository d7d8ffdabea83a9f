using FluentAssertions;
using Leads.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Leads.UnitTests.Persistence;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Skips_the_session_reset_and_prepares_statements_when_the_string_does_not_say()
    {
        var effective = new NpgsqlConnectionStringBuilder(PostgresConnectionString.From(Configured("Host=db;Database=leads;Username=app")));

        effective.NoResetOnClose.Should().BeTrue();
        effective.MaxAutoPrepare.Should().Be(PostgresConnectionString.AutoPreparedStatements);
        effective.Host.Should().Be("db");
        effective.Database.Should().Be("leads");
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=False;MaxAutoPrepare=0")]
    [InlineData("Host=db;no reset on close=false;max auto prepare=0")]
    public void Keeps_what_the_string_sets(string configured)
    {
        var effective = new NpgsqlConnectionStringBuilder(PostgresConnectionString.From(Configured(configured)));

        effective.NoResetOnClose.Should().BeFalse();
        effective.MaxAutoPrepare.Should().Be(0);
    }

    [Fact]
    public void A_missing_connection_string_is_a_clear_error()
    {
        var act = () => PostgresConnectionString.From(new ConfigurationBuilder().Build());

        act.Should().Throw<InvalidOperationException>().WithMessage("*ConnectionStrings:Postgres*");
    }

    private static IConfiguration Configured(string connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString }).Build();
}
