using System.Runtime.CompilerServices;
using Leads.Application.Caching;
using Leads.Infrastructure.Caching;

namespace Leads.ArchitectureTests;

/// <summary>
/// A cacheable query names its policy by string; a name the configuration does not know only fails at run time
/// (on the first request), so every name is checked here.
/// </summary>
public sealed class CachePolicyTests
{
    public static TheoryData<string> CacheableQueries()
    {
        var data = new TheoryData<string>();
        foreach (var type in CacheableQueryTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void There_are_cacheable_queries_to_check()
    {
        // Lead by id, summary, categories and static config; the list caches its id pages itself (GetLeadsQueryHandler).
        CacheableQueryTypes().Should().HaveCountGreaterThanOrEqualTo(4);
    }

    [Theory]
    [MemberData(nameof(CacheableQueries))]
    public void Cacheable_query_names_a_configured_service_level_policy(string queryType)
    {
        var policy = PolicyOf(Layers.Application.GetType(queryType, throwOnError: true)!);

        CachingOptions.DefaultPolicies.Should().ContainKey(policy);
        CachingOptions.DefaultPolicies[policy].Level.Should().Be(CacheLevel.Api, "the caching behavior stores query answers at the service level");
    }

    [Fact]
    public void The_list_query_names_a_configured_service_level_policy_for_its_id_pages()
    {
        var policy = new Leads.Application.Leads.Queries.GetLeads.GetLeadsQuery().CachePolicy;

        CachingOptions.DefaultPolicies.Should().ContainKey(policy);
        CachingOptions.DefaultPolicies[policy].Level.Should().Be(CacheLevel.Api);
    }

    [Fact]
    public void Every_policy_name_has_defaults()
    {
        var names = typeof(CachePolicies).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        names.Should().NotBeEmpty();
        CachingOptions.DefaultPolicies.Keys.Should().BeEquivalentTo(names);
    }

    private static Type[] CacheableQueryTypes() =>
        Layers.Application.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsCacheableQuery))
            .ToArray();

    private static bool IsCacheableQuery(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ICacheableQuery<>);

    // The policy is a constant of the type; an instance without constructor arguments is enough to read it.
    private static string PolicyOf(Type queryType)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(queryType);
        var contract = queryType.GetInterfaces().Single(IsCacheableQuery);
        return (string)contract.GetProperty(nameof(ICacheableQuery<int>.CachePolicy))!.GetValue(instance)!;
    }
}
