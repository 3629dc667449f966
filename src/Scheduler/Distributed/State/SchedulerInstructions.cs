using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>A message <see cref="SchedulerState"/> asks its shell to send, in order.</summary>
/// <param name="StimulusId">The stimulus that caused it.</param>
public abstract record SchedulerInstruction(string StimulusId);

/// <summary>A message for one worker.</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public abstract record SchedulerToWorker(string Worker, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>A message for one client.</summary>
/// <param name="Client">The client's id.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public abstract record SchedulerToClient(string Client, string StimulusId) : SchedulerInstruction(StimulusId);

/// <summary>Compute a task (Dask's <c>compute-task</c>); the worker answers with <see cref="TaskFinished"/> or <see cref="TaskErred"/>.</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Key">The task's key.</param>
/// <param name="Op">The op's name, for the worker's logs.</param>
/// <param name="Run">What to run, as the client encoded it.</param>
/// <param name="Priority">Lower runs first.</param>
/// <param name="WhoHas">Every dependency's key with the addresses of the workers holding it (possibly this worker).</param>
/// <param name="NBytes">Every dependency's size in bytes.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record ComputeTask(
    string Worker,
    Key Key,
    string Op,
    RunSpec Run,
    long Priority,
    IReadOnlyDictionary<Key, IReadOnlyList<string>> WhoHas,
    IReadOnlyDictionary<Key, long> NBytes,
    string StimulusId) : SchedulerToWorker(Worker, StimulusId);

/// <summary>Drop these keys: release held results and cancel tasks not yet done (Dask's <c>free-keys</c>).</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Keys">The keys.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record FreeKeys(string Worker, IReadOnlyList<Key> Keys, string StimulusId) : SchedulerToWorker(Worker, StimulusId);

/// <summary>Give up a task that has not started, so an idle worker can run it; answered by <see cref="StealResponse"/>.</summary>
/// <param name="Worker">The victim's address.</param>
/// <param name="Key">The task's key.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record StealRequest(string Worker, Key Key, string StimulusId) : SchedulerToWorker(Worker, StimulusId);

/// <summary>The holders of keys a worker reported missing on a peer, as the scheduler now knows them.</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="WhoHas">Each key with the addresses of the workers holding it.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record RefreshWhoHas(string Worker, IReadOnlyDictionary<Key, IReadOnlyList<string>> WhoHas, string StimulusId)
    : SchedulerToWorker(Worker, StimulusId);

/// <summary>Close a worker the scheduler removed (it missed its heartbeats); its connection should be dropped.</summary>
/// <param name="Worker">The worker's address.</param>
/// <param name="Reason">Why, for the worker's log.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record CloseWorker(string Worker, string Reason, string StimulusId) : SchedulerToWorker(Worker, StimulusId);

/// <summary>A key the client wants is in memory; it can gather it from the holders.</summary>
/// <param name="Client">The client's id.</param>
/// <param name="Key">The key.</param>
/// <param name="WhoHas">The addresses of the workers holding it.</param>
/// <param name="NBytes">Its size in bytes.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record KeyInMemory(string Client, Key Key, IReadOnlyList<string> WhoHas, long NBytes, string StimulusId)
    : SchedulerToClient(Client, StimulusId);

/// <summary>A key the client wants failed, because its task or a dependency raised an exception.</summary>
/// <param name="Client">The client's id.</param>
/// <param name="Key">The key the client wants.</param>
/// <param name="Blame">The key whose task raised (the key itself or a dependency).</param>
/// <param name="Exception">The exception's type and message.</param>
/// <param name="Traceback">The stack trace.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record KeyErred(string Client, Key Key, Key Blame, string Exception, string Traceback, string StimulusId)
    : SchedulerToClient(Client, StimulusId);

/// <summary>An update-graph was not applied, because it references keys that are neither in it nor known.</summary>
/// <param name="Client">The client's id.</param>
/// <param name="Reason">What is wrong, naming the keys.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record UpdateGraphRefused(string Client, string Reason, string StimulusId) : SchedulerToClient(Client, StimulusId);

/// <summary>
/// A key the client wants failed because a task (itself or a dependency) was processing on
/// <see cref="SchedulerOptions.AllowedFailures"/> workers that all died (Dask's <c>KilledWorker</c>).
/// </summary>
/// <param name="Client">The client's id.</param>
/// <param name="Key">The key the client wants.</param>
/// <param name="Blame">The task that killed the workers.</param>
/// <param name="Workers">The addresses of the workers that died running it.</param>
/// <param name="StimulusId">The stimulus that caused it.</param>
public sealed record TaskKilledWorker(string Client, Key Key, Key Blame, IReadOnlyList<string> Workers, string StimulusId)
    : SchedulerToClient(Client, StimulusId)
{
    /// <summary>The message of the KilledWorkerException the client raises.</summary>
    public string Message =>
        $"KilledWorker: attempted to run task {Blame} on {Workers.Count} different workers, but all those workers died while running it " +
        $"({string.Join(", ", Workers)}). The task may crash its process, for example by running out of memory.";
}
