namespace Leads.Api.Http;

/// <summary>
/// A write's If-Match or If-None-Match did not hold (412). An HTTP notion, so it lives here: the Application only
/// knows that a version was outdated (<see cref="Leads.Application.Common.Exceptions.ConcurrencyConflictException"/>, 409).
/// </summary>
public sealed class PreconditionFailedException(string resource, object key, long currentVersion)
    : Exception($"{resource} '{key}' was changed by someone else; its current version is {currentVersion}.");
