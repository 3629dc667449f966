using MiniDask.Graph;
using MiniDask.Graph.Persistence;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Persisting collections on the cluster: their results stay on the workers as futures of this client.</summary>
public sealed partial class Client : IPersistingScheduler
{
    /// <summary>
    /// Starts computing <paramref name="keys"/> of <paramref name="graph"/> on the cluster and keeps
    /// the results there, held by this client until the returned results are released (or the client
    /// is disposed). Graphs this client sends later that read those keys use the kept results where
    /// they are. <c>DArray.Persist(client)</c> and <c>DBag.Persist(client)</c> come here.
    /// </summary>
    /// <exception cref="GraphValidationException">The graph is malformed.</exception>
    public async Task<PersistedResults> PersistAsync(TaskGraph graph, IReadOnlyList<Key> keys, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        return new KeptFutures(this, keys, await SubmitGraphAsync(graph, keys, options).ConfigureAwait(false));
    }

    /// <summary>
    /// <paramref name="graph"/> with every task that reads a result kept elsewhere (persisted by
    /// another scheduler) replaced by that result's value, fetched now; results this client keeps
    /// stay as they are (the scheduler already holds them).
    /// </summary>
    /// <exception cref="ObjectDisposedException">A task reads a persisted result that was released.</exception>
    private TaskGraph WithForeignResultsFetched(TaskGraph graph)
    {
        Dictionary<Key, DaskTask>? replaced = null;
        foreach (var (key, task) in graph)
        {
            if (task is not { Op: PersistedResults.Op, Args: [LiteralArg { Value: PersistedBlock block }] })
            {
                continue;
            }

            if (block.Results.IsReleased)
            {
                throw new ObjectDisposedException(nameof(PersistedResults), $"The persisted result {key} was released; persist the collection again.");
            }

            if (!ReferenceEquals(block.Results.Owner, this))
            {
                replaced ??= new Dictionary<Key, DaskTask>(graph);
                replaced[key] = new DaskTask(PersistedResults.ValueOp, TaskArg.Literal(block.Fetch()));
            }
        }

        return replaced is null ? graph : TaskGraph.FromTasks(replaced, "fetched");
    }

    /// <summary>A persisted collection's results: this client's futures of its keys.</summary>
    private sealed class KeptFutures(Client client, IReadOnlyList<Key> keys, IReadOnlyList<Future> futures) : PersistedResults(client, keys)
    {
        private readonly Dictionary<Key, Future> byKey = futures.ToDictionary(f => f.Key);
        private int released;

        public override bool IsReleased => Volatile.Read(ref released) != 0 || Volatile.Read(ref client.disposed) != 0;

        public override async Task<object?[]> FetchAsync(IReadOnlyList<Key> wanted, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(IsReleased, this);
            var values = new object?[wanted.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = await byKey[wanted[i]].ResultAsync(cancellationToken).ConfigureAwait(false);
            }

            return values;
        }

        public override async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
            {
                return;
            }

            foreach (var future in byKey.Values)
            {
                await future.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
