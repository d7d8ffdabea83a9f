using System.Net.Sockets;
using Leads.Api.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Leads.UnitTests.Http;

/// <summary>Which failures are a Postgres outage (503 with Retry-After) and which keep their own answer.</summary>
public sealed class DatabaseFailuresTests
{
    public static TheoryData<string> OutageStates() => new() { "57P01", "57P02", "57P03", "08006", "08001", "53300" };

    [Theory]
    [MemberData(nameof(OutageStates))]
    public void Server_answers_that_say_it_cannot_serve_are_an_outage(string sqlState)
    {
        DatabaseFailures.IsUnavailable(Postgres(sqlState)).Should().BeTrue();
    }

    [Theory]
    [InlineData("23505")]
    [InlineData("42P01")]
    [InlineData("40001")]
    public void Server_answers_about_the_statement_are_not_an_outage(string sqlState)
    {
        DatabaseFailures.IsUnavailable(Postgres(sqlState)).Should().BeFalse();
    }

    [Fact]
    public void No_answer_at_all_is_an_outage()
    {
        DatabaseFailures.IsUnavailable(Refused()).Should().BeTrue();
        DatabaseFailures.IsUnavailable(new NpgsqlException("Exception while reading from stream", new TimeoutException())).Should().BeTrue();
        DatabaseFailures.IsUnavailable(new RetryLimitExceededException("x", new TimeoutException("Timeout during reading attempt") { Source = "Npgsql" })).Should().BeTrue();
    }

    [Fact]
    public void Outages_are_recognised_inside_what_EF_Core_wraps_them_in()
    {
        DatabaseFailures.IsUnavailable(new RetryLimitExceededException("retries exhausted", Refused())).Should().BeTrue();
        DatabaseFailures.IsUnavailable(new DbUpdateException("save failed", Postgres("57P01"))).Should().BeTrue();
        DatabaseFailures.IsUnavailable(new InvalidOperationException("transient failure", new RetryLimitExceededException("x", Postgres("08006")))).Should().BeTrue();
    }

    [Fact]
    public void Other_failures_are_not_an_outage()
    {
        DatabaseFailures.IsUnavailable(new DbUpdateException("save failed", Postgres("23505"))).Should().BeFalse();
        DatabaseFailures.IsUnavailable(new DbUpdateConcurrencyException("changed")).Should().BeFalse();
        DatabaseFailures.IsUnavailable(new InvalidOperationException("a bug")).Should().BeFalse();
        DatabaseFailures.IsUnavailable(new TimeoutException("some other client")).Should().BeFalse();
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    private static NpgsqlException Refused() => new("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
}
