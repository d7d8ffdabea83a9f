using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Leads.IntegrationTests.Infrastructure;

/// <summary>Counts (and keeps the text of) the SQL commands the API sends to Postgres through EF, so tests can prove a request was served without the database.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The commands since the last <see cref="Reset"/>, in the order they were sent.</summary>
    public IReadOnlyList<string> Texts => _texts.ToArray();

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        _texts.Clear();
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        _texts.Enqueue(command.CommandText);
    }
}
