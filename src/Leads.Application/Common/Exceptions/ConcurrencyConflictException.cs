namespace Leads.Application.Common.Exceptions;

/// <summary>The caller edited a version that is no longer current (maps to 409).</summary>
public sealed class ConcurrencyConflictException(string resource, object key, long currentVersion)
    : Exception($"{resource} '{key}' was changed by someone else; its current version is {currentVersion}.")
{
    public long CurrentVersion { get; } = currentVersion;
}
