using System.Text;

namespace Leads.Infrastructure.Caching.Tiers;

/// <summary>Redis SCAN MATCH patterns built from operator input: only <c>*</c> may act as a wildcard.</summary>
public static class RedisGlob
{
    /// <summary>Escapes Redis glob characters; with <paramref name="keepStar"/>, '*' stays a wildcard.</summary>
    public static string Escape(string text, bool keepStar = false)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '?' or '[' or ']' or '\\' || (c == '*' && !keepStar))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
