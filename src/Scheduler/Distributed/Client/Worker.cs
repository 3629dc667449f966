using MiniDask.Graph;

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
    private static readonly Dictionary<string, Client> Clients = new(StringComparer.Ordinal);

    /// <summary>The worker and task the calling code runs in.</summary>
    /// <exception cref="InvalidOperationException">Not called from a task (or a function run with <see cref="Client.RunAsync"/>) on a distributed worker.</exception>
    public static TaskContext Current => TaskContext.Current
        ?? throw new InvalidOperationException("Worker.Current is available only inside a task running on a distributed worker (or a function given to client.RunAsync).");

    /// <summary>
    /// A client connected to the scheduler of the worker this task runs on, shared by the tasks of
    /// that worker; tasks it submits run the same code as the task calling it. Do not dispose it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not called from a task on a distributed worker.</exception>
    public static Client GetClient()
    {
        var context = Current;
        var owner = context.CodeOwner;
        var id = $"{context.SchedulerAddress}|{owner}";
        lock (Clients)
        {
            if (!Clients.TryGetValue(id, out var client))
            {
                var name = $"worker-client-{Guid.NewGuid().ToString("N")[..8]}";
                client = Client.ConnectAsync(context.SchedulerAddress, new ClientOptions { Name = name, CodeOwner = owner }).GetAwaiter().GetResult();
                Clients[id] = client;
            }

            return client;
        }
    }

    /// <summary>Leaves the worker's thread pool while this task waits on others (Dask's <c>secede</c>); the worker starts another task in its place.</summary>
    /// <exception cref="InvalidOperationException">Not called from a task on a distributed worker.</exception>
    public static void Secede() => Current.Secede();

    /// <summary>Waits for a free thread of the worker and takes it again after <see cref="Secede"/> (Dask's <c>rejoin</c>).</summary>
    /// <exception cref="InvalidOperationException">Not called from a task on a distributed worker.</exception>
    public static void Rejoin() => Current.Rejoin();
}
