namespace Leads.ArchitectureTests;

/// <summary>A sample for <see cref="ApiLayerTests"/>: the reference to the DbContext is compiled into a nested state machine.</summary>
internal static class ReachesIntoPersistenceInAnAsyncLambda
{
    public static Func<Task<string>> Probe { get; } = async () =>
    {
        await Task.Yield();
        return typeof(Leads.Infrastructure.Persistence.LeadsDbContext).Name;
    };
}
