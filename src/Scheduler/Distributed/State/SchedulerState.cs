using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Protocol.StateMachines;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The distributed scheduler as a pure state machine, after Dask's <c>SchedulerState</c>: stimuli
/// from clients and workers go in through <see cref="HandleStimulus"/>, the messages to send come
/// out as <see cref="SchedulerInstruction"/>s. It does no I/O, starts no thread and reads time only
/// from its <see cref="IClock"/>, so the networking shell is a thin loop around it and tests drive it
/// with plain records.
/// </summary>
/// <remarks>
/// Task states are the closed set <see cref="SchedulerTaskState"/>; every change goes through a named
/// handler registered for its <c>(from, to)</c> pair, records the stimulus id that caused it in the
/// transition log (see <see cref="Story(Key)"/>), and may recommend further transitions, which are
/// applied before the stimulus returns. <see cref="Validate"/> checks the invariants that tie tasks,
/// workers and clients together. Not thread-safe: one shell loop owns it.
/// </remarks>
public sealed partial class SchedulerState
{
    private static readonly IComparer<SchedulerTask> ByPriority = Comparer<SchedulerTask>.Create((a, b) =>
    {
        var c = a.Priority.CompareTo(b.Priority);
        return c != 0 ? c : a.Key.CompareTo(b.Key);
    });

    private readonly Dictionary<Key, SchedulerTask> tasks = [];
    private readonly Dictionary<string, SchedulerWorker> workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchedulerClient> clients = new(StringComparer.Ordinal);
    private readonly SortedSet<SchedulerTask> queued = new(ByPriority);
    private readonly SortedSet<SchedulerTask> unrunnable = new(ByPriority);
    private readonly List<TransitionRecord> log = [];
    private readonly RecommendationQueue<SchedulerTaskState> recommendations = new();
    private readonly Dictionary<(SchedulerTaskState, SchedulerTaskState), TransitionHandler> transitionTable;
    private List<SchedulerInstruction> output = [];
    private long stimulusCount;

    /// <summary>Creates an empty scheduler: no task, worker or client.</summary>
    /// <param name="options">Tuning; <see cref="SchedulerOptions.Default"/> when null.</param>
    /// <param name="clock">The time source; <see cref="SystemClock.Instance"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the message names it.</exception>
    public SchedulerState(SchedulerOptions? options = null, IClock? clock = null)
    {
        Options = options ?? SchedulerOptions.Default;
        CheckOptions(Options);
        Clock = clock ?? SystemClock.Instance;
        bandwidth = Options.DefaultBandwidth;
        transitionTable = BuildTransitionTable();
    }

    private delegate bool TransitionHandler(SchedulerTask ts, string stimulusId, object? args);

    /// <summary>The tuning this scheduler runs with.</summary>
    public SchedulerOptions Options { get; }

    /// <summary>The time source for heartbeats, durations and the transition log.</summary>
    public IClock Clock { get; }

    /// <summary>Every task the scheduler knows (everything not forgotten), by key.</summary>
    public IReadOnlyDictionary<Key, SchedulerTask> Tasks => tasks;

    /// <summary>The live workers, by address.</summary>
    public IReadOnlyDictionary<string, SchedulerWorker> Workers => workers;

    /// <summary>The connected clients, by id.</summary>
    public IReadOnlyDictionary<string, SchedulerClient> Clients => clients;

    /// <summary>The root tasks held back for worker saturation, lowest priority first.</summary>
    public IReadOnlyCollection<SchedulerTask> QueuedTasks => queued;

    /// <summary>The ready tasks waiting for a worker to arrive, lowest priority first.</summary>
    public IReadOnlyCollection<SchedulerTask> NoWorkerTasks => unrunnable;

    /// <summary>The transitions so far, oldest first (up to <see cref="SchedulerOptions.TransitionLogLength"/>).</summary>
    public IReadOnlyList<TransitionRecord> TransitionLog => log;

