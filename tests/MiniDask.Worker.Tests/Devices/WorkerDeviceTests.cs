using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Distributed;
using MiniDask.Tests.Devices;

namespace MiniDask.Worker.Tests.Devices;

/// <summary>A worker with an execution device: results stay in device memory until they are fetched, then leave as host blocks.</summary>
public sealed class WorkerDeviceTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"minidask-device-store-test-{Guid.NewGuid():N}");

    public WorkerDeviceTests() => OpAssemblies.RegisterBuiltIn();

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Compute_OnADebugCpuDevice_EqualsTheHostAndCopiesOnlyTheFetchedResultOut()
    {
        await using var scheduler = await SchedulerServer.StartAsync("tcp://127.0.0.1:0");
        await using var worker = await WorkerServer.StartAsync(
            scheduler.Address,
            new WorkerOptions { NThreads = 2, Host = "127.0.0.1", Device = "cpu", DeviceOptions = new ExecutionDeviceOptions { Debug = true } });
        var device = Assert.IsType<BlockDevice>(worker.Device);
        var a = DArray.Random(shape: [120, 90], chunks: [30, 30], seed: 1);
        var b = DArray.Random(shape: [90, 60], chunks: [30, 30], seed: 2);

        double result;
        await using (var client = await Client.ConnectAsync(scheduler.Address))
        {
            // Device workers want each random block made once, so that it is copied to the device once.
            result = await client.ComputeAsync(a.MatMul(b).Sum(), new ComputeOptions { InlineCheapRoots = false });
        }

        Assert.Equal(a.MatMul(b).Sum().Compute(new LocalScheduler(2)), result);
        Assert.True(((CpuAccelerator)device.Accelerator).IsDebug);
        Assert.Equal(a.BlockCount + b.BlockCount, device.Accelerator.HostToDeviceCopies);
        Assert.Equal(1, device.Accelerator.DeviceToHostCopies);
        await WaitUntil(() => device.Blocks.Cache.Count == 0, "the worker releases its device blocks when the client's keys are released");
    }

    [Fact]
    public async Task Compute_OnIlgpuCpu_RunsTheIlgpuKernelsAndEqualsTheHostWithinRounding()
    {
        await using var scheduler = await SchedulerServer.StartAsync("tcp://127.0.0.1:0");
        await using var worker = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { NThreads = 2, Host = "127.0.0.1", Device = "ilgpu-cpu" });
        await using var client = await Client.ConnectAsync(scheduler.Address);
        var a = DArray.Random(shape: [60, 45], chunks: [30, 15], seed: 5);
        var b = DArray.Random(shape: [45, 30], chunks: [15, 15], seed: 6);

        var result = await client.ComputeAsync((a.MatMul(b) + 1).Sum(), new ComputeOptions { InlineCheapRoots = false });

        var expected = (a.MatMul(b) + 1).Sum().Compute(new LocalScheduler(2));
        var device = Assert.IsType<BlockDevice>(worker.Device);
        Assert.IsType<MiniDask.Kernels.Accelerators.Ilgpu.IlgpuAccelerator>(device.Accelerator);
        Assert.True(Math.Abs(expected - result) <= 1e-12 * Math.Abs(expected), $"expected {expected}, got {result}");
        Assert.Equal(1, device.Accelerator.DeviceToHostCopies);
    }

    [CudaFact]
    public async Task Compute_OnCuda_EqualsTheHostWithinRounding()
    {
        await using var scheduler = await SchedulerServer.StartAsync("tcp://127.0.0.1:0");
        await using var worker = await WorkerServer.StartAsync(scheduler.Address, new WorkerOptions { NThreads = 2, Host = "127.0.0.1", Device = "cuda" });
        await using var client = await Client.ConnectAsync(scheduler.Address);
        var a = DArray.Random(shape: [512, 384], chunks: [128, 128], seed: 3);
        var b = DArray.Random(shape: [384, 256], chunks: [128, 128], seed: 4);

        var result = await client.ComputeAsync(a.MatMul(b).Sum());

        var expected = a.MatMul(b).Sum().Compute(new LocalScheduler(2));
        Assert.Equal("cuda:0", worker.Device?.Name);
        Assert.True(Math.Abs(expected - result) <= 1e-9 * Math.Abs(expected), $"expected {expected}, got {result}");
        Assert.Equal(1, ((BlockDevice)worker.Device!).Accelerator.DeviceToHostCopies);
    }

    [WithoutCudaFact]
    public async Task StartAsync_CudaWithoutAGpu_ThrowsSayingWhyBeforeConnecting()
    {
        var e = await Assert.ThrowsAsync<DeviceUnavailableException>(
            () => WorkerServer.StartAsync("tcp://127.0.0.1:1", new WorkerOptions { Device = "cuda" }));

        Assert.Equal("cuda", e.DeviceName);
        Assert.StartsWith("Device 'cuda' is not available: ", e.Message);
    }

    [Fact]
    public void MemoryStore_DeviceBlocks_AreNeverSpilledAndAreReleasedWhenTheyLeave()
    {
        using var device = new BlockDevice(new CpuAccelerator(debug: true), 1 << 20, ownsAccelerator: true);
        using var store = new MemoryStore(memoryLimit: 1000, directory, spillFraction: 0.5, device);
        var block = new NDArray<double>([.. Enumerable.Range(0, 64).Select(i => (double)i)], [8, 8]);
        var first = device.Blocks.Multiply<double>(block, block);
        var second = device.Blocks.Multiply<double>(block, block);

        var sent = store.Put(new Key("first"), first);
        Assert.Equal(32, store.MemoryBytes);
        Assert.True(sent >= 8 * 8 * sizeof(double), $"a device block is sent as its {first.SizeInBytes} bytes, reported {sent}");
        store.Put(new Key("second"), second);
        store.Put(new Key("host"), new long[200]);
        store.Put(new Key("first"), first);

        Assert.Equal(0, device.Accelerator.DeviceToHostCopies);
        Assert.Same(first, store.Get(new Key("first")));
        Assert.False(first.IsDisposed);
        store.Remove(new Key("first"));
        Assert.True(first.IsDisposed);
        store.Put(new Key("second"), new long[1]);
        Assert.True(second.IsDisposed);
        Assert.Equal(1, device.Blocks.Cache.Count);
    }

    [Fact]
    public void MemoryStore_Dispose_ReleasesTheDeviceBlocksItHeld()
    {
        using var device = new BlockDevice(new CpuAccelerator(debug: true), 1 << 20, ownsAccelerator: true);
        var block = new NDArray<double>([1, 2, 3, 4], [2, 2]);
        var product = device.Blocks.Multiply<double>(block, block);
        var store = new MemoryStore(memoryLimit: 0, directory, device: device);
        store.Put(new Key("product"), product);

        store.Dispose();

        Assert.True(product.IsDisposed);
    }

    [Fact]
    public void Codec_DeviceBlock_IsEncodedAsAHostBlock()
    {
        using var device = new BlockDevice(new CpuAccelerator(debug: true), 1 << 20, ownsAccelerator: true);
        var block = new NDArray<double>([1, 2, 3, 4], [2, 2]);
        using var product = device.Blocks.Multiply<double>(block, block);

        var encoded = Graph.Codecs.ValueCodecs.Encode(product);
        var decoded = Graph.Codecs.ValueCodecs.Decode(encoded);

        var host = Assert.IsType<NDArray<double>>(decoded);
        Assert.Equal([7.0, 10, 15, 22], host.Data);
        Assert.Equal([2, 2], host.Shape.ToArray());
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), $"timed out waiting: {what}");
    }
}
