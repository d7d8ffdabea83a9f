using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace Leads.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of the message; failures become a 400 with field errors. Validation
/// runs before the cache (invalid input never reaches or fills it), so it runs on every hit too: validators of
/// reads are synchronous, and when they finish at once the message is handed on without an async state machine.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    // The container hands an array; anything else is copied once per behavior instance.
    private readonly IReadOnlyList<IValidator<TMessage>> _validators = validators as IReadOnlyList<IValidator<TMessage>> ?? validators.ToArray();

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<ValidationFailure>? failures = null;
        for (var i = 0; i < _validators.Count; i++)
        {
            var validation = _validators[i].ValidateAsync(message, cancellationToken);
            if (!validation.IsCompletedSuccessfully)
            {
                return ValidateFromAsync(i, validation, message, next, failures, cancellationToken);
            }

            Collect(validation.Result, ref failures);
        }

        if (failures is not null)
        {
            throw new ValidationException(failures);
        }

        return next(message, cancellationToken);
    }

    // Validator <paramref name="index"/> really awaited something: finish it and the rest asynchronously, in order.
    private async ValueTask<TResponse> ValidateFromAsync(
        int index, Task<ValidationResult> pending, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        List<ValidationFailure>? failures, CancellationToken cancellationToken)
    {
        Collect(await pending, ref failures);
        for (var i = index + 1; i < _validators.Count; i++)
        {
            Collect(await _validators[i].ValidateAsync(message, cancellationToken), ref failures);
        }

        if (failures is not null)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }

    private static void Collect(ValidationResult result, ref List<ValidationFailure>? failures)
    {
        if (!result.IsValid)
        {
            (failures ??= []).AddRange(result.Errors);
        }
    }
}