    /// <summary>The state of <paramref name="key"/>: <see cref="SchedulerTaskState.Forgotten"/> when the scheduler does not know it.</summary>
    public SchedulerTaskState StateOf(Key key) => tasks.TryGetValue(key, out var ts) ? ts.State : SchedulerTaskState.Forgotten;

    /// <summary>The transitions of <paramref name="key"/>, oldest first: its story.</summary>
    public IReadOnlyList<TransitionRecord> Story(Key key) => [.. log.Where(r => r.Key == key)];

    /// <summary>The transitions caused by the stimulus with id <paramref name="stimulusId"/>, in order.</summary>
    public IReadOnlyList<TransitionRecord> StoryOfStimulus(string stimulusId) =>
        [.. log.Where(r => string.Equals(r.StimulusId, stimulusId, StringComparison.Ordinal))];

    /// <summary>
    /// Handles stimuli in order, each with all the transitions it causes, and returns the messages to
    /// send, in the order they must be sent.
    /// </summary>
    /// <remarks>
    /// Bad input from a peer is answered, never thrown: an update that references unknown keys gets
    /// <see cref="UpdateGraphRefused"/>, a worker registering without threads gets <see cref="CloseWorker"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">A stimulus is of a type defined outside this library.</exception>
    public IReadOnlyList<SchedulerInstruction> HandleStimulus(params IEnumerable<SchedulerStimulus> stimuli)
    {
        ArgumentNullException.ThrowIfNull(stimuli);
        output = [];
        foreach (var stimulus in stimuli)
        {
            var id = stimulus.StimulusId ?? $"{StimulusName(stimulus)}-{++stimulusCount}";
            Dispatch(stimulus, id);
            RunRecommendations(id);
            if (stimulus is Tick)
            {
                BalanceWork(id);
                RunRecommendations(id);
            }
        }

        return output;
    }

    private void Dispatch(SchedulerStimulus stimulus, string id)
    {
        switch (stimulus)
        {
            case UpdateGraph s: HandleUpdateGraph(s, id); break;
            case TaskFinished s: HandleTaskFinished(s, id); break;
            case TaskErred s: HandleTaskErred(s, id); break;
            case AddWorker s: HandleAddWorker(s, id); break;
            case RemoveWorker s: HandleRemoveWorker(s, id); break;
            case Heartbeat s: HandleHeartbeat(s, id); break;
            case TaskStarted s: HandleTaskStarted(s); break;
            case TaskLongRunning s: HandleTaskLongRunning(s); break;
            case ClientReleasesKeys s: HandleClientReleasesKeys(s, id); break;
            case ClientDisconnected s: HandleClientDisconnected(s, id); break;
            case WorkerReportsMissingData s: HandleMissingData(s, id); break;
            case StealResponse s: HandleStealResponse(s, id); break;
            case Tick: RemoveSilentWorkers(id); break;
            case ScatteredData s: HandleScatteredData(s, id); break;
            case FireAndForgetKeys s: HandleFireAndForget(s, id); break;
            case ReplicasAdded s: HandleReplicasAdded(s, id); break;
            case DropReplicas s: HandleDropReplicas(s, id); break;
            case StartRetiring s: HandleRetiring(s.Workers, retiring: true); break;
            case StopRetiring s: HandleRetiring(s.Workers, retiring: false); break;
            case RetireWorkers s: HandleRetireWorkers(s, id); break;
            case RestartCluster: HandleRestartCluster(id); break;
            default: throw new ArgumentException($"Unknown scheduler stimulus {stimulus.GetType().Name}.", nameof(stimulus));
        }
    }

    /// <summary>Applies recommendations until none is left, then releases queued roots to workers with room.</summary>
    private void RunRecommendations(string stimulusId)
    {
        while (true)
        {
            while (recommendations.TryDequeue(out var key, out var finish))
            {
                if (tasks.TryGetValue(key, out var ts))
                {
                    Transition(ts, finish, stimulusId);
                }
            }

            if (queued.Count > 0 && DecideRootWorker(queued.Min!) is { } ws)
            {
                var next = NextRootFor(ws);
                Transition(HasRootSlot(ws, next) ? next : queued.Min!, SchedulerTaskState.Processing, stimulusId, ws);
                continue;
            }

            return;
        }
    }

