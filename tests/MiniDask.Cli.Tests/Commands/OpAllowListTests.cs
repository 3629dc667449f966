using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// A worker started from the command line calls functions by name only in MiniDask's assemblies,
/// its --preload plugins and code a client uploaded: a task naming a framework method is refused,
/// in every way a cluster can be secured, while MiniDask's own ops keep running.
/// </summary>
public sealed class OpAllowListTests
{
    [Theory]
    [InlineData("token")]
    [InlineData("open")]
    [InlineData("tls")]
    public async Task FrameworkMethodByName_OnACommandLineCluster_IsRefusedNamingTheOp(string mode)
    {
        var work = Directory.CreateTempSubdirectory("minidask-allow-list-").FullName;
        var token = mode == "open" ? "" : Guid.NewGuid().ToString("N");
        string[] security = mode switch
        {
            "open" => ["--no-auth"],
            "tls" => ["--tls-cert", Path.Combine(work, "sched.pem"), "--tls-key", Path.Combine(work, "sched.key"), "--tls-ca", Path.Combine(work, "ca.pem")],
            _ => [],
        };
        if (mode == "tls")
        {
            ReadmeRecipeTests.WriteCertificates(work);
        }

        using var scheduler = Start(token, ["scheduler", "--host", "127.0.0.1", "--port", "0", .. security]);
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            string[] workerSecurity = mode == "tls"
                ? ["--tls-cert", Path.Combine(work, "w1.pem"), "--tls-key", Path.Combine(work, "w1.key"), "--tls-ca", Path.Combine(work, "ca.pem")]
                : [];
            using var worker = Start(token, ["worker", address, "--nthreads", "1", .. workerSecurity]);
            try
            {
                await ReadLineMatching(worker, WorkerStarted());
                var comm = mode == "tls"
                    ? ClusterComm.Options(PeerRole.Client, "client", token, Path.Combine(work, "client.pem"), Path.Combine(work, "client.key"), Path.Combine(work, "ca.pem"))
                    : new CommOptions { Role = PeerRole.Client, Token = token.Length == 0 ? null : token };
                await using var client = await Client.ConnectAsync(address, new ClientOptions { Comm = comm });
                var target = Path.Combine(work, "written-by-a-task.txt");
                var op = MiniDask.Graph.Functions.UserFunctions.NameOf(new Action<string, string>(File.WriteAllText));
                var key = new Key("write", 0);
                var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [key] = new DaskTask(op, TaskArg.Literal(target), TaskArg.Literal("pwned")) });

                var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(graph, [key]).WaitAsync(TimeSpan.FromSeconds(60)));

                Assert.Contains(op, error.Message, StringComparison.Ordinal);
                Assert.Contains("is refused: assembly 'System.Private.CoreLib' is neither MiniDask's", error.Message, StringComparison.Ordinal);
                Assert.False(File.Exists(target), "the framework method ran on the worker");
                Assert.Equal(20_000.0, await client.ComputeAsync((DArray.Ones(shape: [100, 100], chunks: [50, 50]) + 1).Sum()));
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
}
