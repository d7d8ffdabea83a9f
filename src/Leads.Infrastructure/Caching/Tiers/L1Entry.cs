using Leads.Application.Caching;

namespace Leads.Infrastructure.Caching.Tiers;

public sealed record L1Entry(object? Value, CachedPayload Payload, long[] Stamps);