    private void Recommend(SchedulerTask ts, SchedulerTaskState finish) => recommendations.Add(ts.Key, finish);

    private void Emit(SchedulerInstruction instruction)
    {
        // Consecutive frees for one worker from one stimulus travel as one message.
        if (instruction is FreeKeys free && output.Count > 0 && output[^1] is FreeKeys last
            && last.Worker == free.Worker && last.StimulusId == free.StimulusId)
        {
            output[^1] = last with { Keys = [.. last.Keys, .. free.Keys] };
            return;
        }

        output.Add(instruction);
    }

    private void Log(SchedulerTask ts, SchedulerTaskState start, SchedulerTaskState finish, string stimulusId, SchedulerWorker? worker)
    {
        var limit = Options.TransitionLogLength;
        if (log.Count >= limit + Math.Max(1, limit / 4))
        {
            log.RemoveRange(0, log.Count - limit + 1);
        }

        log.Add(new TransitionRecord(ts.Key, start, finish, stimulusId, Clock.MonotonicSeconds, worker?.Address));
    }

    private bool IsAlive(SchedulerWorker ws) => workers.TryGetValue(ws.Address, out var live) && ReferenceEquals(live, ws);

    private static IEnumerable<SchedulerTask> InPriorityOrder(IEnumerable<SchedulerTask> set) => set.Order(ByPriority);

    private static IEnumerable<SchedulerWorker> InAddressOrder(IEnumerable<SchedulerWorker> set) =>
        set.OrderBy(w => w.Address, StringComparer.Ordinal);

    private static string StimulusName(SchedulerStimulus stimulus) => stimulus switch
    {
        UpdateGraph => "update-graph",
        TaskFinished => "task-finished",
        TaskErred => "task-erred",
        AddWorker => "add-worker",
        RemoveWorker => "remove-worker",
        Heartbeat => "heartbeat",
        TaskStarted => "task-started",
        TaskLongRunning => "long-running",
        ClientReleasesKeys => "client-releases-keys",
        ClientDisconnected => "client-disconnected",
        WorkerReportsMissingData => "missing-data",
        StealResponse => "steal-response",
        Tick => "tick",
        ScatteredData => "update-data",
        FireAndForgetKeys => "fire-and-forget",
        ReplicasAdded => "replicas-added",
        DropReplicas => "drop-replicas",
        StartRetiring => "start-retiring",
        StopRetiring => "stop-retiring",
        RetireWorkers => "retire-workers",
        RestartCluster => "restart",
        _ => stimulus.GetType().Name,
    };

    private static void CheckOptions(SchedulerOptions o)
    {
        if (!(o.WorkerSaturation > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(o.WorkerSaturation), o.WorkerSaturation, "Worker saturation must be positive (infinity disables queuing).");
        }

        if (!(o.MinRootBacklogSeconds >= 0) || o.MaxRootBacklogPerThread < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o.MinRootBacklogSeconds), o.MinRootBacklogSeconds, "The root backlog must be a non-negative number of seconds, with at least one task per thread.");
        }

        if (o.MaxRootBacklogBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(o.MaxRootBacklogBytes), o.MaxRootBacklogBytes, "The root backlog's byte bound must not be negative.");
        }

        if (!(o.WorkerTtlSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(o.WorkerTtlSeconds), o.WorkerTtlSeconds, "The worker TTL must be a positive number of seconds.");
        }

        if (o.AllowedFailures < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(o.AllowedFailures), o.AllowedFailures, "Allowed failures must be zero or more worker deaths.");
        }

        if (!(o.DefaultBandwidth > 0) || !(o.DefaultTaskDuration >= 0) || !(o.StealTransferRatio >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Bandwidth must be positive; task duration and steal transfer ratio non-negative.");
        }

        if (o.TransitionLogLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o.TransitionLogLength), o.TransitionLogLength, "The transition log keeps at least one entry.");
        }
    }
}
