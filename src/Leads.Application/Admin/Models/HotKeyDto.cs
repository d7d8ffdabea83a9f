namespace Leads.Application.Admin.Models;

/// <summary>A frequently read key (without the prefix); <paramref name="Score"/> is a decayed, sampled read count.</summary>
public sealed record HotKeyDto(string Key, long Score);
