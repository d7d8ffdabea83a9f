using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Leads.Domain.Teams;
using Leads.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leads.Infrastructure.Persistence.Configurations;

public sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads");
        builder.HasKey(l => l.Id);
        builder.Ignore(l => l.DomainEvents);
        builder.Property(l => l.Name).HasMaxLength(200).IsRequired();
        builder.Property(l => l.Email).HasMaxLength(254).IsRequired();
        builder.Property(l => l.Company).HasMaxLength(200).IsRequired();
        builder.Property(l => l.Phone).HasMaxLength(40);
        builder.Property(l => l.Source).HasMaxLength(100).IsRequired();
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.EstimatedValue).HasPrecision(14, 2);
        builder.Property(l => l.Notes).HasMaxLength(4000);
        builder.Property(l => l.Version).IsConcurrencyToken();

        builder.HasOne<LeadCategory>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(l => l.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.OwnerUserId).OnDelete(DeleteBehavior.SetNull);

        // Lists are filtered by team (members) and optionally status/category, and sorted by creation date by default.
        builder.HasIndex(l => new { l.TeamId, l.CreatedAt });
        builder.HasIndex(l => new { l.TeamId, l.Status });
        builder.HasIndex(l => l.CreatedAt);
        builder.HasIndex(l => l.Status);
        builder.HasIndex(l => l.CategoryId);
    }
}
