namespace MiniDask.Scheduler.Distributed;

/// <summary>A worker as the scheduler knows it (an entry of <see cref="SchedulerInfo.Workers"/>).</summary>
/// <param name="Address">Its address.</param>
/// <param name="Name">Its name.</param>
/// <param name="Threads">Its task threads.</param>
/// <param name="MemoryLimit">Its memory limit in bytes; 0 for none.</param>
/// <param name="Resources">The abstract resources it offers, such as <c>GPU = 1</c>.</param>
/// <param name="Processing">How many tasks are processing on it.</param>
/// <param name="NBytes">Bytes of results it holds.</param>
public sealed record WorkerDetails(
    string Address, string Name, int Threads, long MemoryLimit, IReadOnlyDictionary<string, double> Resources, int Processing, long NBytes);

/// <summary>The scheduler and its workers, as Dask's <c>client.scheduler_info()</c>.</summary>
/// <param name="Address">The scheduler's address.</param>
/// <param name="Workers">Its workers, by address.</param>
/// <param name="Tasks">How many tasks it knows.</param>
/// <param name="Clients">How many clients it knows (each compute in flight counts).</param>
public sealed record SchedulerInfo(string Address, IReadOnlyDictionary<string, WorkerDetails> Workers, int Tasks, int Clients);
