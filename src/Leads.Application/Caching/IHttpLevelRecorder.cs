namespace Leads.Application.Caching;

/// <summary>
/// Counts, for the operators' dashboard, every request the instance answers and what the HTTP level did: a GET
/// answered with a validator is a lookup, a 304 among them a hit.
/// </summary>
public interface IHttpLevelRecorder
{
    void Answered();

    /// <summary><paramref name="describeKey"/> builds the operator-readable key only when the hot-key ranking samples this call.</summary>
    void Validated<TState>(bool notModified, TState state, Func<TState, string> describeKey);
}
