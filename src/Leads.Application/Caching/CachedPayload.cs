namespace Leads.Application.Caching;

/// <summary>
/// The serialized form of a cached answer (UTF-8 JSON, the same bytes the API sends) with its entity tag,
/// so a conditional GET can be answered without running the handler or serializing again.
/// </summary>
public sealed record CachedPayload(ReadOnlyMemory<byte> Json, string ETag, DateTimeOffset StoredAt);
