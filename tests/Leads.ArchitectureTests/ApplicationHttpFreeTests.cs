using System.Reflection;
using System.Text.RegularExpressions;

namespace Leads.ArchitectureTests;

/// <summary>
/// The Application decides what happens to leads; how that is said in HTTP (status codes, headers, entity tags,
/// preconditions) is the Api's business. Beyond not referencing ASP.NET Core, no Application type may carry
/// HTTP-only state, such as a flag telling the Api which status code to send.
/// </summary>
public sealed partial class ApplicationHttpFreeTests
{
    [Fact]
    public void Application_references_no_AspNetCore_assembly()
    {
        Layers.Application.GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(name => name!.StartsWith(Layers.AspNetCore, StringComparison.Ordinal));
    }

    [Fact]
    public void Application_members_carry_no_http_vocabulary()
    {
        HttpVocabularyIn(Layers.Application.GetTypes()).Should().BeEmpty();
    }

    [Fact]
    public void The_vocabulary_rule_recognises_http_state()
    {
        // Guards the rule above against passing vacuously: the flag that once told the Api to answer 412 is found.
        HttpVocabularyIn([typeof(ConflictWithHttpState)]).Should().ContainSingle().Which.Should().Contain(nameof(ConflictWithHttpState.FromPrecondition));
    }

    private static IEnumerable<string> HttpVocabularyIn(IEnumerable<Type> types) =>
        from type in types
        where !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false)
        from member in type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        where member is not MethodBase { IsSpecialName: true }
            && !member.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false)
            && HttpWords().IsMatch(member.Name)
        select $"{type.FullName}.{member.Name}";

    // Names are PascalCase or camelCase: a word is matched capitalised anywhere, or lower-case at the start of a name.
    [GeneratedRegex("(ETag|EntityTag|Precondition|IfMatch|IfNoneMatch|IfModifiedSince|NotModified|StatusCode|Http|Header)|(^|[_<])(eTag|etag|entityTag|precondition|ifMatch|ifNoneMatch|notModified|statusCode|http|header)")]
    private static partial Regex HttpWords();

    private sealed class ConflictWithHttpState
    {
        public bool FromPrecondition { get; init; }
    }
}
