using MiniDask.Graph.Devices;
using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Devices;

/// <summary>How tasks run on an execution device passed to the task runner: host conversion for host-only ops, the device handed to device ops, release of nested results.</summary>
public sealed class ExecutionDeviceTests
{
    public ExecutionDeviceTests()
    {
        TestOps.EnsureRegistered();
        DeviceTestOps.EnsureRegistered();
    }

    [Fact]
    public void Run_HostOnlyOpOnADevice_GetsDeviceValuesAsHostValues()
    {
        var device = new FakeDevice();

        var result = TaskRunner.Run(new DaskTask(TestOps.Inc, K("a")), Results((K("a"), new OnDevice(41))), device);

        Assert.Equal(42, result);
        Assert.Equal([41], device.Converted);
    }

    [Fact]
    public void Run_DeviceOp_GetsDeviceValuesAsTheyAre()
    {
        var device = new FakeDevice();

        var result = TaskRunner.Run(
            new DaskTask(DeviceTestOps.Kinds, K("a"), TaskArg.Refs([K("b")])), Results((K("a"), new OnDevice(1)), (K("b"), new OnDevice(2))), device);

        Assert.Equal("OnDevice,[OnDevice]", result);
        Assert.Empty(device.Converted);
    }

    [Fact]
    public void Run_ListArgumentOfAHostOnlyOp_HasItsItemsConverted()
    {
        var result = TaskRunner.Run(
            new DaskTask(TestOps.Sum, TaskArg.List([TaskArg.Ref(K("a")), TaskArg.Literal(5)])), Results((K("a"), new OnDevice(10))), new FakeDevice());

        Assert.Equal(15, result);
    }

    [Fact]
    public void Run_NestedDeviceResults_AreReleasedOnceTheOpHasRun()
    {
        var device = new FakeDevice();
        var task = new DaskTask(
            DeviceTestOps.Add,
            TaskArg.Nested(new DaskTask(DeviceTestOps.Make, TaskArg.Literal(3))),
            TaskArg.List([TaskArg.Nested(new DaskTask(DeviceTestOps.Make, TaskArg.Literal(4)))]));

        var result = TaskRunner.Run(task, Results(), device);

        Assert.Equal(new OnDevice(7), result);
        Assert.Equal([new OnDevice(3), new OnDevice(4)], device.Released);
    }

    [Fact]
    public void Run_NestedResultPassedThroughAsTheResult_IsNotReleased()
    {
        var device = new FakeDevice();

        var result = TaskRunner.Run(
            new DaskTask(DeviceTestOps.Identity, TaskArg.Nested(new DaskTask(DeviceTestOps.Make, TaskArg.Literal(9)))), Results(), device);

        Assert.Equal(new OnDevice(9), result);
        Assert.Empty(device.Released);
    }

    [Fact]
    public void Run_OpThrows_StillReleasesNestedResults()
    {
        var device = new FakeDevice();

        Assert.Throws<InvalidOperationException>(() => TaskRunner.Run(
            new DaskTask(TestOps.Fail, TaskArg.Nested(new DaskTask(DeviceTestOps.Make, TaskArg.Literal(1)))), Results(), device));

        Assert.Equal([new OnDevice(1)], device.Released);
    }

    [Fact]
    public void Run_WithoutADevice_PassesValuesThrough()
    {
        var result = TaskRunner.Run(new DaskTask(DeviceTestOps.Kinds, K("a")), Results((K("a"), new OnDevice(1))));

        Assert.Equal("OnDevice", result);
    }

    [Fact]
    public void Run_DeviceOp_GetsTheDevicePassedToTheRunnerAndNestedTasksToo()
    {
        var device = new FakeDevice();
        var task = new DaskTask(DeviceTestOps.DeviceName, TaskArg.Nested(new DaskTask(DeviceTestOps.DeviceName)));

        var onDevice = TaskRunner.Run(task, Results(), device);
        var onHost = TaskRunner.Run(task, Results());

        Assert.Equal("fake+fake", onDevice);
        Assert.Equal("host+host", onHost);
    }

    [Fact]
    public void Run_TwoDevicesOnOneThread_EachTaskSeesItsOwn()
    {
        // The device travels with the call, not with the thread: interleaved runs do not mix.
        var task = new DaskTask(DeviceTestOps.DeviceName);

        var first = TaskRunner.Run(task, Results(), new FakeDevice("a"));
        var second = TaskRunner.Run(task, Results(), new FakeDevice("b"));

        Assert.Equal(("a", "b"), (first, second));
    }

