namespace MiniDask.Protocol;

/// <summary>
/// The cluster that a worker running in this process belongs to: its scheduler's address and the
/// comm options (token, TLS, limits) its peers accept. A worker sets it when it starts, so code it
/// runs (tasks and actor methods) can reach the scheduler and other workers without being handed
/// an address: an actor handle passed as an argument calls its actor's worker, and a task opens a
/// client of its own. With several workers in one process (tests), the last one started serves.
/// </summary>
internal static class ClusterOfThisProcess
{
    private static volatile Endpoint? current;

    /// <summary>The cluster of the worker started last in this process; null in a process that runs no worker.</summary>
    public static Endpoint? Current => current;

    /// <summary>Records the cluster of a worker that started here.</summary>
    public static void Set(string schedulerAddress, CommOptions comm) => current = new Endpoint(schedulerAddress, comm);

    /// <summary>A scheduler address and the comm options to connect to it and its workers with.</summary>
    /// <param name="SchedulerAddress">The scheduler's address, without a token.</param>
    /// <param name="Comm">Token, TLS and limits of the cluster's comms.</param>
    public sealed record Endpoint(string SchedulerAddress, CommOptions Comm);
}
