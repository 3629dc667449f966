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
/// An interface or abstract class in a type descriptor, named by the owner of the uploaded code
/// that defines it (empty for none; see <see cref="Loading.CodeContexts"/>) and its
/// assembly-qualified name; its values carry their own descriptors. No value is encoded with it.
/// </summary>
internal sealed class AbstractTypeCodec : IValueCodec
{
    public const string AbstractTag = "abstract";

    public string Tag => AbstractTag;

    public bool CanEncode(Type type) => false;

    public void WriteTypeArguments(Type type, ValueWriter writer) => TypeResolution.Write(type, writer);

    public Type ReadType(ValueReader reader)
    {
        var type = TypeResolution.Read(reader);
        return ValueCodecs.IsStaticOnly(type) && type != typeof(object)
            ? type
            : throw new InvalidDataException($"Type {TypeNames.Format(type)} was sent as an interface or abstract class, which it is not.");
    }

    public void Encode(object value, ValueWriter writer) =>
        throw new InvalidOperationException("'abstract' names a static type; values are written with their own codec.");

    public object? Decode(Type type, ValueReader reader) =>
        throw new InvalidDataException("'abstract' names a static type, not a value.");
}

/// <summary>
/// Types named on the wire: the owner of the uploaded code that defines the type (empty for the
/// application's or the framework's own types) and its assembly-qualified name. A type of a known
/// owner is found in that owner's load context; any other in the context current on this thread
/// (a worker running a client's task), else among the process's own assemblies, ignoring versions.
/// </summary>
internal static class TypeResolution
{
    /// <summary>Writes the owner and assembly-qualified name of <paramref name="type"/>.</summary>
    public static void Write(Type type, ValueWriter writer)
    {
        writer.WriteString(Loading.CodeContexts.OwnerOf(type));
        writer.WriteString(type.AssemblyQualifiedName!);
    }

    /// <summary>Reads what <see cref="Write"/> wrote and resolves the type.</summary>
    /// <exception cref="InvalidDataException">The name is malformed or the type is not available here.</exception>
    public static Type Read(ValueReader reader)
    {
        var owner = reader.ReadString();
        return Resolve(reader.ReadString(), owner);
    }

    public static Type Resolve(string assemblyQualifiedName, string owner = "")
    {
        var context = Loading.CodeContexts.Find(owner) ?? System.Runtime.Loader.AssemblyLoadContext.CurrentContextualReflectionContext;
        Type? type;
        try
        {
            type = context is null
                ? Type.GetType(assemblyQualifiedName, ResolveAssembly, typeResolver: null, throwOnError: false)
                : Type.GetType(assemblyQualifiedName, name => InContext(context, name), typeResolver: null, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            throw new InvalidDataException($"Type name '{assemblyQualifiedName}' is malformed: {e.Message}", e);
        }

        return type ?? throw new InvalidDataException(
            $"Type '{assemblyQualifiedName}' is not available in this process; the assembly that defines it must be loaded here too. {Functions.UserFunctions.HowUserCodeReachesWorkers}");
    }

    private static Assembly? InContext(System.Runtime.Loader.AssemblyLoadContext context, AssemblyName name)
    {
        try
        {
            return context.LoadFromAssemblyName(new AssemblyName(name.Name!));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static Assembly? ResolveAssembly(AssemblyName name)
    {
        // Clients' uploaded assemblies are found only through their owner's context.
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!loaded.IsCollectible && string.Equals(loaded.GetName().Name, name.Name, StringComparison.Ordinal))
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
