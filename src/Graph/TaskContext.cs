namespace MiniDask.Graph;

/// <summary>
/// What a task running on a distributed worker can know of where it runs (Dask's <c>get_worker</c>):
/// the worker, its scheduler, and the means to leave and rejoin the worker's thread pool. The worker
/// sets it around each task and each function run on it; elsewhere <see cref="Current"/> is null.
/// The distributed client builds <c>Worker.Secede()</c> and <c>Worker.Rejoin()</c> on it, and
/// <c>Worker.GetClient()</c> submits tasks as the <see cref="CodeOwner"/> it names.
/// </summary>
public sealed class TaskContext
{
    private static readonly AsyncLocal<TaskContext?> Ambient = new();
    private readonly Action secede;
    private readonly Action rejoin;
    private readonly Func<long> fetchedBytes;

    /// <summary>A context for one task (or function) on a worker.</summary>
    /// <param name="key">The running task's key; null for a function run outside the graph.</param>
    /// <param name="workerAddress">The worker's address.</param>
    /// <param name="workerName">The worker's name.</param>
    /// <param name="schedulerAddress">The scheduler's address, with the cluster's token when it has one.</param>
    /// <param name="codeOwner">The client whose uploaded code the task runs; empty when it runs code the worker ships.</param>
    /// <param name="secede">Gives the calling task's thread back to the worker, which starts another in its place.</param>
    /// <param name="rejoin">Waits for a thread of the worker to be free and takes its place.</param>
    /// <param name="fetchedBytes">Reads the bytes of values the worker has fetched from peers so far.</param>
    public TaskContext(Key? key, string workerAddress, string workerName, string schedulerAddress, string codeOwner, Action secede, Action rejoin, Func<long> fetchedBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerAddress);
        ArgumentException.ThrowIfNullOrEmpty(schedulerAddress);
        ArgumentNullException.ThrowIfNull(secede);
        ArgumentNullException.ThrowIfNull(rejoin);
        ArgumentNullException.ThrowIfNull(fetchedBytes);
        Key = key;
        WorkerAddress = workerAddress;
        WorkerName = workerName ?? "";
        SchedulerAddress = schedulerAddress;
        CodeOwner = codeOwner ?? "";
        this.secede = secede;
        this.rejoin = rejoin;
        this.fetchedBytes = fetchedBytes;
    }

    /// <summary>The context of the task running on this thread (or flow), or null outside a worker's task.</summary>
    public static TaskContext? Current => Ambient.Value;

    /// <summary>The running task's key; null for a function run on every worker outside the graph.</summary>
    public Key? Key { get; }

    /// <summary>The worker's address, such as <c>tcp://127.0.0.1:40123</c>.</summary>
    public string WorkerAddress { get; }

    /// <summary>The worker's name.</summary>
    public string WorkerName { get; }

    /// <summary>The scheduler's address, with the cluster's token (<c>?token=T</c>) when it has one.</summary>
    public string SchedulerAddress { get; }

    /// <summary>The client whose uploaded code the task runs; empty when it runs code the worker ships.</summary>
    public string CodeOwner { get; }

    /// <summary>Whether the task has seceded and not rejoined.</summary>
    public bool Seceded { get; private set; }

    /// <summary>Bytes of values this worker has fetched from its peers so far (inputs of its tasks).</summary>
    public long FetchedBytes => fetchedBytes();

    /// <summary>Makes <paramref name="context"/> current for the calling flow until the result is disposed.</summary>
    public static IDisposable Enter(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var previous = Ambient.Value;
        Ambient.Value = context;
        return new Scope(previous);
    }

    /// <summary>Gives this task's thread back to the worker (Dask's <c>secede</c>), which runs another task in its place; a second call does nothing.</summary>
    public void Secede()
    {
        if (!Seceded)
        {
            Seceded = true;
            secede();
        }
    }

    /// <summary>Waits until a thread of the worker is free and takes it again (Dask's <c>rejoin</c>); does nothing unless seceded.</summary>
    public void Rejoin()
    {
        if (Seceded)
        {
            rejoin();
            Seceded = false;
        }
    }

    private sealed class Scope(TaskContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
