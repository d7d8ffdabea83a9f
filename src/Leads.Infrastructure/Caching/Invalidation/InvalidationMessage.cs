using System.Globalization;
using System.Text;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// What instances tell each other on the invalidation channel. Wire form: <c>{origin}\n{kind}\n{body}</c>, where
/// the body is <c>tag=generation;…</c> for new tag generations, a full key for a removed key, and empty for
/// "drop your whole L1". Anything that does not parse is ignored (a message of a newer version, noise).
/// </summary>
public sealed record InvalidationMessage(string Origin, InvalidationKind Kind, IReadOnlyList<KeyValuePair<string, long>> Generations, string Key)
{
    private const char Separator = '\n';

    public static InvalidationMessage TagsBumped(string origin, IReadOnlyList<KeyValuePair<string, long>> generations) =>
        new(origin, InvalidationKind.Tags, generations, string.Empty);

    public static InvalidationMessage KeyRemoved(string origin, string fullKey) => new(origin, InvalidationKind.Key, [], fullKey);

    public static InvalidationMessage ClearAll(string origin) => new(origin, InvalidationKind.Clear, [], string.Empty);

    public string Format()
    {
        var builder = new StringBuilder(Origin.Length + 4 + Key.Length + (Generations.Count * 48));
        builder.Append(Origin).Append(Separator).Append((char)Kind).Append(Separator);
        switch (Kind)
        {
            case InvalidationKind.Tags:
                for (var i = 0; i < Generations.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(';');
                    }

                    builder.Append(Generations[i].Key).Append('=').Append(Generations[i].Value.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case InvalidationKind.Key:
                builder.Append(Key);
                break;
        }

        return builder.ToString();
    }

    public static bool TryParse(string? text, out InvalidationMessage message)
    {
        message = null!;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split(Separator, 3);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length != 1)
        {
            return false;
        }

        switch ((InvalidationKind)parts[1][0])
        {
            case InvalidationKind.Tags:
                var generations = new List<KeyValuePair<string, long>>();
                foreach (var pair in parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    // Tags never contain '=', but split at the last one so a future tag that does still parses.
                    var at = pair.LastIndexOf('=');
                    if (at <= 0 || !long.TryParse(pair.AsSpan(at + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation))
                    {
                        return false;
                    }

                    generations.Add(new(pair[..at], generation));
                }

                message = TagsBumped(parts[0], generations);
                return true;
            case InvalidationKind.Key when parts[2].Length > 0:
                message = KeyRemoved(parts[0], parts[2]);
                return true;
            case InvalidationKind.Clear:
                message = ClearAll(parts[0]);
                return true;
            default:
                return false;
        }
    }
}
