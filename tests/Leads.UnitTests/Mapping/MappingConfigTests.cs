using Leads.Application.Categories.Models;
using Leads.Application.Common.Mapping;
using Leads.Application.Leads.Models;
using Leads.Domain.Categories;
using Leads.Domain.Leads;
using Mapster;

namespace Leads.UnitTests.Mapping;

public sealed class MappingConfigTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Category_maps_to_its_dto()
    {
        var category = LeadCategory.Create("Enterprise", "Large accounts", Now);

        var dto = category.Adapt<CategoryDto>(MappingConfig.Create());

        dto.Should().Be(new CategoryDto(category.Id, "Enterprise", "Large accounts", Now));
    }

    [Fact]
    public void Lead_maps_every_field_but_the_category_name()
    {
        var categoryId = Guid.NewGuid();
        var teamId = Guid.NewGuid();
        var lead = Lead.Create(new LeadDetails("Ada", "ada@acme.example", "Acme", "+1 555", "Referral", categoryId, 1200m, 80, "Call back"), teamId, null, Now);

        var dto = lead.Adapt<LeadDto>(MappingConfig.Create());

        dto.Should().BeEquivalentTo(new
        {
            lead.Id,
            Name = "Ada",
            Email = "ada@acme.example",
            Company = "Acme",
            Phone = "+1 555",
            Status = LeadStatus.New,
            Source = "Referral",
            CategoryId = categoryId,
            CategoryName = string.Empty,
            TeamId = teamId,
            OwnerUserId = (Guid?)null,
            EstimatedValue = 1200m,
            Score = 80,
            Notes = "Call back",
            CreatedAt = Now,
            UpdatedAt = Now,
            Version = 1L,
        });
    }
}
