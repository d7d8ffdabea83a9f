namespace Leads.Domain.Leads;

/// <summary>
/// The fields of a lead, as flags, so a change can say exactly what it touched. Caches use it to invalidate only
/// what read a changed field (a notes-only edit leaves every list and count alone).
/// </summary>
[Flags]
public enum LeadFields
{
    None = 0,
    Name = 1 << 0,
    Email = 1 << 1,
    Company = 1 << 2,
    Phone = 1 << 3,
    Source = 1 << 4,
    Category = 1 << 5,
    EstimatedValue = 1 << 6,
    Score = 1 << 7,
    Notes = 1 << 8,
    Team = 1 << 9,
    Owner = 1 << 10,
    Status = 1 << 11,

    /// <summary>Set by every change (the update time moves), so what orders by it is always affected.</summary>
    UpdatedAt = 1 << 12,
}
