using System.Reflection;
using Mediator;
using NetArchTest.Rules;

namespace Leads.ArchitectureTests;

/// <summary>Messages are immutable sealed records; handlers are public (the source generator needs them) and sealed.</summary>
public sealed class MessageAndHandlerTests
{
    private static readonly Type[] HandlerDefinitions =
    [
        typeof(IQueryHandler<,>),
        typeof(ICommandHandler<,>),
        typeof(ICommandHandler<>),
        typeof(INotificationHandler<>),
    ];

    public static TheoryData<string> MessageAssemblies() => [Layers.Domain.GetName().Name!, Layers.Application.GetName().Name!];

    [Fact]
    public void Every_handler_is_public_and_sealed()
    {
        var handlers = Layers.Application.GetTypes()
            .Where(t => t.IsClass && t.GetInterfaces().Any(i => i.IsGenericType && HandlerDefinitions.Contains(i.GetGenericTypeDefinition())))
            .ToArray();

        handlers.Should().HaveCountGreaterThan(10);
        handlers.Where(t => !t.IsPublic || !t.IsSealed).Select(t => t.FullName).Should().BeEmpty();
    }

    [Fact]
    public void Types_named_as_handlers_are_public_and_sealed()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().HaveNameEndingWith("QueryHandler").Or().HaveNameEndingWith("CommandHandler")
            .Should().BeSealed().And().BePublic()
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    [Fact]
    public void Queries_and_commands_are_named_after_what_they_are()
    {
        var requests = Types.InAssembly(Layers.Application)
            .That().AreClasses().And().ImplementInterface(typeof(IMessage)).And().DoNotImplementInterface(typeof(INotification));

        requests.GetTypes().Should().HaveCountGreaterThan(10);
        var result = requests.Should().HaveNameEndingWith("Query").Or().HaveNameEndingWith("Command").GetResult();
        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    [Theory]
    [MemberData(nameof(MessageAssemblies))]
    public void Every_message_is_a_sealed_record(string assemblyName)
    {
        var messages = Assembly.Load(assemblyName).GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(IMessage).IsAssignableFrom(t))
            .ToArray();

        messages.Should().NotBeEmpty();
        messages.Where(t => !t.IsSealed || !IsRecord(t)).Select(t => t.FullName).Should().BeEmpty();
    }

    [Fact]
    public void Validators_are_sealed()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().Inherit(typeof(FluentValidation.AbstractValidator<>))
            .Should().BeSealed()
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    // The compiler gives every record class a hidden clone method; nothing else has one.
    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;
}
