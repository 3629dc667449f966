using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace MiniDask.Graph;

/// <summary>
/// Futures inside task graphs. A graph that reads a future holds a placeholder task under the
/// future's key. The scheduler that holds the future already knows that key, so it keeps the
/// held result and never runs the placeholder; any other scheduler runs it, and the placeholder
/// fetches the future's value through a handle that is valid in the process that built the graph.
/// Placeholders are never fused into their dependents, so the key stays visible to the cluster.
/// </summary>
public static class FutureTasks
{
    /// <summary>The op of placeholder tasks: <c>(string handle)</c>.</summary>
    public const string Op = "future";

    /// <summary>How many handles are made between sweeps of those whose futures are gone.</summary>
    private const int SweepEvery = 1024;

    private static readonly ConditionalWeakTable<IFuture, string> Handles = new();
    private static readonly ConcurrentDictionary<string, WeakReference<IFuture>> ByHandle = new(StringComparer.Ordinal);
    private static long nextHandle;

    /// <summary>The placeholder task for <paramref name="future"/>, to be put in a graph under <see cref="IFuture.Key"/>.</summary>
    public static DaskTask Placeholder(IFuture future)
    {
        ArgumentNullException.ThrowIfNull(future);
        var handle = Handles.GetValue(future, static f =>
        {
            var number = Interlocked.Increment(ref nextHandle);
            if (number % SweepEvery == 0)
            {
                Sweep();
            }

            var id = $"{f.Key}#{number.ToString(CultureInfo.InvariantCulture)}@{Environment.ProcessId}";
            ByHandle[id] = new WeakReference<IFuture>(f);
            return id;
        });
        return new DaskTask(Op, TaskArg.Literal(handle));
    }

    /// <summary>A graph holding only the placeholder of <paramref name="future"/>, in a layer of its own.</summary>
    public static TaskGraph Graph(IFuture future) =>
        TaskGraph.FromLayer(new MaterializedLayer(future.Key.ToString(), new Dictionary<Key, DaskTask> { [future.Key] = Placeholder(future) }));

    /// <summary>Whether <paramref name="task"/> is a future's placeholder.</summary>
    public static bool IsPlaceholder(DaskTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Op == Op;
    }

    /// <summary>Forgets the handles of futures that are gone.</summary>
    private static void Sweep()
    {
        foreach (var (id, reference) in ByHandle)
        {
            if (!reference.TryGetTarget(out _))
            {
                ByHandle.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Runs a placeholder: the value of the future its handle names, fetched from where it is held.</summary>
    internal static object? Fetch(object?[] args)
    {
        var handle = (string)args[0]!;
        if (!ByHandle.TryGetValue(handle, out var reference) || !reference.TryGetTarget(out var future))
        {
            throw new InvalidOperationException(
                $"The future {handle} is not held by the scheduler running this graph, and its handle is not valid in this process: "
                + "compute the graph with the client that holds the future, or in the process that built the graph while the future is alive.");
        }

        return future.ResultAsync().GetAwaiter().GetResult();
    }
}
