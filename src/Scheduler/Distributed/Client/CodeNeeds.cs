using System.Reflection;
using MiniDask.Graph;
using MiniDask.Graph.Functions;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The assemblies of this process that a graph's tasks need on a worker and that a worker does not
/// ship: those whose functions the tasks call by name, and those defining the types of their
/// literal values or the types they name (a bag's element types), with every assembly those
/// reference in turn. The framework, MiniDask and everything MiniDask references are left out: a
/// worker has its own.
/// </summary>
internal static class CodeNeeds
{
    private static readonly string RuntimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
    private static readonly Lazy<HashSet<string>> Shipped = new(ShippedNames);

    /// <summary>The assemblies <paramref name="graph"/> needs that a worker lacks, each with its references, references first.</summary>
    public static IReadOnlyList<Assembly> Of(TaskGraph graph)
    {
        var found = new List<Assembly>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic)
            .GroupBy(a => a.GetName().Name ?? "", StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        // Tasks of one layer repeat the same ops, literal types and strings: each is looked at once.
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var types = new HashSet<Type>();
        foreach (var task in graph.Values)
        {
            Visit(task, texts, types);
        }

        foreach (var text in texts)
        {
            if (UserFunctions.AssemblyCalledBy(text) is { } name && loaded.TryGetValue(name, out var assembly))
            {
                Add(assembly, found, seen);
            }

            foreach (var named in NamedTypes(text))
            {
                AddTypes(named, found, seen);
            }
        }

        foreach (var type in types)
        {
            AddTypes(type, found, seen);
        }

        return found;
    }

    /// <summary>The assemblies values of <paramref name="types"/> need on a worker that a worker lacks (an actor's type and its arguments' types), references first.</summary>
    public static IReadOnlyList<Assembly> OfTypes(IEnumerable<Type> types)
    {
        var found = new List<Assembly>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types)
        {
            AddTypes(type, found, seen);
        }

        return found;
    }

    /// <summary>Collects the task's op and string arguments, and the runtime types of its other literals, nested tasks included.</summary>
    private static void Visit(DaskTask task, HashSet<string> texts, HashSet<Type> types)
    {
        texts.Add(task.Op);
        foreach (var arg in task.Args)
        {
            Visit(arg, texts, types);
        }
    }

    private static void Visit(TaskArg arg, HashSet<string> texts, HashSet<Type> types)
    {
        switch (arg)
        {
            case LiteralArg { Value: string text }:
                texts.Add(text);
                break;
            case LiteralArg { Value: { } value }:
                types.Add(value.GetType());
                if (value is object?[] items)
                {
                    foreach (var item in items.OfType<object>())
                    {
                        types.Add(item.GetType());
                    }
                }

                break;
            case ListArg list:
                foreach (var item in list.Items)
                {
                    Visit(item, texts, types);
                }

                break;
            case NestedArg nested:
                Visit(nested.Task, texts, types);
                break;
        }
    }

    private static void AddTypes(Type type, List<Assembly> found, HashSet<string> seen)
    {
        Add(type.Assembly, found, seen);
        if (type.HasElementType)
        {
            AddTypes(type.GetElementType()!, found, seen);
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            AddTypes(argument, found, seen);
        }
    }

    /// <summary>Adds <paramref name="assembly"/>, after the assemblies it references, unless a worker ships it.</summary>
    private static void Add(Assembly assembly, List<Assembly> found, HashSet<string> seen)
    {
        var name = assembly.GetName().Name ?? "";
        if (!seen.Add(name) || assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) || IsShipped(assembly, name))
        {
            return;
        }

        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            Assembly dependency;
            try
            {
                dependency = Assembly.Load(reference);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                continue;
            }

            Add(dependency, found, seen);
        }

        found.Add(assembly);
    }

    private static bool IsShipped(Assembly assembly, string name) =>
        Shipped.Value.Contains(name) || Path.GetDirectoryName(assembly.Location) == RuntimeDirectory;

    /// <summary>MiniDask's assemblies and everything they reference, as loaded here: a worker ships them all.</summary>
    private static HashSet<string> ShippedNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<AssemblyName>(AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("MiniDask.", StringComparison.Ordinal) == true)
            .Select(a => a.GetName()));
        foreach (var name in new[] { "MiniDask.Graph", "MiniDask.Kernels", "MiniDask.Array", "MiniDask.Bag", "MiniDask.Protocol", "MiniDask.Worker" })
        {
            pending.Push(new AssemblyName(name));
        }

        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!names.Add(next.Name ?? ""))
            {
                continue;
            }

            try
            {
                foreach (var reference in Assembly.Load(next).GetReferencedAssemblies())
                {
                    pending.Push(reference);
                }
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Not available in this process: its references are unknown here, and a worker has it anyway.
            }
        }

        return names;
    }

    /// <summary>The types an argument names by assembly-qualified name (a bag's element types travel so, joined by '|').</summary>
    private static IEnumerable<Type> NamedTypes(string text)
    {
        if (!text.Contains(", Version=", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var part in text.Split('|'))
        {
            Type? type;
            try
            {
                type = Type.GetType(part, throwOnError: false);
            }
            catch (Exception e) when (e is ArgumentException or FileLoadException or BadImageFormatException or TypeLoadException)
            {
                type = null;
            }

            if (type is not null)
            {
                yield return type;
            }
        }
    }
}
