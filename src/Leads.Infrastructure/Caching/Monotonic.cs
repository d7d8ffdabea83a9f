namespace Leads.Infrastructure.Caching;

/// <summary>Values that only grow, shared between threads without a lock.</summary>
internal static class Monotonic
{
    /// <summary>Raises <paramref name="field"/> to <paramref name="value"/> unless it is already at or above it.</summary>
    public static void RaiseTo(ref long field, long value)
    {
        var current = Volatile.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
