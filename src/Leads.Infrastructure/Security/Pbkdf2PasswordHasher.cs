using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Leads.Application.Security;
using Microsoft.Extensions.Options;

namespace Leads.Infrastructure.Security;

/// <summary>
/// PBKDF2-SHA256 with a per-password salt; stored as <c>pbkdf2-sha256${iterations}${salt}${hash}</c>, so hashes
/// made at an older iteration count stay valid and are recognised for rehashing. <see cref="DummyHash"/> lets a
/// sign-in for an unknown user cost the same as one for a real user.
/// </summary>
public sealed class Pbkdf2PasswordHasher : IPasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltSize = 16;
    private const int HashSize = 32;

    private readonly int _iterations;

    public Pbkdf2PasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        _iterations = options.Value.Iterations >= 1 ? options.Value.Iterations : throw new ArgumentOutOfRangeException(nameof(options), "Security:PasswordHashing:Iterations must be positive.");

        // A random password no one knows: verifying against it costs what a real check costs and never matches.
        DummyHash = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    public string DummyHash { get; }

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, _iterations, HashAlgorithmName.SHA256, HashSize);
        return string.Join('$', Scheme, _iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public bool NeedsRehash(string hash)
    {
        var parts = hash.Split('$');
        return parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations) || iterations < _iterations;
    }

    public bool Verify(string password, string hash)
    {
        var parts = hash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations) || iterations <= 0)
        {
            return false;
        }

        // A damaged stored hash must fail the check, not throw (a 500 at sign-in) and never match by being empty.
        var salt = new byte[parts[2].Length];
        var expected = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength)
            || !Convert.TryFromBase64String(parts[3], expected, out var expectedLength)
            || saltLength == 0
            || expectedLength == 0)
        {
            return false;
        }

        salt = salt[..saltLength];
        expected = expected[..expectedLength];
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
