using MiniDask.Protocol.Tests.TestSupport;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>One local cluster (2 worker processes × 1 thread, test ops preloaded) and a client, shared by a test class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    /// <summary>What the scheduler logged.</summary>
    public ListLogger Log { get; } = new();

    public Client Client { get; private set; } = null!;

    public static string TestAssembly => typeof(ClusterFixture).Assembly.Location;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.StartAsync(workers: 2, threadsPerWorker: 1, preload: [TestAssembly], options: new LocalClusterOptions { Logger = Log });
        Client = await Cluster.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
