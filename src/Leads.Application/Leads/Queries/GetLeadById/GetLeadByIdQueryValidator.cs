using FluentValidation;

namespace Leads.Application.Leads.Queries.GetLeadById;

public sealed class GetLeadByIdQueryValidator : AbstractValidator<GetLeadByIdQuery>
{
    public GetLeadByIdQueryValidator()
    {
        RuleFor(q => q.Id).NotEmpty();
    }
}
