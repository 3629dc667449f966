using System.Reflection;
using System.Runtime.Loader;
using MiniDask.Graph;
using MiniDask.Graph.Functions;

namespace MiniDask.Worker;

/// <summary>
/// The assemblies whose ops a worker runs. The array and bag assemblies are always registered;
/// further ones are preloaded by path (<c>--preload</c>). Preloading an assembly runs its module
/// initializer, then calls <c>Register()</c> on every static class named <c>MiniDaskOps</c> in it
/// (public or not, any namespace), which is where an assembly registers ops it does not register
/// from a module initializer. Assemblies it depends on are resolved from its own directory.
/// </summary>
public static class OpAssemblies
{
    /// <summary>The name of the class whose static <c>Register()</c> a preloaded assembly may define.</summary>
    public const string HookTypeName = "MiniDaskOps";

    private static readonly HashSet<string> ProbeDirectories = new(StringComparer.Ordinal);
    private static bool resolving;

    /// <summary>Registers the ops of the array and bag assemblies.</summary>
    public static void RegisterBuiltIn()
    {
        OpRegistry.EnsureRegistered(typeof(MiniDask.Array.DArray).Assembly);
        OpRegistry.EnsureRegistered(Assembly.Load(new AssemblyName("MiniDask.Bag")));
    }

    /// <summary>Loads the assembly at <paramref name="path"/> and registers its ops.</summary>
    /// <exception cref="FileNotFoundException">No file is at the path.</exception>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static Assembly Preload(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The assembly to preload, {full}, does not exist.", full);
        }

        AddProbeDirectory(Path.GetDirectoryName(full)!);
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        CallableAssemblies.Allow(assembly);
        OpRegistry.EnsureRegistered(assembly);
        foreach (var type in LoadableTypes(assembly).Where(t => t.Name == HookTypeName && t.IsAbstract && t.IsSealed))
        {
            var register = type.GetMethod("Register", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, Type.EmptyTypes);
            register?.Invoke(null, null);
        }

        return assembly;
    }

    /// <summary>
    /// Lets code that clients upload use the assemblies beside the worker program that its own
    /// dependency list leaves out: MiniDask.Scheduler above all (actor handles, coordination objects
    /// and the task's client), which sits next to MiniDask.Worker.dll in an application that starts
    /// a LocalCluster.
    /// </summary>
    public static void ProbeApplicationDirectory() => AddProbeDirectory(AppContext.BaseDirectory);

    private static void AddProbeDirectory(string directory)
    {
        lock (ProbeDirectories)
        {
            ProbeDirectories.Add(directory);
            if (!resolving)
            {
                resolving = true;
                AssemblyLoadContext.Default.Resolving += ResolveFromProbeDirectories;
            }
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static Assembly? ResolveFromProbeDirectories(AssemblyLoadContext context, AssemblyName name)
    {
        string[] directories;
        lock (ProbeDirectories)
        {
            directories = [.. ProbeDirectories];
        }

        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, name.Name + ".dll");
            if (File.Exists(candidate))
            {
                return context.LoadFromAssemblyPath(candidate);
            }
        }

        return null;
    }
}
