using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// For code running in a task on a distributed worker (Dask's <c>get_worker</c>, <c>get_client</c>,
/// <c>secede</c> and <c>rejoin</c>): a task can get a client to submit further tasks and wait for
/// them, seceding from the worker's thread pool while it waits so that the tasks it waits for can
/// run there:
/// <code>static long Fib(int n)
/// {
///     if (n &lt; 2) return n;
///     var client = Worker.GetClient();
///     var a = client.SubmitAsync(Fib, n - 1).Result;
///     var b = client.SubmitAsync(Fib, n - 2).Result;
///     Worker.Secede();
///     var sum = a.Result() + b.Result();
///     Worker.Rejoin();
///     return sum;
/// }</code>
/// </summary>
public static class Worker
{
    private static readonly SemaphoreSlim ClientsGate = new(1, 1);
    private static readonly Dictionary<string, Client> Clients = new(StringComparer.Ordinal);

    /// <summary>The worker and task the calling code runs in.</summary>
    /// <exception cref="InvalidOperationException">Not called from a task (or a function run with <see cref="Client.RunAsync"/>) on a distributed worker.</exception>
    public static TaskContext Current => TaskContext.Current
        ?? throw new InvalidOperationException("Worker.Current is available only inside a task running on a distributed worker (or a function given to client.RunAsync).");

    /// <summary>
    /// A client connected to the scheduler of the worker this code runs on (Dask's <c>get_client()</c>),
    /// for tasks and actor methods alike: it submits tasks (which run the same uploaded code as the
    /// task calling it), and reaches the scheduler's queues, locks, events, topics and actors. It
    /// connects with the worker's own comm settings (token, TLS certificates), so it works on any
    /// cluster the worker joined. One client is shared per worker process and code owner, and made
    /// again if its scheduler was lost (the worker registered with a new one); do not dispose it.
    /// </summary>
    /// <exception cref="InvalidOperationException">This process runs no worker: connect with <see cref="Client.ConnectAsync"/> instead.</exception>
    /// <exception cref="IOException">The scheduler cannot be reached.</exception>
    public static Client GetClient() => GetClientAsync().GetAwaiter().GetResult();

    /// <summary>The same as <see cref="GetClient"/>, for asynchronous code (an async actor method, say).</summary>
    /// <exception cref="InvalidOperationException">This process runs no worker.</exception>
    /// <exception cref="IOException">The scheduler cannot be reached.</exception>
    public static async Task<Client> GetClientAsync(CancellationToken cancellationToken = default)
    {
        var endpoint = ClusterOfThisProcess.Current ?? throw new InvalidOperationException(
            "Worker.GetClient is for code running on a distributed worker (a task or an actor method), and this process runs no worker; connect with Client.ConnectAsync instead.");
        var owner = TaskContext.Current?.CodeOwner ?? "";
        var id = $"{endpoint.SchedulerAddress}|{owner}";
        await ClientsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Clients.TryGetValue(id, out var held) && held.IsConnected)
            {
                return held;
            }

            var options = new ClientOptions
            {
                Comm = endpoint.Comm with { Role = Protocol.Messages.PeerRole.Client, Name = "" },
                Name = $"worker-client-{Guid.NewGuid().ToString("N")[..8]}",
                CodeOwner = owner,
            };
            var client = await Client.ConnectAsync(endpoint.SchedulerAddress, options, cancellationToken).ConfigureAwait(false);
            Clients[id] = client;
            return client;
        }
        finally
        {
            ClientsGate.Release();
        }
    }

    /// <summary>Leaves the worker's thread pool while this task waits on others (Dask's <c>secede</c>); the worker starts another task in its place.</summary>
    /// <exception cref="InvalidOperationException">Not called from a task on a distributed worker.</exception>
    public static void Secede() => Current.Secede();

    /// <summary>Waits for a free thread of the worker and takes it again after <see cref="Secede"/> (Dask's <c>rejoin</c>).</summary>
    /// <exception cref="InvalidOperationException">Not called from a task on a distributed worker.</exception>
    public static void Rejoin() => Current.Rejoin();
}
