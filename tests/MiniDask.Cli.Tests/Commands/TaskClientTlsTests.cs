using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;
using DaskWorker = MiniDask.Scheduler.Distributed.Worker;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// A task's own client (<see cref="DaskWorker.GetClient"/>) on a command-line cluster secured with
/// mutual TLS and a token: it connects with the worker's certificates and token, and the tasks it
/// submits run.
/// </summary>
public sealed class TaskClientTlsTests
{
    [Fact]
    public async Task GetClient_OnAMutualTlsClusterWithAToken_SubmitsAndGathersFromInsideATask()
    {
        var work = Directory.CreateTempSubdirectory("minidask-task-client-tls-").FullName;
        ReadmeRecipeTests.WriteCertificates(work);
        var token = Guid.NewGuid().ToString("N");
        string[] Tls(string name) => ["--tls-cert", Path.Combine(work, $"{name}.pem"), "--tls-key", Path.Combine(work, $"{name}.key"), "--tls-ca", Path.Combine(work, "ca.pem")];
        using var scheduler = Start(token, ["scheduler", "--host", "127.0.0.1", "--port", "0", .. Tls("sched")]);
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            Assert.StartsWith("tls://", address, StringComparison.Ordinal);
            using var worker = Start(token, ["worker", address, "--nthreads", "1", .. Tls("w1")]);
            try
            {
                await ReadLineMatching(worker, WorkerStarted());
                var comm = ClusterComm.Options(PeerRole.Client, "client", token, Path.Combine(work, "client.pem"), Path.Combine(work, "client.key"), Path.Combine(work, "ca.pem"));
                await using var client = await Client.ConnectAsync(address, new ClientOptions { Comm = comm });

                await using var square = await client.SubmitAsync(SquareInASubtask, 12L);

                Assert.Equal(144L, await square.ResultAsync().WaitAsync(TimeSpan.FromSeconds(90)));
            }
            finally
            {
                Kill(worker);
            }
        }
        finally
        {
            Kill(scheduler);
            Directory.Delete(work, recursive: true);
        }
    }

    private static long Square(long x) => x * x;

    /// <summary>Squares <paramref name="n"/> in a task of its own, submitted through the worker's client and awaited seceded.</summary>
    private static long SquareInASubtask(long n)
    {
        var square = DaskWorker.GetClient().SubmitAsync<long, long>(Square, n).GetAwaiter().GetResult();
        DaskWorker.Secede();
        var value = square.Result(TimeSpan.FromSeconds(60));
        DaskWorker.Rejoin();
        square.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return value;
    }
}
