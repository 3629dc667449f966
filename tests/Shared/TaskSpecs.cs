using MiniDask.Graph;
using MiniDask.Graph.Optimization;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Testing;

/// <summary>Tasks as a client sends them to the scheduler's state machine: control part plus encoded run spec.</summary>
internal static class TaskSpecs
{
    /// <summary>The run spec of <paramref name="task"/>, as the client encodes it.</summary>
    public static RunSpec Encode(DaskTask task) => new RunSpecCodec().Encode(task);

    /// <summary>The spec of <paramref name="task"/>, with the dependencies it references unless others are given.</summary>
    public static TaskSpec Of(DaskTask task, IReadOnlyList<Key>? dependencies = null) =>
        new(task.Op, dependencies ?? task.Dependencies, Encode(task));

    /// <summary>
    /// The update-graph message a client would send for <paramref name="tasks"/> (which need not form a
    /// valid graph), each task's priority its position in the dictionary.
    /// </summary>
    public static Message UpdateGraphMessage(IReadOnlyDictionary<Key, DaskTask> tasks, IReadOnlyList<Key> wanted, string client)
    {
        var codec = new RunSpecCodec();
        var encoded = tasks.Select((kv, i) => new EncodedTask(kv.Key, kv.Value.Dependencies, i, kv.Value.Op, codec.Encode(kv.Value))).ToList();
        return GraphMessages.Build(encoded, wanted, client, reportProgress: false, FrameLimits.Default.MaxPayloadFrames).Single();
    }

    /// <summary>An update submitting all of <paramref name="graph"/> in its graph order.</summary>
    public static UpdateGraph Update(string client, TaskGraph graph, IEnumerable<Key> wanted, string? stimulusId = null) =>
        new(client, graph.ToDictionary(kv => kv.Key, kv => Of(kv.Value)), [.. wanted], Ordering.Order(graph), stimulusId);
}
