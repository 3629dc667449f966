using System.Reflection;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// The static type <see cref="object"/> in a type descriptor (an <c>object?[]</c>'s element
/// type): its values carry their own descriptors. No value is encoded with it.
/// </summary>
internal sealed class ObjectTypeCodec : IValueCodec
{
    public const string ObjectTag = "obj";

    public string Tag => ObjectTag;

    public bool CanEncode(Type type) => false;

    public void WriteTypeArguments(Type type, ValueWriter writer)
    {
    }

    public Type ReadType(ValueReader reader) => typeof(object);

    public void Encode(object value, ValueWriter writer) =>
        throw new InvalidOperationException("'obj' names a static type; values are written with their own codec.");

    public object? Decode(Type type, ValueReader reader) =>
        throw new InvalidDataException("'obj' names a static type, not a value.");
}

/// <summary>
/// An interface or abstract class in a type descriptor, named by assembly-qualified name; its
/// values carry their own descriptors. No value is encoded with it.
/// </summary>
internal sealed class AbstractTypeCodec : IValueCodec
{
    public const string AbstractTag = "abstract";

    public string Tag => AbstractTag;

    public bool CanEncode(Type type) => false;

    public void WriteTypeArguments(Type type, ValueWriter writer) => writer.WriteString(type.AssemblyQualifiedName!);

    public Type ReadType(ValueReader reader)
    {
        var type = TypeResolution.Resolve(reader.ReadString());
        return ValueCodecs.IsStaticOnly(type) && type != typeof(object)
            ? type
            : throw new InvalidDataException($"Type {TypeNames.Format(type)} was sent as an interface or abstract class, which it is not.");
    }

    public void Encode(object value, ValueWriter writer) =>
        throw new InvalidOperationException("'abstract' names a static type; values are written with their own codec.");

    public object? Decode(Type type, ValueReader reader) =>
        throw new InvalidDataException("'abstract' names a static type, not a value.");
}

/// <summary>Finds a type by assembly-qualified name among loaded assemblies, ignoring assembly versions.</summary>
internal static class TypeResolution
{
    public static Type Resolve(string assemblyQualifiedName)
    {
        Type? type;
        try
        {
            type = Type.GetType(assemblyQualifiedName, ResolveAssembly, typeResolver: null, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            throw new InvalidDataException($"Type name '{assemblyQualifiedName}' is malformed: {e.Message}", e);
        }

        return type ?? throw new InvalidDataException(
            $"Type '{assemblyQualifiedName}' is not available in this process; the assembly that defines it must be loaded here too. {Functions.UserFunctions.HowUserCodeReachesWorkers}");
    }

    private static Assembly? ResolveAssembly(AssemblyName name)
    {
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (string.Equals(loaded.GetName().Name, name.Name, StringComparison.Ordinal))
            {
                return loaded;
            }
        }

        try
        {
            return Assembly.Load(new AssemblyName(name.Name!));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
