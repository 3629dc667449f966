using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Protocol.StateMachines;

namespace MiniDask.Worker;

/// <summary>
/// A worker as a pure state machine, after Dask's <c>WorkerState</c>: events from the scheduler,
/// the executor, peer transfers and memory readings go in through <see cref="HandleStimulus"/>, the
/// things to do come out as <see cref="WorkerInstruction"/>s. It does no I/O and starts no thread, so
/// the worker process is a thin shell around it and tests drive it with plain records.
/// </summary>
/// <remarks>
/// Task states are the closed set <see cref="WorkerTaskState"/>; every change goes through a named
/// handler registered for its <c>(from, to)</c> pair and is logged with its stimulus id (see
/// <see cref="Story"/>). The machine never runs more than <see cref="NThreads"/> tasks at once, keeps
/// transfers within the per-peer and total limits, and starts nothing new while
/// <see cref="Paused"/>. The values themselves live in the shell's data store: the machine only
/// says when to drop one (<see cref="ReleaseData"/>). Not thread-safe: one shell loop owns it.
/// </remarks>
public sealed partial class WorkerState
{
    private static readonly IComparer<WorkerTask> ByPriority = Comparer<WorkerTask>.Create((a, b) =>
    {
        var c = a.Priority.CompareTo(b.Priority);
        return c != 0 ? c : a.Key.CompareTo(b.Key);
    });

    private readonly Dictionary<Key, WorkerTask> tasks = [];
    private readonly List<WorkerTransitionRecord> log = [];
    private readonly RecommendationQueue<WorkerTaskState> recommendations = new();
    private readonly Dictionary<(WorkerTaskState, WorkerTaskState), TransitionHandler> transitionTable;
    private List<WorkerInstruction> output = [];
    private long stimulusCount;

