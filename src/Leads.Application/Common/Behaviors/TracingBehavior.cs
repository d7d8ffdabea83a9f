using System.Diagnostics;
using Leads.Application.Common.Diagnostics;
using Mediator;

namespace Leads.Application.Common.Behaviors;

/// <summary>One span per mediator message (outermost behavior), the parent of the cache lookups and queries it causes.</summary>
public sealed class TracingBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string SpanName = "mediator " + typeof(TMessage).Name;

    // Without a listener the message is handed on directly, with no async state machine (benchmarks.md, "Tracing cost").
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        LeadsTracing.Source.HasListeners() ? HandleTracedAsync(message, next, cancellationToken) : next(message, cancellationToken);

    private static async ValueTask<TResponse> HandleTracedAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = LeadsTracing.Source.StartActivity(SpanName, ActivityKind.Internal);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
