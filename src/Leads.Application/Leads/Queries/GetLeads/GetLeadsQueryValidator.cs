using FluentValidation;
using Leads.Application.Common.Validation;
using Leads.Application.Leads.Models;

namespace Leads.Application.Leads.Queries.GetLeads;

public sealed class GetLeadsQueryValidator : AbstractValidator<GetLeadsQuery>
{
    public GetLeadsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).LessThanOrEqualTo(100_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetLeadsQuery.MaxPageSize);
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Search).MaximumLength(100).SingleLineText();
        RuleFor(q => q.CategoryId).NotEqual(Guid.Empty).WithMessage("'Category Id' must be a category's id, not the empty GUID.");
        RuleFor(q => q.Sort)
            .Must(LeadSort.IsValid)
            .WithMessage($"Sort must be one of {string.Join(", ", LeadSort.Fields)}, optionally prefixed with '-'.");
    }
}
