using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Leads.Application.Common.Behaviors;

/// <summary>
/// Logs each message with its duration at Debug. Stateless: the timestamp lives in a local. When Debug is off
/// (production) it hands the message on directly: a cached hit pays neither a clock read nor a state machine.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        logger.IsEnabled(LogLevel.Debug) ? HandleLoggedAsync(message, next, cancellationToken) : next(message, cancellationToken);

    private async ValueTask<TResponse> HandleLoggedAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            LogHandled(typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {MessageName} in {ElapsedMs:0.###} ms")]
    private partial void LogHandled(string messageName, double elapsedMs);
}
