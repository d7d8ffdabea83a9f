using Leads.Application.Auth.Commands.IssueToken;
using Leads.Application.Auth.Models;
using Leads.Application.Common.Exceptions;
using Leads.Application.Security;

namespace Leads.UnitTests.Auth;

/// <summary>
/// Every sign-in runs exactly one password verification, whatever the outcome: an unknown user against the dummy
/// hash, a deactivated one and a wrong password against the stored hash. So the cost (PBKDF2 at full strength)
/// does not tell a real user name from an unknown one; counted here, not timed.
/// </summary>
public sealed class IssueTokenCommandHandlerTests
{
    private static readonly UserCredentials Active = new(Guid.NewGuid(), "active", "hash-of:right", IsActive: true);
    private static readonly UserCredentials Deactivated = new(Guid.NewGuid(), "deactivated", "hash-of:right", IsActive: false);

    private readonly CountingHasher _hasher = new();
    private readonly Store _store = new(Active, Deactivated);

    [Theory]
    [InlineData("unknown", "right")]
    [InlineData("deactivated", "right")]
    [InlineData("active", "wrong")]
    public async Task A_refused_sign_in_verifies_the_password_once(string userName, string password)
    {
        var handle = () => Handler().Handle(new IssueTokenCommand(userName, password), CancellationToken.None).AsTask();

        await handle.Should().ThrowAsync<UnauthorizedException>();
        _hasher.Verifications.Should().Be(1);
        _hasher.Verified.Should().Be(userName == "unknown" ? _hasher.DummyHash : "hash-of:right");
    }

    [Fact]
    public async Task A_successful_sign_in_verifies_the_password_once()
    {
        var token = await Handler().Handle(new IssueTokenCommand("active", "right"), CancellationToken.None);

        token.AccessToken.Should().Be("token-for:active");
        _hasher.Verifications.Should().Be(1);
        _store.Updated.Should().BeNull("a current hash is not rewritten");
    }

    [Fact]
    public async Task A_weak_hash_is_replaced_after_a_successful_sign_in()
    {
        _hasher.Weak = "hash-of:right";

        await Handler().Handle(new IssueTokenCommand("active", "right"), CancellationToken.None);

        _store.Updated.Should().Be((Active.UserId, "hash-of:right:current"));
    }

    private IssueTokenCommandHandler Handler() => new(_store, _hasher, new Issuer());

    private sealed class CountingHasher : IPasswordHasher
    {
        public int Verifications { get; private set; }

        public string? Verified { get; private set; }

        public string? Weak { get; set; }

        public string DummyHash => "dummy";

        public string Hash(string password) => "hash-of:" + password + ":current";

        public bool Verify(string password, string hash)
        {
            Verifications++;
            Verified = hash;
            return hash.StartsWith("hash-of:" + password, StringComparison.Ordinal);
        }

        public bool NeedsRehash(string hash) => hash == Weak;
    }

    private sealed class Store(params UserCredentials[] users) : IUserCredentialStore
    {
        public (Guid UserId, string Hash)? Updated { get; private set; }

        public Task<UserCredentials?> FindByUserNameAsync(string userName, CancellationToken cancellationToken) =>
            Task.FromResult(users.FirstOrDefault(u => u.UserName == userName));

        public Task UpdatePasswordHashAsync(Guid userId, string passwordHash, CancellationToken cancellationToken)
        {
            Updated = (userId, passwordHash);
            return Task.CompletedTask;
        }
    }

    private sealed class Issuer : ITokenIssuer
    {
        public TokenDto Issue(Guid userId, string userName) => new("token-for:" + userName, 3600, "Bearer");
    }
}