    [Fact]
    public void RegisterDeviceOp_MarksTheOpAsTakingDeviceValues()
    {
        Assert.True(OpRegistry.AcceptsDeviceValues(DeviceTestOps.Add));
        Assert.True(OpRegistry.IsRegistered(DeviceTestOps.Add));
        Assert.False(OpRegistry.AcceptsDeviceValues(TestOps.Inc));
    }

    private static Lookup Results(params (Key Key, object? Value)[] values) => new(values.ToDictionary(v => v.Key, v => v.Value));

    private readonly struct Lookup(Dictionary<Key, object?> values) : IResultLookup
    {
        public object? Get(Key key) => values[key];
    }
}

/// <summary>Opening devices by name through the provider.</summary>
public sealed class ExecutionDevicesOpenTests
{
    [Fact]
    public void Open_WithAProvider_ReturnsItsDeviceWithTheOptions()
    {
        var provider = new FakeProvider();
        ExecutionDevices.Provider = provider;
        try
        {
            using var device = ExecutionDevices.Open("fake", new ExecutionDeviceOptions { MemoryLimitBytes = 123 });

            Assert.Equal("fake", device.Name);
            Assert.Equal(123, provider.Options?.MemoryLimitBytes);
            Assert.Throws<ArgumentException>(() => ExecutionDevices.Open(" "));
        }
        finally
        {
            ExecutionDevices.Provider = null;
        }
    }

    [Fact]
    public void Open_WithoutAProviderAssembly_SaysWhatToReference()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ExecutionDevices.Open("cpu"));

        Assert.Contains("reference MiniDask.Array", e.Message);
    }

    [Fact]
    public void DeviceUnavailableException_NamesTheDeviceAndWhy()
    {
        var e = new DeviceUnavailableException("cuda", "libcuda.so.1 not found");

        Assert.Equal("Device 'cuda' is not available: libcuda.so.1 not found", e.Message);
        Assert.Equal("cuda", e.DeviceName);
        Assert.Equal("libcuda.so.1 not found", e.Reason);
    }

    private sealed class FakeProvider : IExecutionDeviceProvider
    {
        public ExecutionDeviceOptions? Options { get; private set; }

        public IExecutionDevice Open(string name, ExecutionDeviceOptions options)
        {
            Options = options;
            return new FakeDevice(name);
        }
    }
}

/// <summary>A value standing in for a block in device memory.</summary>
internal sealed record OnDevice(int Value);

/// <summary>A device whose values are <see cref="OnDevice"/>: records what it converts and releases.</summary>
internal sealed class FakeDevice(string name = "fake") : IExecutionDevice
{
    public string Name => name;

    public List<int> Converted { get; } = [];

    public List<object?> Released { get; } = [];

    public object? ToHost(object? value)
    {
        switch (value)
        {
            case OnDevice d:
                lock (Converted)
                {
                    Converted.Add(d.Value);
                }

                return d.Value;
            case object?[] items:
                return items.Select(ToHost).ToArray();
            default:
                return value;
        }
    }

    public void Release(object? value)
    {
        lock (Released)
        {
            Released.Add(value);
        }
    }

    public void Dispose()
    {
    }
}

/// <summary>Device ops for the tests: they take <see cref="OnDevice"/> values as they are.</summary>
internal static class DeviceTestOps
{
    public const string Make = "test.graph.device.make";
    public const string Add = "test.graph.device.add";
    public const string Identity = "test.graph.device.identity";
    public const string Kinds = "test.graph.device.kinds";
    public const string DeviceName = "test.graph.device.name";

    static DeviceTestOps()
    {
        OpRegistry.RegisterDeviceOp(Make, static (args, _) => new OnDevice((int)args[0]!));
        OpRegistry.RegisterDeviceOp(Add, static (args, _) => new OnDevice(Flatten(args).Sum(v => ((OnDevice)v!).Value)));
        OpRegistry.RegisterDeviceOp(Identity, static (args, _) => args[0]);
        OpRegistry.RegisterDeviceOp(Kinds, static (args, _) => string.Join(",", args.Select(Kind)));
        OpRegistry.RegisterDeviceOp(DeviceName, static (args, device) => string.Join("+", [device?.Name ?? "host", .. args.Cast<string>()]));
    }

    /// <summary>Makes sure the ops are registered (runs the static constructor once).</summary>
    public static void EnsureRegistered()
    {
    }

    private static IEnumerable<object?> Flatten(object?[] args) => args.SelectMany(a => a is object?[] list ? Flatten(list) : [a]);

    private static string Kind(object? value) => value is object?[] list ? $"[{string.Join(",", list.Select(Kind))}]" : value?.GetType().Name ?? "null";
}
