using FluentValidation;
using Leads.Application.Common.Validation;

namespace Leads.Application.Leads.Commands;

/// <summary>Rules shared by create and update: both carry the same editable fields.</summary>
public static class LeadFieldsValidator
{
    public static void AddLeadFieldRules<T>(this AbstractValidator<T> validator, Func<T, ILeadFields> fields)
    {
        validator.RuleFor(c => fields(c).Name).NotEmpty().MaximumLength(200).SingleLineText().OverridePropertyName("Name");
        validator.RuleFor(c => fields(c).Email).NotEmpty().MaximumLength(254).SingleLineText().EmailAddress().OverridePropertyName("Email");
        validator.RuleFor(c => fields(c).Company).NotEmpty().MaximumLength(200).SingleLineText().OverridePropertyName("Company");
        validator.RuleFor(c => fields(c).Phone).MaximumLength(40).Matches(@"^[0-9+()\-. ]*$").OverridePropertyName("Phone");
        validator.RuleFor(c => fields(c).Source).NotEmpty().MaximumLength(100).SingleLineText().OverridePropertyName("Source");
        validator.RuleFor(c => fields(c).CategoryId).NotEmpty().OverridePropertyName("CategoryId");
        validator.RuleFor(c => fields(c).EstimatedValue).InclusiveBetween(0m, 1_000_000_000m).OverridePropertyName("EstimatedValue");
        validator.RuleFor(c => fields(c).Score).InclusiveBetween(0, 100).OverridePropertyName("Score");
        validator.RuleFor(c => fields(c).Notes).MaximumLength(4000).MultiLineText().OverridePropertyName("Notes");
    }
}
