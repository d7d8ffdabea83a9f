namespace Leads.Infrastructure.Caching.Serialization;

public readonly record struct DecodedEntry(byte[] Json, ulong Hash, long[] Stamps, DateTimeOffset StoredAt);
