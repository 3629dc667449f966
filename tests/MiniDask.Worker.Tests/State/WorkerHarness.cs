using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Testing;
using MiniDask.Worker;

namespace MiniDask.Worker.Tests.State;

/// <summary>Feeds events to one <see cref="WorkerState"/>, validating after every batch, and builds the events tests need.</summary>
internal sealed class WorkerHarness
{
    public WorkerHarness(int nthreads = 2, Func<WorkerStateOptions, WorkerStateOptions>? configure = null)
    {
        var options = new WorkerStateOptions(Self, nthreads);
        State = new WorkerState(configure?.Invoke(options) ?? options, Clock);
    }

    public const string Self = "tcp://self";

    public ManualClock Clock { get; } = new();

    public WorkerState State { get; }

    public IReadOnlyList<WorkerInstruction> Send(params WorkerEvent[] events)
    {
        var instructions = State.HandleStimulus(events);
        State.Validate();
        return instructions;
    }

    public static Key K(string name, params int[] index) => new(name, index);

    /// <summary>A compute request for <paramref name="key"/> reading <paramref name="deps"/>, each held by the given peers and 10 bytes big.</summary>
    public static ComputeTaskEvent Compute(Key key, long priority = 0, params (Key Key, string[] Holders)[] deps) =>
        new(key,
            TaskSpecs.Encode(new DaskTask("op", [.. deps.Select(d => TaskArg.Ref(d.Key))])),
            priority,
            deps.ToDictionary(d => d.Key, d => (IReadOnlyList<string>)d.Holders),
            deps.ToDictionary(d => d.Key, _ => 10L));

    public static ExecuteSuccessEvent Done(Key key, long nbytes = 8) => new(key, nbytes, 1.0, 2.0);

    public static GatherDepSuccessEvent Got(string peer, params Key[] keys) =>
        new(peer, keys, keys.ToDictionary(k => k, _ => 10L));
}
