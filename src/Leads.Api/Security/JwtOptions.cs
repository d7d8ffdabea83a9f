namespace Leads.Api.Security;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    public string Issuer { get; set; } = "leads-api";

    public string Audience { get; set; } = "leads-api";

    /// <summary>HMAC-SHA256 key, at least 32 bytes. Required outside Development.</summary>
    public string SigningKey { get; set; } = string.Empty;

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);
}
