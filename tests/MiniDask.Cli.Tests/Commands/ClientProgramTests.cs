using System.Reflection;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>
/// A user's program in an assembly of its own (tests/Fixtures/ClientProgram), never preloaded
/// anywhere, against <c>minidask scheduler</c> and two <c>minidask worker</c> processes started
/// from the command line: its functions and record types reach the workers only by the client's
/// code upload, and the scheduler never loads the array or bag assemblies.
/// </summary>
public sealed class ClientProgramTests
{
    private static readonly string[] Checks =
    [
        "from-array-sum", "from-array-expression", "persist-keeps-blocks-on-workers", "persist-then-sum", "persist-then-max-of-row-means",
        "bag-of-records-frequencies", "bag-of-records-groupby", "records-made-on-workers-gathered",
        "submit-static-method-with-record-argument-and-result", "submit-lambda-chained-on-a-future", "map-lambda-over-records", "map-static-method-over-records",
        "unserializable-record-refused-before-sending", "unserializable-argument-refused-before-sending",
    ];

    private static string ClientProgram => typeof(ClientProgramTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClientProgram").Value!;

    [Fact]
    public async Task ClientProgram_AgainstSchedulerAndTwoWorkersFromTheCommandLine_EveryCheckRightAndSchedulerMapsNoCollectionAssembly()
    {
        Assert.True(File.Exists(ClientProgram), $"the client program was not built at {ClientProgram}");
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "ClientProgram.dll")), "the client program must not sit where the workers run from");
        var token = Guid.NewGuid().ToString("N");
        using var scheduler = Start(token, "scheduler", "--port", "0");
        var workers = new List<System.Diagnostics.Process>();
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            for (var i = 0; i < 2; i++)
            {
                workers.Add(Start(token, "worker", address, "--nthreads", "1", "--name", $"cli-{i}"));
                await ReadLineMatching(workers[i], WorkerStarted());
            }

            using var program = StartDotnet(ClientProgram, token, address);
            var output = await program.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(4));
            await program.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            foreach (var check in Checks)
            {
                Assert.Contains($"ok {check}", output.Split('\n').Select(l => l.Trim()));
            }

            Assert.Equal(0, program.ExitCode);
            var mapped = MappedMiniDaskAssemblies(scheduler.Id);
            Assert.Contains("MiniDask.Scheduler.dll", mapped);
            Assert.DoesNotContain("MiniDask.Array.dll", mapped);
            Assert.DoesNotContain("MiniDask.Bag.dll", mapped);
        }
        finally
        {
            workers.ForEach(Kill);
            Kill(scheduler);
        }
    }
}
