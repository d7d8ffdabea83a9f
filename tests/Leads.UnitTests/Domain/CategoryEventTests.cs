using Leads.Domain.Categories;

namespace Leads.UnitTests.Domain;

/// <summary>Category changes raise CategoryChanged: lists and summaries show category names.</summary>
public sealed class CategoryEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_Rename_and_MarkDeleted_each_raise_CategoryChanged()
    {
        var category = LeadCategory.Create("Enterprise", null, Now);
        category.Rename("Large enterprise", "1000+ staff", Now.AddDays(1));
        category.MarkDeleted();

        category.Name.Should().Be("Large enterprise");
        category.Description.Should().Be("1000+ staff");
        category.UpdatedAt.Should().Be(Now.AddDays(1));
        category.DomainEvents.Should().Equal(Enumerable.Repeat(new CategoryChanged(category.Id), 3));
    }
}
