using System.Collections.Concurrent;
using System.Runtime.Loader;

namespace MiniDask.Graph.Loading;

/// <summary>
/// The load contexts that hold code clients uploaded to a worker, one per client (its owner name).
/// Value codecs name the owner of a type that lives in such a context, so a value made by one
/// client's code is read back with that client's types on another worker; a type of no registered
/// context (the application's own, or the framework's) is resolved as usual. Only worker processes
/// register contexts.
/// </summary>
public static class CodeContexts
{
    private static readonly ConcurrentDictionary<string, Registration> ByOwner = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers <paramref name="context"/> as <paramref name="owner"/>'s, with the directory its
    /// uploaded files are kept in.
    /// </summary>
    public static void Register(string owner, AssemblyLoadContext context, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(directory);
        ByOwner[owner] = new Registration(context, directory);
    }

    /// <summary>
    /// Forgets <paramref name="owner"/>'s context, and everything cached for it (ops made from its
    /// code, types resolved in it), so that nothing here keeps its code alive once it unloads.
    /// </summary>
    public static void Unregister(string owner)
    {
        if (ByOwner.TryRemove(owner, out var registration))
        {
            ContextualCaches.Forget(registration.Context);
        }
    }

    /// <summary>The context registered for <paramref name="owner"/>, or null.</summary>
    public static AssemblyLoadContext? Find(string owner) =>
        owner.Length > 0 && ByOwner.TryGetValue(owner, out var registration) ? registration.Context : null;

    /// <summary>Whether <paramref name="context"/> is the registered context of some owner.</summary>
    public static bool IsRegistered(AssemblyLoadContext context) => ByOwner.Values.Any(r => r.Context == context);

    /// <summary>The owner whose context loaded <paramref name="type"/>'s assembly; empty for any other type.</summary>
    public static string OwnerOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.Assembly.IsCollectible || AssemblyLoadContext.GetLoadContext(type.Assembly) is not { } context)
        {
            return "";
        }

        foreach (var (owner, registration) in ByOwner)
        {
            if (registration.Context == context)
            {
                return owner;
            }
        }

        return "";
    }

    /// <summary>The directory of the files uploaded by the owner of the context current on this thread, or null outside one.</summary>
    internal static string? CurrentDirectory()
    {
        var context = AssemblyLoadContext.CurrentContextualReflectionContext;
        if (context is null)
        {
            return null;
        }

        foreach (var registration in ByOwner.Values)
        {
            if (registration.Context == context)
            {
                return registration.Directory;
            }
        }

        return null;
    }

    private sealed record Registration(AssemblyLoadContext Context, string Directory);
}
