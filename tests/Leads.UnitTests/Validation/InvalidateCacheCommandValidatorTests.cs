using FluentValidation.TestHelper;
using Leads.Application.Admin.Commands.InvalidateCache;

namespace Leads.UnitTests.Validation;

/// <summary>A bulk invalidation names exactly one target: all, a tag, or a namespace and/or pattern.</summary>
public sealed class InvalidateCacheCommandValidatorTests
{
    private readonly InvalidateCacheCommandValidator _validator = new();

    public static TheoryData<string?, string?, string?, bool> ExactlyOneTarget() => new()
    {
        { null, null, null, true },
        { null, "categories", null, false },
        { null, "lead:0a0000000000700080000000000000aa", null, false },
        { "api", null, null, false },
        { "db", null, null, false },
        { null, null, "LeadsList:*", false },
        { "api", null, "LeadsList:*", false },
    };

    public static TheoryData<string?, string?, string?, bool> NoneOrSeveralTargets() => new()
    {
        { null, null, null, false },
        { null, "categories", null, true },
        { "api", null, null, true },
        { null, null, "*", true },
        { null, "categories", "*", false },
        { "db", "categories", null, false },
        { "api", "categories", "*", true },
    };

    [Theory]
    [MemberData(nameof(ExactlyOneTarget))]
    public void Exactly_one_target_is_valid(string? cacheNamespace, string? tag, string? pattern, bool all)
    {
        _validator.TestValidate(new InvalidateCacheCommand(cacheNamespace, tag, pattern, all)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [MemberData(nameof(NoneOrSeveralTargets))]
    public void No_target_or_more_than_one_is_rejected(string? cacheNamespace, string? tag, string? pattern, bool all)
    {
        var result = _validator.TestValidate(new InvalidateCacheCommand(cacheNamespace, tag, pattern, all));

        result.Errors.Should().ContainSingle(e => e.ErrorMessage.Contains("exactly one", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("API")]
    [InlineData("http")]
    [InlineData("")]
    public void Namespace_must_be_api_or_db(string cacheNamespace)
    {
        _validator.TestValidate(new InvalidateCacheCommand(cacheNamespace, null, null, false)).ShouldHaveValidationErrorFor(c => c.Namespace);
    }

    [Theory]
    [InlineData("Categories")]
    [InlineData("lead:*")]
    [InlineData("team leads")]
    [InlineData("")]
    public void Tag_is_lower_case_letters_digits_colons_and_dashes(string tag)
    {
        _validator.TestValidate(new InvalidateCacheCommand(null, tag, null, false)).ShouldHaveValidationErrorFor(c => c.Tag);
    }

    [Fact]
    public void Pattern_cannot_be_empty_or_longer_than_200_characters()
    {
        _validator.TestValidate(new InvalidateCacheCommand(null, null, "", false)).ShouldHaveValidationErrorFor(c => c.Pattern);
        _validator.TestValidate(new InvalidateCacheCommand(null, null, new string('a', 201), false)).ShouldHaveValidationErrorFor(c => c.Pattern);
    }
}
