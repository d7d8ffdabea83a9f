using Leads.Api.Http;

namespace Leads.UnitTests.Http;

public sealed class HttpDatesTests
{
    [Fact]
    public void Last_modified_is_written_as_an_imf_fixdate_in_gmt_without_fractions()
    {
        var producedAt = new DateTimeOffset(2026, 3, 1, 13, 4, 5, 999, TimeSpan.FromHours(1));

        HttpDates.Format(producedAt).Should().Be("Sun, 01 Mar 2026 12:04:05 GMT");
    }

    [Fact]
    public void Truncation_drops_the_fraction_of_a_second_and_nothing_else()
    {
        var value = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(9_999_999);

        HttpDates.TruncateToSeconds(value).Should().Be(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    }
}
