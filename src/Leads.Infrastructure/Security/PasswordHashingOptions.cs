namespace Leads.Infrastructure.Security;

/// <summary>Cost of new password hashes (section <c>Security:PasswordHashing</c>).</summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Security:PasswordHashing";

    /// <summary>
    /// PBKDF2-SHA256 iterations for new hashes; OWASP's 2023 figure is 600,000 (about 0.2 s of one core here).
    /// Stored hashes keep the count they were made with and are rehashed at this one on the next sign-in.
    /// </summary>
    public int Iterations { get; set; } = 600_000;
}
