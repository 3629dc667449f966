using System.Collections.Concurrent;
using MiniDask.Array;
using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Tests.Devices;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests;

/// <summary>The local scheduler with an execution device: current on its threads, outputs converted, every result released.</summary>
public sealed class LocalSchedulerDeviceTests
{
    public LocalSchedulerDeviceTests()
    {
        EnsureRegistered();
        DeviceOps.EnsureRegistered();
    }

    [Fact]
    public void Get_WithADevice_PassesItToEveryDeviceTask()
    {
        var device = new RecordingDevice();
        var tasks = Enumerable.Range(0, 500).ToDictionary(i => new Key("current", i), _ => T(DeviceOps.CurrentName));

        var names = new LocalScheduler(4, device).Get(TaskGraph.FromTasks(tasks), [.. tasks.Keys]);

        Assert.All(names, name => Assert.Equal("recording", name));
    }

    [Fact]
    public void Get_DeviceValues_OutputsComeBackAsHostValuesAndEveryValueIsReleasedOnce()
    {
        var device = new RecordingDevice();
        var tasks = new Dictionary<Key, DaskTask>();
        for (var i = 0; i < 10; i++)
        {
            tasks[new Key("make", i)] = T(DeviceOps.Make, L((long)i));
        }

        for (var j = 0; j < 5; j++)
        {
            tasks[new Key("pair", j)] = T(DeviceOps.Add, new Key("make", 2 * j), new Key("make", (2 * j) + 1));
        }

        tasks[new Key("total")] = T(DeviceOps.Add, TaskArg.Refs(Enumerable.Range(0, 5).Select(j => new Key("pair", j))));

        var results = new LocalScheduler(3, device).Get(TaskGraph.FromTasks(tasks), [new Key("total"), new Key("pair", 0)]);

        Assert.Equal([45L, 1L], results);
        Assert.Equal(16, device.Made.Count);
        Assert.Equal(device.Made.OrderBy(v => v.Id), device.Released.OrderBy(v => v.Id));
    }

    [Fact]
    public void Get_HostOnlyOpAfterADeviceOp_GetsTheHostValue()
    {
        var device = new RecordingDevice();
        var tasks = new Dictionary<Key, DaskTask>
        {
            [new Key("made")] = T(DeviceOps.Make, L(41L)),
            [new Key("inc")] = T(Inc, new Key("made")),
            [new Key("other")] = T(Inc, new Key("made")),
        };

        var results = new LocalScheduler(2, device).Get(TaskGraph.FromTasks(tasks), [new Key("inc"), new Key("other")]);

        Assert.Equal([42L, 42L], results);
        Assert.Equal(device.Made, device.Released);
    }

    [Fact]
    public void Get_TaskFails_ReleasesWhatTheRunHeld()
    {
        var device = new RecordingDevice();
        var tasks = new Dictionary<Key, DaskTask>
        {
            [new Key("a")] = T(DeviceOps.Make, L(1L)),
            [new Key("b")] = T(DeviceOps.Make, L(2L)),
            [new Key("fail")] = T(DeviceOps.Fail, new Key("a"), new Key("b")),
        };

        var e = Assert.Throws<TaskFailedException>(() => new LocalScheduler(2, device).Get(TaskGraph.FromTasks(tasks), [new Key("fail")]));

        Assert.Equal(new Key("fail"), e.Key);
        Assert.Equal(2, device.Made.Count);
        Assert.Equal(device.Made.OrderBy(v => v.Id), device.Released.OrderBy(v => v.Id));
    }

    [Fact]
    public void Dispose_DeviceOpenedByName_IsDisposedAndAGivenOneIsNot()
    {
        var given = new RecordingDevice();
        var named = new LocalScheduler(1, "cpu");
        var device = (BlockDevice)named.Device!;

        named.Dispose();
        new LocalScheduler(1, given).Dispose();

        Assert.True(device.Accelerator.IsDisposed);
        Assert.False(given.Disposed);
    }

    [WithoutCudaFact]
    public void Constructor_CudaWithoutAGpu_ThrowsATypedErrorSayingWhy()
    {
        var e = Assert.Throws<DeviceUnavailableException>(() => new LocalScheduler(2, "cuda"));

        Assert.Equal("cuda", e.DeviceName);
        Assert.Equal($"Device 'cuda' is not available: {e.Reason}", e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
    }

    [Fact]
    public void Constructor_UnknownDevice_ThrowsNamingTheChoices()
    {
        var e = Assert.Throws<ArgumentException>(() => new LocalScheduler(2, "tpu"));

        Assert.Contains("'tpu'", e.Message);
        Assert.Contains("cpu, ilgpu-cpu, cuda, cuda:N, opencl or opencl:N", e.Message);
    }
}

/// <summary>The conformance tests on a local scheduler with a device current: host-only ops behave as without one.</summary>
public sealed class LocalSchedulerOnADeviceConformanceTests : SchedulerConformanceTests
{
    protected override IScheduler CreateScheduler() => new LocalScheduler(4, new RecordingDevice());
}

/// <summary>A value standing in for a block in device memory.</summary>
internal sealed record Held(long Value, int Id);

/// <summary>A device whose values are <see cref="Held"/>: it records what was made and released.</summary>
internal sealed class RecordingDevice : IExecutionDevice
{
    private static int nextId;

    public string Name => "recording";

    public ConcurrentBag<Held> MadeBag { get; } = [];

    public List<Held> Made => [.. MadeBag.OrderBy(v => v.Id)];

    public ConcurrentQueue<Held> ReleasedQueue { get; } = new();

    public List<Held> Released => [.. ReleasedQueue.OrderBy(v => v.Id)];

    public bool Disposed { get; private set; }

    public Held Make(long value)
    {
        var held = new Held(value, Interlocked.Increment(ref nextId));
        MadeBag.Add(held);
        return held;
    }

    public object? ToHost(object? value) => value switch
    {
        Held held => held.Value,
        object?[] items => items.Select(ToHost).ToArray(),
        _ => value,
    };

    public void Release(object? value)
    {
        if (value is Held held)
        {
            ReleasedQueue.Enqueue(held);
        }
    }

    public void Dispose() => Disposed = true;
}

/// <summary>Device ops for the tests: they make and combine <see cref="Held"/> values on the <see cref="RecordingDevice"/> their task runs on.</summary>
internal static class DeviceOps
{
    public const string Make = "test.sched.device.make";
    public const string Add = "test.sched.device.add";
    public const string Fail = "test.sched.device.fail";
    public const string CurrentName = "test.sched.device.current";

    static DeviceOps()
    {
        OpRegistry.RegisterDeviceOp(Make, static (a, device) => ((RecordingDevice)device!).Make((long)a[0]!));
        OpRegistry.RegisterDeviceOp(Add, static (a, device) => ((RecordingDevice)device!).Make(Values(a).Sum()));
        OpRegistry.RegisterDeviceOp(Fail, static (a, _) => throw new InvalidOperationException($"failed after {Values(a).Count()} values"));
        OpRegistry.RegisterDeviceOp(CurrentName, static (_, device) => device?.Name);
    }

    public static void EnsureRegistered()
    {
    }

    private static IEnumerable<long> Values(object?[] args) =>
        args.SelectMany(a => a is object?[] list ? Values(list) : [((Held)a!).Value]);
}
