using FluentValidation.TestHelper;
using Leads.Application.Leads.Queries.GetLeads;
using Leads.Domain.Leads;

namespace Leads.UnitTests.Validation;

public sealed class GetLeadsQueryValidatorTests
{
    private readonly GetLeadsQueryValidator _validator = new();

    [Fact]
    public void The_default_query_is_valid()
    {
        _validator.TestValidate(new GetLeadsQuery()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(GetLeadsQuery.MaxPageSize)]
    public void PageSize_within_1_to_100_is_valid(int pageSize)
    {
        _validator.TestValidate(new GetLeadsQuery(PageSize: pageSize)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(GetLeadsQuery.MaxPageSize + 1)]
    [InlineData(10_000)]
    public void PageSize_outside_1_to_100_is_rejected(int pageSize)
    {
        _validator.TestValidate(new GetLeadsQuery(PageSize: pageSize)).ShouldHaveValidationErrorFor(q => q.PageSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_001)]
    public void Page_outside_1_to_100000_is_rejected(int page)
    {
        _validator.TestValidate(new GetLeadsQuery(Page: page)).ShouldHaveValidationErrorFor(q => q.Page);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("company")]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("updatedAt")]
    [InlineData("estimatedValue")]
    [InlineData("-score")]
    [InlineData("status")]
    public void Sort_accepts_known_fields_optionally_descending(string sort)
    {
        _validator.TestValidate(new GetLeadsQuery(Sort: sort)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("email")]
    [InlineData("Name")]
    [InlineData("--name")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("name desc")]
    [InlineData("name;drop table leads")]
    public void Sort_rejects_anything_else(string sort)
    {
        _validator.TestValidate(new GetLeadsQuery(Sort: sort)).ShouldHaveValidationErrorFor(q => q.Sort);
    }

    [Fact]
    public void Search_is_at_most_100_characters()
    {
        _validator.TestValidate(new GetLeadsQuery(Search: new string('s', 100))).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new GetLeadsQuery(Search: new string('s', 101))).ShouldHaveValidationErrorFor(q => q.Search);
    }

    [Fact]
    public void Status_must_be_a_defined_value()
    {
        _validator.TestValidate(new GetLeadsQuery(Status: (LeadStatus)42)).ShouldHaveValidationErrorFor(q => q.Status);
        _validator.TestValidate(new GetLeadsQuery(Status: LeadStatus.Won)).ShouldNotHaveAnyValidationErrors();
    }
}
