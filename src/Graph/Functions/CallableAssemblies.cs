using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using MiniDask.Graph.Loading;

namespace MiniDask.Graph.Functions;

/// <summary>
/// Which assemblies a user function named by a task (<c>user:{assembly}:{type}:{method}</c>) may be
/// resolved in. A process that builds its own graphs runs its own code, so by default any assembly
/// serves. A worker runs tasks that arrive over the network, so it calls <see cref="Restrict"/> at
/// start: from then on a function resolves only inside MiniDask's own assemblies, assemblies
/// allowed by <see cref="Allow"/> (the worker's <c>--preload</c> plugins), and assemblies a
/// client uploaded (those loaded in a registered <see cref="CodeContexts"/> context). The framework
/// and any other assembly the worker could load are never callable by name, so a task naming
/// <c>System.IO.File:WriteAllText</c> fails instead of writing a file.
/// </summary>
public static class CallableAssemblies
{
    private static readonly ConcurrentDictionary<Assembly, bool> Allowed = new();
    private static volatile bool restricted;

    /// <summary>Whether <see cref="Restrict"/> was called in this process.</summary>
    public static bool IsRestricted => restricted;

    /// <summary>Restricts user functions named by tasks to the allowed assemblies, for the life of the process.</summary>
    public static void Restrict() => restricted = true;

    /// <summary>Allows user functions of <paramref name="assembly"/> (a plugin the process was started with).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="assembly"/> is null.</exception>
    public static void Allow(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Allowed[assembly] = true;
    }

    /// <summary>
    /// Why a function of <paramref name="assembly"/> may not be called by name here, or null when it
    /// may: always null before <see cref="Restrict"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="assembly"/> is null.</exception>
    public static string? WhyRefused(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!restricted || Allowed.ContainsKey(assembly) || IsMiniDasks(assembly) || IsUploaded(assembly))
        {
            return null;
        }

        return $"assembly '{assembly.GetName().Name}' is neither MiniDask's, nor a --preload plugin of this worker, nor code a client uploaded; "
            + "workers call functions by name only in those";
    }

    /// <summary>MiniDask's assemblies, loaded by the worker itself rather than a client's context.</summary>
    private static bool IsMiniDasks(Assembly assembly) =>
        !assembly.IsCollectible
        && assembly.GetName().Name is { } name
        && (name.StartsWith("MiniDask.", StringComparison.Ordinal) || name == "minidask");

    private static bool IsUploaded(Assembly assembly) =>
        assembly.IsCollectible && AssemblyLoadContext.GetLoadContext(assembly) is { } context && CodeContexts.IsRegistered(context);
}
