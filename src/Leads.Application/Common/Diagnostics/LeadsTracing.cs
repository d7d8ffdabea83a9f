using System.Diagnostics;

namespace Leads.Application.Common.Diagnostics;

/// <summary>
/// The one ActivitySource of the application's own spans (mediator messages, cache lookups, Redis calls), so a
/// trace reads request → behavior → cache lookup → Redis / SQL. Spans cost nothing unless a listener (the
/// OpenTelemetry tracer, switched on by configuration) subscribes to <see cref="SourceName"/>.
/// </summary>
public static class LeadsTracing
{
    public const string SourceName = "Leads";

    public static ActivitySource Source { get; } = new(SourceName);
}
