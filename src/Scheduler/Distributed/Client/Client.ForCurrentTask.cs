using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>A client for code running on a worker: tasks and actor methods reach the scheduler's queues, locks, events, topics and actors through it.</summary>
public sealed partial class Client
{
    private static readonly SemaphoreSlim TaskClientGate = new(1, 1);
    private static Client? taskClient;

    /// <summary>
    /// The client of code running on a worker (a task or an actor method): one per worker process,
    /// connected to that worker's scheduler with its token on first use and kept for later tasks
    /// (Dask's <c>get_client()</c>). Use it for coordination objects and actors; do not dispose it.
    /// </summary>
    /// <exception cref="InvalidOperationException">This process runs no worker: connect with <see cref="ConnectAsync"/> instead.</exception>
    /// <exception cref="IOException">The scheduler cannot be reached.</exception>
    public static async Task<Client> ForCurrentTaskAsync(CancellationToken cancellationToken = default)
    {
        var endpoint = ClusterOfThisProcess.Current ?? throw new InvalidOperationException(
            "Client.ForCurrentTaskAsync is for code running on a worker (a task or an actor method), and this process runs no worker; connect with Client.ConnectAsync instead.");
        if (Usable(taskClient, endpoint) is { } ready)
        {
            return ready;
        }

        await TaskClientGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Usable(taskClient, endpoint) is { } made)
            {
                return made;
            }

            var comm = endpoint.Comm with { Role = Protocol.Messages.PeerRole.Client, Name = "" };
            taskClient = await ConnectAsync(endpoint.SchedulerAddress, new ClientOptions { Comm = comm }, cancellationToken).ConfigureAwait(false);
            return taskClient;
        }
        finally
        {
            TaskClientGate.Release();
        }

        static Client? Usable(Client? client, ClusterOfThisProcess.Endpoint endpoint) =>
            client is { disposed: 0, lost: null } && client.SchedulerAddress == endpoint.SchedulerAddress ? client : null;
    }

    /// <summary>The same as <see cref="ForCurrentTaskAsync"/>, for a task's synchronous code (a task holds its thread anyway).</summary>
    /// <exception cref="InvalidOperationException">This process runs no worker.</exception>
    /// <exception cref="IOException">The scheduler cannot be reached.</exception>
    public static Client ForCurrentTask() => ForCurrentTaskAsync().GetAwaiter().GetResult();
}
