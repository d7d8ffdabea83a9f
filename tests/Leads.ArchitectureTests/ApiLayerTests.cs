namespace Leads.ArchitectureTests;

/// <summary>
/// The Api composes the layers and speaks HTTP. It may call the Infrastructure project only to register it (the
/// static extension classes of the <c>Leads.Infrastructure</c> root namespace: services, health checks, meters,
/// database start-up); reaching into its rooms (Redis connections, the DbContext, cache internals) would tie HTTP
/// code to how persistence and caching happen to be built.
/// </summary>
public sealed class ApiLayerTests
{
    [Fact]
    public void Api_uses_only_the_registration_surface_of_Infrastructure()
    {
        var rooms = InfrastructureRooms();

        var violations = TypeReferences.In(Layers.Api)
            .Where(r => rooms.Contains(TypeReferences.NamespaceOf(r.To)))
            .Select(r => $"{r.From} -> {r.To}")
            .Order(StringComparer.Ordinal)
            .ToArray();

        violations.Should().BeEmpty("the Api reached into Infrastructure:\n{0}", string.Join("\n", violations));
    }

    [Fact]
    public void The_registration_surface_of_Infrastructure_is_static_extension_classes_only()
    {
        var surface = Layers.Infrastructure.GetExportedTypes().Where(t => t.Namespace == Layers.InfrastructureNamespace).ToArray();

        surface.Should().NotBeEmpty();
        surface.Where(t => !(t.IsAbstract && t.IsSealed)).Select(t => t.FullName).Should().BeEmpty("only static registration classes belong in the root namespace");
    }

    [Fact]
    public void The_rule_sees_the_rooms_and_the_references_it_judges()
    {
        // Guards the rule above against passing vacuously: the rooms exist, the Api's use of the root namespace is
        // seen, and so is a reference written inside an async lambda (compiled into a nested state machine).
        InfrastructureRooms().Should().Contain(["Leads.Infrastructure.Caching.Redis", "Leads.Infrastructure.Persistence"]);
        TypeReferences.In(Layers.Api).Should().Contain(r => r.To == "Leads.Infrastructure.DependencyInjection");
        TypeReferences.In(typeof(ApiLayerTests).Assembly).Should().Contain(
            (typeof(ReachesIntoPersistenceInAnAsyncLambda).FullName!, "Leads.Infrastructure.Persistence.LeadsDbContext"));
    }

    /// <summary>Every namespace of the Infrastructure assembly below its root.</summary>
    private static HashSet<string> InfrastructureRooms() =>
        Layers.Infrastructure.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith(Layers.InfrastructureNamespace + ".", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
}
