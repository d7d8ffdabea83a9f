using Leads.Application.Common.Interfaces;

namespace Leads.Infrastructure.Time;

public sealed class SystemClock(TimeProvider time) : IClock
{
    // Postgres stores microseconds; truncating here keeps what a command returns equal to what a later read returns.
    public DateTimeOffset UtcNow
    {
        get
        {
            var now = time.GetUtcNow();
            return now.AddTicks(-(now.Ticks % 10));
        }
    }
}
