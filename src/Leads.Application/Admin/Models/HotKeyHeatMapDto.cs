namespace Leads.Application.Admin.Models;

/// <summary>
/// The hottest keys of one level: one row per key, one estimated access count per bucket (bucket start times in
/// <paramref name="Buckets"/>). An estimate is at most <paramref name="MaxErrors"/> of its bucket too high.
/// </summary>
public sealed record HotKeyHeatMapDto(string Level, IReadOnlyList<DateTimeOffset> Buckets, IReadOnlyList<HotKeyRowDto> Keys, IReadOnlyList<long> MaxErrors);
