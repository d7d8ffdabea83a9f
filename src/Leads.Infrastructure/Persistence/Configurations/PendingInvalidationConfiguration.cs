using Leads.Infrastructure.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leads.Infrastructure.Persistence.Configurations;

/// <summary>
/// The invalidation outbox (see <see cref="PendingInvalidation"/>); the relay reads the rows not applied yet
/// oldest first, through a partial index that holds only those (applied rows stay for the replay window).
/// </summary>
public sealed class PendingInvalidationConfiguration : IEntityTypeConfiguration<PendingInvalidation>
{
    public const string Table = "cache_invalidation_outbox";

    public const string PendingIndex = "ix_cache_invalidation_outbox_pending";

    public void Configure(EntityTypeBuilder<PendingInvalidation> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(p => p.Tags).HasColumnName("tags").HasColumnType("text[]").IsRequired();
        builder.Property(p => p.CreatedAt).HasColumnName("created_at").HasColumnType("timestamp with time zone")
            .HasDefaultValueSql("now()").ValueGeneratedOnAdd();
        builder.Property(p => p.AppliedAt).HasColumnName("applied_at").HasColumnType("timestamp with time zone");
        builder.HasIndex(p => p.Id).HasDatabaseName(PendingIndex).HasFilter("applied_at IS NULL");
    }
}
