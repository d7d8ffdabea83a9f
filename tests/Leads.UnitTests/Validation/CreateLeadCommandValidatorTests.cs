using FluentValidation.TestHelper;
using Leads.Application.Leads.Commands.CreateLead;

namespace Leads.UnitTests.Validation;

public sealed class CreateLeadCommandValidatorTests
{
    private readonly CreateLeadCommandValidator _validator = new();

    [Fact]
    public void A_complete_command_is_valid()
    {
        _validator.TestValidate(Valid()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Optional_fields_may_be_left_out()
    {
        var command = Valid() with { Phone = null, Notes = null, TeamId = null, OwnerUserId = null };

        _validator.TestValidate(command).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_is_required(string name)
    {
        _validator.TestValidate(Valid() with { Name = name }).ShouldHaveValidationErrorFor("Name");
    }

    [Fact]
    public void Name_is_at_most_200_characters()
    {
        _validator.TestValidate(Valid() with { Name = new string('a', 200) }).ShouldNotHaveValidationErrorFor("Name");
        _validator.TestValidate(Valid() with { Name = new string('a', 201) }).ShouldHaveValidationErrorFor("Name");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    public void Email_must_be_an_address(string email)
    {
        _validator.TestValidate(Valid() with { Email = email }).ShouldHaveValidationErrorFor("Email");
    }

    [Fact]
    public void Company_and_Source_are_required()
    {
        var result = _validator.TestValidate(Valid() with { Company = "", Source = "" });

        result.ShouldHaveValidationErrorFor("Company");
        result.ShouldHaveValidationErrorFor("Source");
    }

    [Theory]
    [InlineData("+1 (555) 010-0000")]
    [InlineData("0044.20.7946")]
    public void Phone_accepts_digits_and_punctuation(string phone)
    {
        _validator.TestValidate(Valid() with { Phone = phone }).ShouldNotHaveValidationErrorFor("Phone");
    }

    [Theory]
    [InlineData("call me")]
    [InlineData("555-0100 ext 2")]
    public void Phone_rejects_letters(string phone)
    {
        _validator.TestValidate(Valid() with { Phone = phone }).ShouldHaveValidationErrorFor("Phone");
    }

    [Fact]
    public void CategoryId_is_required()
    {
        _validator.TestValidate(Valid() with { CategoryId = Guid.Empty }).ShouldHaveValidationErrorFor("CategoryId");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Score_is_between_0_and_100(int score)
    {
        _validator.TestValidate(Valid() with { Score = score }).ShouldHaveValidationErrorFor("Score");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Score_bounds_are_inclusive(int score)
    {
        _validator.TestValidate(Valid() with { Score = score }).ShouldNotHaveValidationErrorFor("Score");
    }

    [Fact]
    public void EstimatedValue_cannot_be_negative_or_above_a_billion()
    {
        _validator.TestValidate(Valid() with { EstimatedValue = -0.01m }).ShouldHaveValidationErrorFor("EstimatedValue");
        _validator.TestValidate(Valid() with { EstimatedValue = 1_000_000_000.01m }).ShouldHaveValidationErrorFor("EstimatedValue");
        _validator.TestValidate(Valid() with { EstimatedValue = 1_000_000_000m }).ShouldNotHaveValidationErrorFor("EstimatedValue");
    }

    [Fact]
    public void Notes_are_at_most_4000_characters()
    {
        _validator.TestValidate(Valid() with { Notes = new string('n', 4001) }).ShouldHaveValidationErrorFor("Notes");
    }

    [Fact]
    public void Every_broken_field_is_reported_under_its_own_name()
    {
        var command = new CreateLeadCommand("", "x", "", "abc", "", Guid.Empty, -1m, 200, null, null, null);

        var result = _validator.TestValidate(command);

        result.Errors.Select(e => e.PropertyName).Distinct().Should().BeEquivalentTo(
            ["Name", "Email", "Company", "Phone", "Source", "CategoryId", "EstimatedValue", "Score"]);
    }

    private static CreateLeadCommand Valid() => new(
        "Ada Lovelace", "ada@example.com", "Analytical Engines", "+44 20 7946 0000", "Referral",
        Guid.NewGuid(), 12_500m, 80, "Met at the expo.", Guid.NewGuid(), null);
}
