using MiniDask.Scheduler.Distributed;

namespace MiniDask.Testing;

/// <summary>
/// A local cluster of real worker processes on 127.0.0.1 (2 workers × 1 thread unless a subclass
/// says otherwise) and a client of it, shared by a test class as an xunit class fixture. The
/// test assembly is preloaded on the workers, so its test ops resolve there.
/// </summary>
public abstract class LocalClusterFixture : IAsyncLifetime
{
    private LocalCluster? cluster;
    private Client? client;

    /// <summary>The cluster.</summary>
    public LocalCluster Cluster => cluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>A client connected to the cluster.</summary>
    public Client Client => client ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>The path of the test assembly (the subclass's), which the workers preload.</summary>
    public string TestAssembly => GetType().Assembly.Location;

    /// <summary>The number of worker processes.</summary>
    protected virtual int Workers => 2;

    /// <summary>The threads of each worker.</summary>
    protected virtual int ThreadsPerWorker => 1;

    /// <summary>Starts the cluster and connects the client.</summary>
    public async Task InitializeAsync()
    {
        cluster = await LocalCluster.StartAsync(workers: Workers, threadsPerWorker: ThreadsPerWorker, preload: [TestAssembly], options: Options());
        client = await cluster.ConnectAsync();
    }

    /// <summary>Disconnects the client and stops the cluster's processes.</summary>
    public async Task DisposeAsync()
    {
        if (client is not null)
        {
            await client.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>The cluster's options (a logger, worker environment variables); the defaults unless overridden.</summary>
    protected virtual LocalClusterOptions Options() => new();
}
