namespace Leads.Application.Admin.Models;

/// <summary>One key of the heat map: its estimated accesses per bucket and in total.</summary>
public sealed record HotKeyRowDto(string Key, long Total, IReadOnlyList<long> Counts);
