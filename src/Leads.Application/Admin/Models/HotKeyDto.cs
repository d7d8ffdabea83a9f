namespace Leads.Application.Admin.Models;

/// <summary>A frequently read key (without the prefix); <paramref name="Score"/> is its estimated reads over the hot-key buckets kept (sampled, Space-Saving).</summary>
public sealed record HotKeyDto(string Key, long Score);
