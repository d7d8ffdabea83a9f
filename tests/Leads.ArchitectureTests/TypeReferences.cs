using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Leads.ArchitectureTests;

/// <summary>
/// Every type a compiled assembly refers to, read from its IL with Mono.Cecil (which NetArchTest uses underneath).
/// NetArchTest 1.3.2 misses references inside compiler-generated types (async state machines, lambdas, top-level
/// statements), where most of a start-up file's code lives; this reader walks every nested type and every method
/// body, and charges each reference to the top-level type that wrote it.
/// </summary>
internal static class TypeReferences
{
    /// <summary>(top-level type that refers, full name of the type it refers to), each pair once.</summary>
    public static IReadOnlyCollection<(string From, string To)> In(System.Reflection.Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var found = new HashSet<(string, string)>();
        foreach (var type in module.GetTypes())
        {
            var from = Outermost(type).FullName;
            foreach (var reference in ReferencesOf(type))
            {
                foreach (var name in Names(reference))
                {
                    found.Add((from, name));
                }
            }
        }

        return found;
    }

    /// <summary>The namespace of a referenced type name (nested types are written <c>Outer/Inner</c> by Cecil).</summary>
    public static string NamespaceOf(string fullName)
    {
        var outer = fullName.Split('/')[0];
        var dot = outer.LastIndexOf('.');
        return dot < 0 ? string.Empty : outer[..dot];
    }

    private static IEnumerable<TypeReference> ReferencesOf(TypeDefinition type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var contract in type.Interfaces)
        {
            yield return contract.InterfaceType;
        }

        foreach (var attribute in type.CustomAttributes)
        {
            yield return attribute.AttributeType;
        }

        foreach (var field in type.Fields)
        {
            yield return field.FieldType;
        }

        foreach (var property in type.Properties)
        {
            yield return property.PropertyType;
        }

        foreach (var method in type.Methods)
        {
            foreach (var reference in ReferencesOf(method))
            {
                yield return reference;
            }
        }
    }

    private static IEnumerable<TypeReference> ReferencesOf(MethodDefinition method)
    {
        yield return method.ReturnType;
        foreach (var parameter in method.Parameters)
        {
            yield return parameter.ParameterType;
        }

        foreach (var attribute in method.CustomAttributes)
        {
            yield return attribute.AttributeType;
        }

        if (!method.HasBody)
        {
            yield break;
        }

        foreach (var variable in method.Body.Variables)
        {
            yield return variable.VariableType;
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference typeReference:
                    yield return typeReference;
                    break;
                case MethodReference methodReference:
                    yield return methodReference.DeclaringType;
                    yield return methodReference.ReturnType;
                    foreach (var parameter in methodReference.Parameters)
                    {
                        yield return parameter.ParameterType;
                    }

                    if (methodReference is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            yield return argument;
                        }
                    }

                    break;
                case FieldReference fieldReference:
                    yield return fieldReference.DeclaringType;
                    yield return fieldReference.FieldType;
                    break;
            }
        }
    }

    /// <summary>The type and, for arrays, pointers and generic instances, the types it is built from.</summary>
    private static IEnumerable<string> Names(TypeReference reference)
    {
        switch (reference)
        {
            case GenericInstanceType generic:
                foreach (var name in Names(generic.ElementType))
                {
                    yield return name;
                }

                foreach (var argument in generic.GenericArguments)
                {
                    foreach (var name in Names(argument))
                    {
                        yield return name;
                    }
                }

                break;
            case TypeSpecification specification:
                foreach (var name in Names(specification.ElementType))
                {
                    yield return name;
                }

                break;
            case GenericParameter:
                break;
            default:
                yield return reference.FullName;
                break;
        }
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }
}
