using Leads.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Leads.UnitTests.Security;

public sealed class Pbkdf2PasswordHasherTests
{
    private readonly Pbkdf2PasswordHasher _hasher = WithIterations(10_000);

    [Fact]
    public void New_hashes_use_600000_iterations_by_default()
    {
        new Pbkdf2PasswordHasher(Options.Create(new PasswordHashingOptions())).Hash("x").Split('$')[1].Should().Be("600000");
    }

    [Fact]
    public void A_hash_made_with_fewer_iterations_still_verifies_and_needs_a_rehash()
    {
        var old = WithIterations(1_000).Hash("old password");

        _hasher.Verify("old password", old).Should().BeTrue("stored hashes of an older cost stay valid");
        _hasher.NeedsRehash(old).Should().BeTrue();
        _hasher.NeedsRehash(_hasher.Hash("new password")).Should().BeFalse();
        _hasher.NeedsRehash(WithIterations(20_000).Hash("stronger")).Should().BeFalse("a stronger hash is never weakened");
    }

    [Fact]
    public void The_dummy_hash_is_valid_costs_the_same_and_matches_nothing()
    {
        _hasher.DummyHash.Split('$')[1].Should().Be("10000");
        _hasher.NeedsRehash(_hasher.DummyHash).Should().BeFalse();
        _hasher.Verify(string.Empty, _hasher.DummyHash).Should().BeFalse();
        _hasher.Verify("password", _hasher.DummyHash).Should().BeFalse();
    }

    [Theory]
    [InlineData("sales-a-dev-password")]
    [InlineData("pässwörd with ünïcode ✓")]
    [InlineData("$dollar$signs$")]
    public void A_hash_verifies_its_own_password(string password)
    {
        var hash = _hasher.Hash(password);

        _hasher.Verify(password, hash).Should().BeTrue();
    }

    [Fact]
    public void A_hash_rejects_any_other_password()
    {
        var hash = _hasher.Hash("correct horse battery staple");

        _hasher.Verify("correct horse battery stapl", hash).Should().BeFalse();
        _hasher.Verify("Correct horse battery staple", hash).Should().BeFalse();
        _hasher.Verify(string.Empty, hash).Should().BeFalse();
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time_because_of_the_salt()
    {
        var first = _hasher.Hash("secret");
        var second = _hasher.Hash("secret");

        second.Should().NotBe(first);
        _hasher.Verify("secret", first).Should().BeTrue();
        _hasher.Verify("secret", second).Should().BeTrue();
    }

    [Fact]
    public void The_stored_form_names_the_algorithm_and_iterations_and_hides_the_password()
    {
        var hash = new Pbkdf2PasswordHasher(Options.Create(new PasswordHashingOptions())).Hash("secret");

        var parts = hash.Split('$');
        parts.Should().HaveCount(4);
        parts[0].Should().Be("pbkdf2-sha256");
        int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture).Should().Be(600_000);
        Convert.FromBase64String(parts[2]).Should().HaveCount(16);
        Convert.FromBase64String(parts[3]).Should().HaveCount(32);
        hash.Should().NotContain("secret");
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("md5$1000$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$many$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$1000$c2FsdA==")]
    [InlineData("pbkdf2-sha256$1000$not base64!$aGFzaA==")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$1000$c2FsdA==$")]
    public void A_malformed_stored_hash_never_verifies(string stored)
    {
        _hasher.Verify("secret", stored).Should().BeFalse();
    }

    private static Pbkdf2PasswordHasher WithIterations(int iterations) =>
        new(Options.Create(new PasswordHashingOptions { Iterations = iterations }));
}
