using Leads.Infrastructure.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leads.Infrastructure.Persistence.Configurations;

/// <summary>The invalidation outbox (see <see cref="PendingInvalidation"/>); the relay reads it oldest first.</summary>
public sealed class PendingInvalidationConfiguration : IEntityTypeConfiguration<PendingInvalidation>
{
    public const string Table = "cache_invalidation_outbox";

    public void Configure(EntityTypeBuilder<PendingInvalidation> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(p => p.Tags).HasColumnName("tags").HasColumnType("text[]").IsRequired();
        builder.Property(p => p.CreatedAt).HasColumnName("created_at").HasColumnType("timestamp with time zone")
            .HasDefaultValueSql("now()").ValueGeneratedOnAdd();
    }
}