    /// <summary>Creates a worker with no task.</summary>
    /// <param name="options">The worker's address, threads and limits.</param>
    /// <param name="clock">The time source of the transition log; <see cref="SystemClock.Instance"/> when null.</param>
    /// <exception cref="ArgumentException">The address is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A thread count or limit is out of range; the message names it.</exception>
    public WorkerState(WorkerStateOptions options, IClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);
        Options = options;
        Clock = clock ?? SystemClock.Instance;
        transitionTable = BuildTransitionTable();
    }

    private delegate bool TransitionHandler(WorkerTask ts, string stimulusId, object? args);

    /// <summary>The worker's address, threads and limits.</summary>
    public WorkerStateOptions Options { get; }

    /// <summary>The worker's own address.</summary>
    public string Address => Options.Address;

    /// <summary>How many tasks run at once.</summary>
    public int NThreads => Options.NThreads;

    /// <summary>The time source of the transition log.</summary>
    public IClock Clock { get; }

    /// <summary>Every task the worker knows, by key.</summary>
    public IReadOnlyDictionary<Key, WorkerTask> Tasks => tasks;

    /// <summary>The transitions so far, oldest first (up to <see cref="WorkerStateOptions.TransitionLogLength"/>).</summary>
    public IReadOnlyList<WorkerTransitionRecord> TransitionLog => log;

    /// <summary>The state of <paramref name="key"/>: <see cref="WorkerTaskState.Forgotten"/> when the worker does not know it.</summary>
    public WorkerTaskState StateOf(Key key) => tasks.TryGetValue(key, out var ts) ? ts.State : WorkerTaskState.Forgotten;

    /// <summary>The transitions of <paramref name="key"/>, oldest first: its story.</summary>
    public IReadOnlyList<WorkerTransitionRecord> Story(Key key) => [.. log.Where(r => r.Key == key)];

    /// <summary>Handles events in order, each with all the transitions it causes, and returns what to do, in order.</summary>
    /// <exception cref="ArgumentException">An event is of a type defined outside this library.</exception>
    public IReadOnlyList<WorkerInstruction> HandleStimulus(params IEnumerable<WorkerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        output = [];
        foreach (var ev in events)
        {
            var id = ev.StimulusId ?? $"{EventName(ev)}-{++stimulusCount}";
            Dispatch(ev, id);
            Settle(id);
        }

        return output;
    }

    private void Dispatch(WorkerEvent ev, string id)
    {
        switch (ev)
        {
            case ComputeTaskEvent e: HandleComputeTask(e, id); break;
            case ExecuteSuccessEvent e: HandleExecuteSuccess(e, id); break;
            case ExecuteFailureEvent e: HandleExecuteFailure(e, id); break;
            case GatherDepSuccessEvent e: HandleGatherDepSuccess(e, id); break;
            case GatherDepFailureEvent e: HandleGatherDepFailure(e, id); break;
            case RefreshWhoHasEvent e: HandleRefreshWhoHas(e); break;
            case FreeKeysEvent e: HandleFreeKeys(e); break;
            case StealRequestEvent e: HandleStealRequest(e, id); break;
            case MemoryPressureEvent e: HandleMemoryPressure(e); break;
            case UpdateDataEvent e: HandleUpdateData(e, id); break;
            case SecedeEvent e: HandleSecede(e, id); break;
            case ReplicasFetchedEvent e: HandleReplicasFetched(e, id); break;
            case SchedulerReconnectedEvent: HandleSchedulerReconnected(id); break;
            default: throw new ArgumentException($"Unknown worker event {ev.GetType().Name}.", nameof(ev));
        }
    }

    /// <summary>Applies recommendations, then starts tasks on free threads and transfers within the limits, until nothing moves.</summary>
    private void Settle(string stimulusId)
    {
        do
        {
            while (recommendations.TryDequeue(out var key, out var finish))
            {
                if (tasks.TryGetValue(key, out var ts))
                {
                    Transition(ts, finish, stimulusId);
                }
            }
        }
        while (EnsureComputing(stimulusId) || EnsureCommunicating(stimulusId));
    }

    private void Recommend(WorkerTask ts, WorkerTaskState finish) => recommendations.Add(ts.Key, finish);

    private void Emit(WorkerInstruction instruction) => output.Add(instruction);

    private WorkerTask GetOrCreate(Key key, long priority)
    {
        if (!tasks.TryGetValue(key, out var ts))
        {
            ts = new WorkerTask(key, priority);
            tasks.Add(key, ts);
        }

        return ts;
    }

    private void Log(WorkerTask ts, WorkerTaskState start, WorkerTaskState finish, string stimulusId)
    {
        var limit = Options.TransitionLogLength;
        if (log.Count >= limit + Math.Max(1, limit / 4))
        {
            log.RemoveRange(0, log.Count - limit + 1);
        }

        log.Add(new WorkerTransitionRecord(ts.Key, start, finish, stimulusId, Clock.MonotonicSeconds));
    }

    private static IEnumerable<WorkerTask> InPriorityOrder(IEnumerable<WorkerTask> set) => set.Order(ByPriority);

    private static string EventName(WorkerEvent ev) => ev switch
    {
        ComputeTaskEvent => "compute-task",
        ExecuteSuccessEvent => "execute-success",
        ExecuteFailureEvent => "execute-failure",
        GatherDepSuccessEvent => "gather-dep-success",
        GatherDepFailureEvent => "gather-dep-failure",
        RefreshWhoHasEvent => "refresh-who-has",
        FreeKeysEvent => "free-keys",
        StealRequestEvent => "steal-request",
        MemoryPressureEvent => "memory-pressure",
        UpdateDataEvent => "update-data",
        SecedeEvent => "secede",
        ReplicasFetchedEvent => "replicas-fetched",
        SchedulerReconnectedEvent => "scheduler-reconnected",
        _ => ev.GetType().Name,
    };

    private static void CheckOptions(WorkerStateOptions o)
    {
        ArgumentException.ThrowIfNullOrEmpty(o.Address, nameof(o.Address));
        if (o.NThreads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o.NThreads), o.NThreads, $"Worker {o.Address} needs at least one thread.");
        }

        if (o.MaxFlightsPerPeer < 1 || o.MaxConcurrentFlights < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o), $"Worker {o.Address} must allow at least one transfer per peer and in total.");
        }

        if (o.MemoryLimit < 0 || !(o.PauseFraction > 0) || o.TransferMessageTargetBytes < 0 || o.TransitionLogLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Memory limit and transfer target must be non-negative, pause fraction positive, log length at least 1.");
        }
    }
}
