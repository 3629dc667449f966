using System.Reflection;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Worker.Tests;

/// <summary>
/// Code uploaded by a client (an assembly this process has never loaded: tests/Fixtures/ClientProgram)
/// runs on a worker in a load context of that client's, and is unloaded when the client leaves.
/// </summary>
public sealed class UploadedCodeTests
{
    private static string ClientProgram => typeof(UploadedCodeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClientProgram").Value!;

    public UploadedCodeTests() => OpAssemblies.RegisterBuiltIn();

    [Fact]
    public async Task UploadFileAsync_Assembly_ItsFunctionsAndRecordsRunOnTheWorkerAndUnloadWhenTheClientLeaves()
    {
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "ClientProgram");
        await using var scheduler = await SchedulerServer.StartAsync("tcp://127.0.0.1:0");
        await using var worker = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { Host = "127.0.0.1" });
        var client = await Client.ConnectAsync(scheduler.Address);

        await client.UploadFileAsync(ClientProgram);
        var sale = await client.SubmitAsync("user:ClientProgram:ClientProgram.Factory:Make", 12);
        var units = await client.SubmitAsync("user:ClientProgram:ClientProgram.Factory:UnitsOf", sale);
        var value = await units;

        Assert.Equal(12, value);
        Assert.Equal([client.Id], worker.CodeOwners);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "ClientProgram" && !a.IsCollectible);

        await client.DisposeAsync();

        Assert.True(await EventuallyAsync(() => worker.CodeOwners.Count == 0), "the worker kept the departed client's code");
        Assert.True(await EventuallyAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return worker.UnloadedCodeStillInMemory == 0;
        }), "the departed client's load context was never collected");
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "ClientProgram");
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        return condition();
    }
}
