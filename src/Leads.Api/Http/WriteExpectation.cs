namespace Leads.Api.Http;

/// <summary>
/// The version a write must find, once its preconditions held: the version the client stated (body or query), or,
/// after an If-Match, the version of the representation that matched (<see cref="PinnedByIfMatch"/>). Pinning makes
/// a change that lands between the check and the write fail that write, so the check cannot be raced.
/// </summary>
public readonly record struct WriteExpectation(long? Version, bool PinnedByIfMatch)
{
    public static WriteExpectation Stated(long? version) => new(version, false);

    /// <summary>
    /// What to require after the headers passed against the representation at <paramref name="currentVersion"/>.
    /// If-None-Match alone pins nothing: a later version cannot carry the excluded tag again. A stated version is
    /// never dropped: when it is not the version If-Match matched (e.g. <c>If-Match: *</c> with an old version),
    /// the write is made to expect it, so it fails as a version conflict instead of overwriting changes the client
    /// has not seen.
    /// </summary>
    public static WriteExpectation After(PreconditionHeaders headers, long currentVersion, long? statedVersion)
    {
        if (!headers.HasIfMatch || (statedVersion is { } stated && stated != currentVersion))
        {
            return Stated(statedVersion);
        }

        return new WriteExpectation(currentVersion, PinnedByIfMatch: true);
    }
}
