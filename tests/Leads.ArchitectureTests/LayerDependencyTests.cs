using NetArchTest.Rules;

namespace Leads.ArchitectureTests;

/// <summary>Dependencies point inwards: Api -> Infrastructure -> Application -> Domain, and the inner layers know no frameworks of the outer ones.</summary>
public sealed class LayerDependencyTests
{
    [Fact]
    public void Domain_depends_on_no_other_layer()
    {
        var result = Types.InAssembly(Layers.Domain).Should()
            .NotHaveDependencyOnAny(Layers.ApplicationNamespace, Layers.InfrastructureNamespace, Layers.ApiNamespace)
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    [Fact]
    public void Domain_depends_on_no_persistence_cache_or_web_framework()
    {
        var result = Types.InAssembly(Layers.Domain).Should()
            .NotHaveDependencyOnAny(Layers.EntityFramework, Layers.Npgsql, Layers.Redis, Layers.AspNetCore)
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    [Fact]
    public void Application_depends_on_neither_Infrastructure_nor_Api()
    {
        var result = Types.InAssembly(Layers.Application).Should()
            .NotHaveDependencyOnAny(Layers.InfrastructureNamespace, Layers.ApiNamespace)
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    [Fact]
    public void Application_depends_on_no_persistence_cache_or_web_framework()
    {
        var result = Types.InAssembly(Layers.Application).Should()
            .NotHaveDependencyOnAny(Layers.EntityFramework, Layers.Npgsql, Layers.Redis, Layers.AspNetCore)
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_Api()
    {
        var result = Types.InAssembly(Layers.Infrastructure).Should()
            .NotHaveDependencyOn(Layers.ApiNamespace)
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    [Fact]
    public void The_rules_see_the_types_they_judge()
    {
        // Guards the rules above against passing vacuously (e.g. a wrong assembly or namespace).
        Types.InAssembly(Layers.Domain).That().ResideInNamespaceStartingWith(Layers.DomainNamespace).GetTypes().Should().NotBeEmpty();
        Types.InAssembly(Layers.Infrastructure).That().HaveDependencyOn(Layers.Redis).GetTypes().Should().NotBeEmpty();
        Types.InAssembly(Layers.Infrastructure).That().HaveDependencyOn(Layers.EntityFramework).GetTypes().Should().NotBeEmpty();
        Types.InAssembly(Layers.Api).That().HaveDependencyOn(Layers.ApplicationNamespace).GetTypes().Should().NotBeEmpty();
    }
}
