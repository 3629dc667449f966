using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
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
    /// <summary>The op of placeholder tasks: <c>(string handle)</c>, or <c>(IFuture future)</c> for a <see cref="Held"/> one.</summary>
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

    /// <summary>
    /// A placeholder for <paramref name="future"/> whose argument is the future itself, so the
    /// graph keeps it alive (a persisted collection's block). It runs only in this process; a
    /// client that does not hold the future replaces it by the fetched value before sending.
    /// </summary>
    public static DaskTask Held(IFuture future)
    {
        ArgumentNullException.ThrowIfNull(future);
        return new DaskTask(Op, TaskArg.Literal(future));
    }

    /// <summary>
    /// The future that placeholder <paramref name="task"/> stands for: the future of a
    /// <see cref="Held"/> placeholder, or the one a <see cref="Placeholder"/>'s handle names when
    /// that handle was made in this process and the future is alive.
    /// </summary>
    public static bool TryGetFuture(DaskTask task, [NotNullWhen(true)] out IFuture? future)
    {
        ArgumentNullException.ThrowIfNull(task);
        future = task is { Op: Op, Args: [LiteralArg { Value: var value }] } ? value switch
        {
            IFuture held => held,
            string handle when ByHandle.TryGetValue(handle, out var reference) && reference.TryGetTarget(out var named) => named,
            _ => null,
        } : null;
        return future is not null;
    }

    /// <summary>A task whose result is <paramref name="value"/>: a future's fetched value, standing in for its placeholder.</summary>
    public static DaskTask Resolved(object? value) => new(DelayedOps.ValueOp, TaskArg.Literal(value));

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
        if (args[0] is IFuture held)
        {
            return held.ResultAsync().GetAwaiter().GetResult();
        }

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
