using Leads.Infrastructure.Persistence.Counts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leads.Infrastructure.Persistence.Configurations;

/// <summary>
/// The counts table kept by triggers on <c>leads</c> (migration AddLeadCounts). No foreign keys: a category in
/// use cannot be deleted, and a zero row left behind by a deleted category or team must not block the delete.
/// </summary>
public sealed class LeadCountConfiguration : IEntityTypeConfiguration<LeadCount>
{
    public void Configure(EntityTypeBuilder<LeadCount> builder)
    {
        builder.ToTable("lead_counts");

        // The key leads with the team: every read is "the counts of these teams".
        builder.HasKey(c => new { c.TeamId, c.Status, c.CategoryId });
        builder.Property(c => c.TeamId).HasColumnName("team_id");
        builder.Property(c => c.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CategoryId).HasColumnName("category_id");
        builder.Property(c => c.Count).HasColumnName("lead_count");
        builder.Property(c => c.Value).HasColumnName("value_sum").HasPrecision(20, 2);
    }
}
