using Leads.Api.Contracts;
using Leads.Api.Http;
using Leads.Api.Security;
using Leads.Application.Categories.Commands.CreateCategory;
using Leads.Application.Categories.Commands.DeleteCategory;
using Leads.Application.Categories.Commands.UpdateCategory;
using Leads.Application.Categories.Models;
using Leads.Application.Categories.Queries.GetCategories;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Leads.Api.Controllers;

[ApiController]
[Authorize]
[Route("api/leads/categories")]
public sealed class CategoriesController(IMediator mediator, IOptions<HttpCachingOptions> httpCaching) : ControllerBase
{
    /// <summary>
    /// All lead categories: public reference data, the same for every caller, so anyone may read it and shared caches
    /// may keep it (30 minutes by default). It is anonymous because it is public: a <c>public</c> answer behind a token
    /// would be handed by a CDN to callers without one anyway.
    /// </summary>
    [HttpGet]
    [HttpHead]
    [AllowAnonymous]
    [ProducesResponseType<IReadOnlyList<CategoryDto>>(StatusCodes.Status200OK)]
    public async Task<IResult> List(CancellationToken cancellationToken) =>
        new CachedJsonResult<IReadOnlyList<CategoryDto>>(
            await mediator.Send(new GetCategoriesQuery(), cancellationToken),
            HttpCacheProfile.Public(httpCaching.Value.Categories));

    [HttpPost]
    [Authorize(Policy = AuthenticationSetup.AdminPolicy)]
    [ProducesResponseType<CategoryDto>(StatusCodes.Status201Created)]
    public async Task<IResult> Create(CategoryRequest request, CancellationToken cancellationToken)
    {
        var category = await mediator.Send(new CreateCategoryCommand(request.Name ?? string.Empty, request.Description), cancellationToken);
        return TypedResults.Created($"/api/leads/categories/{category.Id}", category);
    }

    [HttpPut("{id:guid}")]
    [Authorize(Policy = AuthenticationSetup.AdminPolicy)]
    [ProducesResponseType<CategoryDto>(StatusCodes.Status200OK)]
    public async Task<CategoryDto> Update(Guid id, CategoryRequest request, CancellationToken cancellationToken) =>
        await mediator.Send(new UpdateCategoryCommand(id, request.Name ?? string.Empty, request.Description), cancellationToken);

    [HttpDelete("{id:guid}")]
    [Authorize(Policy = AuthenticationSetup.AdminPolicy)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IResult> Delete(Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteCategoryCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
