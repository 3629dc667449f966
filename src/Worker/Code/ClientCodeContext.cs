using System.Reflection;
using System.Runtime.Loader;

namespace MiniDask.Worker;

/// <summary>
/// The collectible load context of one client's uploaded assemblies on a worker. An assembly the
/// worker ships itself (the framework, MiniDask and its dependencies, and anything preloaded) is
/// always the worker's own, so values and ops of those assemblies are shared with every client;
/// only assemblies the worker lacks come from the client's upload.
/// </summary>
internal sealed class ClientCodeContext(string owner) : AssemblyLoadContext($"minidask-client:{owner}", isCollectible: true)
{
    private static readonly Lazy<HashSet<string>> PlatformNames = new(() =>
        [.. ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()]);

    private readonly Dictionary<string, byte[]> assemblies = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The client whose code this is.</summary>
    public string Owner { get; } = owner;

    /// <summary>Adds an uploaded assembly under its simple name; a later upload of the same name replaces it for loads not yet made.</summary>
    public void Add(string simpleName, byte[] bytes)
    {
        lock (assemblies)
        {
            assemblies[simpleName] = bytes;
        }
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? "";
        if (IsWorkers(name))
        {
            return null;
        }

        byte[]? bytes;
        lock (assemblies)
        {
            assemblies.TryGetValue(name, out bytes);
        }

        return bytes is null ? null : LoadFromStream(new MemoryStream(bytes, writable: false));
    }

    private static bool IsWorkers(string name) =>
        PlatformNames.Value.Contains(name)
        || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
}
