using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The scheduler's record of one task (Dask's scheduler-side <c>TaskState</c>): its spec, its
/// place in the graph, where it runs or is held, and who wants it. Read-only outside
/// <see cref="SchedulerState"/>, which owns every change.
/// </summary>
public sealed class SchedulerTask
{
    internal SchedulerTask(Key key, TaskSpec spec, long priority)
    {
        Key = key;
        Prefix = spec.Op;
        Run = spec.Run;
        var options = spec.Options;
        UserPriority = options?.Priority ?? 0;
        Priority = WithUserPriority(priority, UserPriority);
        RetriesLeft = Math.Max(0, options?.Retries ?? 0);
        Resources = options?.Resources is { Count: > 0 } resources ? new Dictionary<string, double>(resources, StringComparer.Ordinal) : null;
        Restrictions = options?.Workers is { Length: > 0 } restricted ? new HashSet<string>(restricted, StringComparer.Ordinal) : null;
        LooseRestrictions = options?.AllowLooseRestrictions ?? false;
    }

    /// <summary>The user's priority (higher runs first), as the client gave it; 0 by default.</summary>
    public int UserPriority { get; }

    /// <summary>How many more times the task is run again if it raises, before its error stands.</summary>
    public int RetriesLeft { get; internal set; }

    /// <summary>The abstract resources the task holds while it runs, such as <c>GPU = 1</c>; null for none.</summary>
    public IReadOnlyDictionary<string, double>? Resources { get; }

    /// <summary>The addresses or names of the workers allowed to run it; null for any.</summary>
    public IReadOnlySet<string>? Restrictions { get; }

    /// <summary>Whether it may run on any worker when none of <see cref="Restrictions"/> is in the cluster.</summary>
    public bool LooseRestrictions { get; }

    /// <summary>Whether it may run only on some workers: it needs resources or names workers.</summary>
    public bool IsRestricted => Resources is not null || Restrictions is not null;

    /// <summary>The task's key.</summary>
    public Key Key { get; }

    /// <summary>What to run, as the client encoded it: sent to the worker in a <see cref="ComputeTask"/>, never decoded here.</summary>
    public RunSpec Run { get; }

    /// <summary>The op name; tasks of one op share a duration estimate (Dask's task prefix).</summary>
    public string Prefix { get; }

    /// <summary>Lower runs first: graph generation in the high 32 bits, position in the graph's order in the low 32 bits.</summary>
    public long Priority { get; }

    /// <summary>The current state.</summary>
    public SchedulerTaskState State { get; internal set; }

    /// <summary>The tasks whose results this one reads.</summary>
    public IReadOnlySet<SchedulerTask> Dependencies => DependencySet;

    /// <summary>The tasks that read this one's result.</summary>
    public IReadOnlySet<SchedulerTask> Dependents => DependentSet;

    /// <summary>While waiting: the dependencies not yet in memory.</summary>
    public IReadOnlySet<SchedulerTask> WaitingOn => WaitingOnSet;

    /// <summary>The dependents that still need this result: those waiting, queued, without a worker or processing.</summary>
    public IReadOnlySet<SchedulerTask> Waiters => WaiterSet;

    /// <summary>The clients that asked for this key.</summary>
    public IReadOnlySet<SchedulerClient> WhoWants => WhoWantsSet;

    /// <summary>The workers holding the result; non-empty exactly when in memory.</summary>
    public IReadOnlySet<SchedulerWorker> WhoHas => WhoHasSet;

    /// <summary>While processing: the worker it was sent to.</summary>
    public SchedulerWorker? ProcessingOn { get; internal set; }

    /// <summary>The size of the result in bytes, as reported by the worker that computed it; 0 until then.</summary>
    public long NBytes { get; internal set; }

    /// <summary>How many times it was sent to a worker to compute: above 1 after a retry, a recompute or a steal.</summary>
    public int RunCount { get; internal set; }

    /// <summary>How many workers died while it was processing on them.</summary>
    public int Suspicious { get; internal set; }

    /// <summary>The addresses of the workers that died while it was processing on them, in order.</summary>
    public IReadOnlyList<string> KilledOn => KilledOnList;

    /// <summary>When erred because of its own failure: the exception text; null when it erred because of a dependency.</summary>
    public string? Exception { get; internal set; }

    /// <summary>When erred because of its own failure: the traceback text.</summary>
    public string? Traceback { get; internal set; }

    /// <summary>When erred: the task whose failure caused it (itself, or a dependency that failed).</summary>
    public SchedulerTask? ExceptionBlame { get; internal set; }

    /// <summary>Whether it failed because too many workers died running it (Dask's KilledWorker).</summary>
    public bool KilledWorker { get; internal set; }

    internal HashSet<SchedulerTask> DependencySet { get; } = [];

    internal HashSet<SchedulerTask> DependentSet { get; } = [];

    internal HashSet<SchedulerTask> WaitingOnSet { get; } = [];

    internal HashSet<SchedulerTask> WaiterSet { get; } = [];

    internal HashSet<SchedulerClient> WhoWantsSet { get; } = [];

    internal HashSet<SchedulerWorker> WhoHasSet { get; } = [];

    internal List<string> KilledOnList { get; } = [];

    /// <summary>Whether it is a root task: one with no dependencies, queued under worker saturation.</summary>
    public bool IsRoot => DependencySet.Count == 0;

    /// <summary>Whether something still needs its result: a client wants it or a dependent waits for it.</summary>
    public bool IsNeeded => WhoWantsSet.Count > 0 || WaiterSet.Count > 0;

    /// <inheritdoc />
    public override string ToString() => $"<SchedulerTask {Key} {State}>";

    /// <summary>
    /// The graph's priority with the user's in front: a higher user priority gives a lower (sooner)
    /// value. The user's priority takes the bits above the graph generation and order (clamped to
    /// ±2^10), so it wins over both and the ordering stays one integer, as workers use it.
    /// </summary>
    private static long WithUserPriority(long priority, int userPriority) =>
        userPriority == 0 ? priority : priority - ((long)Math.Clamp(userPriority, -1024, 1024) << 52);
}
