using System.Security.Claims;
using Leads.Api.Security;

namespace Leads.UnitTests.Security;

/// <summary>
/// Validated tokens are reused by their exact text until they expire, never after, and the cache stays bounded.
/// What a token may do is not in here: role, teams and the active flag are read per request (UserAccessTests).
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly Guid User = new("0a000000-0000-7000-8000-0000000000a1");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_validated_token_is_found_by_its_text_until_it_expires()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("header.payload.signature", User, Identity(), _clock.GetUtcNow().AddMinutes(5));

        cache.TryGet("header.payload.signature", out var found).Should().BeTrue();
        found.UserId.Should().Be(User);
        found.Identity.FindFirst("sub")!.Value.Should().Be(User.ToString());

        _clock.Advance(TimeSpan.FromMinutes(5));
        cache.TryGet("header.payload.signature", out _).Should().BeFalse("a token is accepted until its expiry, not at it");
        cache.Count.Should().Be(0, "an expired token is dropped when it is asked for");
    }

    [Fact]
    public void Another_token_text_is_not_found()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("header.payload.signature", User, Identity(), _clock.GetUtcNow().AddMinutes(5));

        cache.TryGet("header.payload.signaturf", out _).Should().BeFalse();
        cache.TryGet("HEADER.payload.signature", out _).Should().BeFalse("token text is compared byte for byte");
    }

    [Fact]
    public void An_already_expired_token_is_not_kept()
    {
        var cache = new ValidatedTokenCache(_clock);

        cache.Add("old", User, Identity(), _clock.GetUtcNow());

        cache.TryGet("old", out _).Should().BeFalse();
        cache.Count.Should().Be(0);
    }

    [Fact]
    public void The_kept_identity_is_a_copy_that_later_changes_to_the_source_do_not_reach()
    {
        var cache = new ValidatedTokenCache(_clock);
        var source = Identity();
        cache.Add("t", User, source, _clock.GetUtcNow().AddMinutes(5));

        source.AddClaim(new Claim(ClaimTypes.Role, "Admin"));

        cache.TryGet("t", out var found).Should().BeTrue();
        found.Identity.Should().NotBeSameAs(source);
        found.Identity.HasClaim(ClaimTypes.Role, "Admin").Should().BeFalse();
        found.Identity.IsAuthenticated.Should().BeTrue();
        found.Identity.NameClaimType.Should().Be("name");
    }

    [Fact]
    public void A_full_cache_drops_expired_tokens_first_and_never_grows_past_its_bound()
    {
        var cache = new ValidatedTokenCache(_clock);
        for (var i = 0; i < ValidatedTokenCache.MaxTokens - 1; i++)
        {
            cache.Add($"short-{i}", User, Identity(), _clock.GetUtcNow().AddMinutes(1));
        }

        cache.Add("long", User, Identity(), _clock.GetUtcNow().AddMinutes(10));
        _clock.Advance(TimeSpan.FromMinutes(2));
        cache.Add("new", User, Identity(), _clock.GetUtcNow().AddMinutes(10));

        cache.Count.Should().Be(2);
        cache.TryGet("long", out _).Should().BeTrue("a token still valid survives the pruning of expired ones");
        cache.TryGet("new", out _).Should().BeTrue();

        for (var i = 0; i < ValidatedTokenCache.MaxTokens * 2; i++)
        {
            cache.Add($"valid-{i}", User, Identity(), _clock.GetUtcNow().AddMinutes(10));
        }

        cache.Count.Should().BeLessThanOrEqualTo(ValidatedTokenCache.MaxTokens);
    }

    private static ClaimsIdentity Identity() =>
        new([new Claim("sub", User.ToString()), new Claim("name", "sales-a")], "AuthenticationTypes.Federation", "name", ClaimTypes.Role);

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
