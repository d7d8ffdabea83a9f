using System.Globalization;
using System.Text;

namespace Leads.Infrastructure.Caching.Invalidation;

/// <summary>
/// What instances tell each other on the invalidation channel. Wire form: <c>{origin}[.{ack id}]\n{kind}\n{body}</c>,
/// where the body is <c>tag=generation;…</c> for new tag generations, a full key for a removed key, empty for
/// "drop your whole L1", and the sender's clock reading for a ping. An ack id asks every other instance to
/// acknowledge the message once applied (ADR 0004); an instance of an older version reads it as part of the
/// origin and applies the message all the same. Anything that does not parse is ignored (a message of a newer
/// version, noise).
/// </summary>
public sealed record InvalidationMessage(string Origin, InvalidationKind Kind, IReadOnlyList<KeyValuePair<string, long>> Generations, string Key)
{
    private const char Separator = '\n';
    private const char AckSeparator = '.';

    /// <summary>Non-zero: the sender waits for every other instance to acknowledge this message with this number.</summary>
    public long AckId { get; init; }

    /// <summary>For a ping: the sender's <see cref="System.Diagnostics.Stopwatch"/> reading when it sent the ping.</summary>
    public long SentAt { get; init; }

    public static InvalidationMessage Ping(string origin, long sentAt) => new(origin, InvalidationKind.Ping, [], string.Empty) { SentAt = sentAt };

    public static InvalidationMessage TagsBumped(string origin, IReadOnlyList<KeyValuePair<string, long>> generations) =>
        new(origin, InvalidationKind.Tags, generations, string.Empty);

    public static InvalidationMessage KeyRemoved(string origin, string fullKey) => new(origin, InvalidationKind.Key, [], fullKey);

    public static InvalidationMessage ClearAll(string origin) => new(origin, InvalidationKind.Clear, [], string.Empty);

    public string Format()
    {
        var builder = new StringBuilder(Origin.Length + 4 + Key.Length + (Generations.Count * 48));
        builder.Append(Origin);
        if (AckId != 0)
        {
            builder.Append(AckSeparator).Append(AckId.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(Separator).Append((char)Kind).Append(Separator);
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
            case InvalidationKind.Ping:
                builder.Append(SentAt.ToString(CultureInfo.InvariantCulture));
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

        var origin = parts[0];
        long ackId = 0;
        var dot = origin.IndexOf(AckSeparator);
        if (dot >= 0)
        {
            if (dot == 0 || !long.TryParse(origin.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ackId) || ackId == 0)
            {
                return false;
            }

            origin = origin[..dot];
        }

        if (!TryParseBody(origin, (InvalidationKind)parts[1][0], parts[2], out message))
        {
            return false;
        }

        if (ackId != 0)
        {
            message = message with { AckId = ackId };
        }

        return true;
    }

    private static bool TryParseBody(string origin, InvalidationKind kind, string body, out InvalidationMessage message)
    {
        message = null!;
        switch (kind)
        {
            case InvalidationKind.Tags:
                var generations = new List<KeyValuePair<string, long>>();
                foreach (var pair in body.Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    // Tags never contain '=', but split at the last one so a future tag that does still parses.
                    var at = pair.LastIndexOf('=');
                    if (at <= 0 || !long.TryParse(pair.AsSpan(at + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation))
                    {
                        return false;
                    }

                    generations.Add(new(pair[..at], generation));
                }

                message = TagsBumped(origin, generations);
                return true;
            case InvalidationKind.Key when body.Length > 0:
                message = KeyRemoved(origin, body);
                return true;
            case InvalidationKind.Clear:
                message = ClearAll(origin);
                return true;
            case InvalidationKind.Ping when long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt):
                message = Ping(origin, sentAt);
                return true;
            default:
                return false;
        }
    }
}
