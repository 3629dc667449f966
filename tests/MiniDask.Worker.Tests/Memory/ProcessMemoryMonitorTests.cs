using MiniDask.Graph;

namespace MiniDask.Worker.Tests;

public sealed class ProcessMemoryMonitorTests : IDisposable
{
    private const long Limit = 100_000;
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"minidask-monitor-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Check_ProcessMemoryUnderTheSpillFraction_SpillsNothing()
    {
        using var store = StoreWithFiveValues();
        long resident = 1_000_000;
        var compactions = 0;
        var monitor = new ProcessMemoryMonitor(store, Limit, () => resident, () => compactions++);

        resident += 69_000;

        Assert.Equal(0, monitor.Check());
        Assert.Equal(0, compactions);
        Assert.Equal(0, store.SpilledBytes);
    }

    [Fact]
    public void Check_ProcessMemoryPastTheSpillFraction_SpillsTheExcessOverTheTargetLeastRecentFirstAndCompacts()
    {
        using var store = StoreWithFiveValues();
        long resident = 1_000_000;
        var compactions = 0;
        var monitor = new ProcessMemoryMonitor(store, Limit, () => resident, () => compactions++);
        var held = store.MemoryBytes;

        // 80 kB above the idle process: 20 kB over the 60% target, though the store holds only ~40 kB.
        resident += 80_000;
        var spilled = monitor.Check();

        Assert.Equal(1_000_000, monitor.Baseline);
        Assert.True(spilled >= 20_000, $"spilled {spilled} bytes");
        Assert.True(store.MemoryBytes <= held - 20_000);
        Assert.Equal(1, compactions);
        Assert.Equal(2L, ((long[])store.Get(new Key("v", 2))!)[0]);
        Assert.True(store.DiskBytes > 0);
    }

    [Fact]
    public void IsPast_ProcessMemoryAboveTheFractionAfterSpilling_SaysSoWithTheFigure()
    {
        using var store = StoreWithFiveValues();
        long resident = 1_000_000;
        var monitor = new ProcessMemoryMonitor(store, Limit, () => resident, () => { });

        resident += 94_000;
        Assert.False(monitor.IsPast(0.95, out var under));
        Assert.Equal(94_000, under);

        resident += 2_000;
        Assert.True(monitor.IsPast(0.95, out var over));
        Assert.Equal(96_000, over);
        Assert.False(monitor.IsPast(0, out _));
    }

    private MemoryStore StoreWithFiveValues()
    {
        // 8 kB each, far under the store's own spill threshold.
        var store = new MemoryStore(memoryLimit: 10 * Limit, directory);
        for (var i = 0; i < 5; i++)
        {
            store.Put(new Key("v", i), Enumerable.Repeat((long)i, 1_000).ToArray());
        }

        return store;
    }
}
