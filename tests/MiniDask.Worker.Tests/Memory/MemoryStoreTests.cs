using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Worker.Tests;

public sealed class MemoryStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"minidask-store-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Put_PastTheSpillThreshold_SpillsLeastRecentlyUsedFirst()
    {
        using var store = new MemoryStore(memoryLimit: 12_000, directory);
        store.Put(new Key("a"), Block(1));
        store.Put(new Key("b"), Block(2));
        Assert.True(store.TryGet(new Key("a"), out _));

        store.Put(new Key("c"), Block(3));
        var spilledAfterPut = store.SpilledBytes;
        Assert.True(store.TryGet(new Key("a"), out _));
        Assert.True(store.TryGet(new Key("c"), out _));

        Assert.True(spilledAfterPut > 0);
        Assert.Equal(spilledAfterPut, store.SpilledBytes);
        Assert.True(store.MemoryBytes <= store.SpillThreshold, $"{store.MemoryBytes} bytes in memory, threshold {store.SpillThreshold}");
        Assert.Single(Directory.GetFiles(directory));
        Assert.Equal(3, store.Count);
        Assert.Equal(2L, ((long[])store.Get(new Key("b"))!)[0]);
        Assert.True(store.SpilledBytes > spilledAfterPut, "reading b back should spill another value");
    }

    [Fact]
    public void MakeRoomFor_ResultWouldCrossTheThreshold_SpillsOthersFirstAndKeepsTheInputs()
    {
        using var store = new MemoryStore(memoryLimit: 20_000, directory);
        store.Put(new Key("a"), Block(1));
        var one = store.MemoryBytes;
        store.Put(new Key("b"), Block(2));
        store.Put(new Key("c"), Block(3));
        Assert.Equal(0, store.SpilledBytes);

        var spilled = store.MakeRoomFor(2 * one, [new Key("a")]);

        Assert.Equal(2 * one, spilled);
        Assert.Equal(one, store.MemoryBytes);
        Assert.True(store.MemoryBytes + (2 * one) <= store.SpillThreshold);
        Assert.Equal(2, Directory.GetFiles(directory).Length);
        var spilledBefore = store.SpilledBytes;
        Assert.Equal(1L, ((long[])store.Get(new Key("a"))!)[0]);
        Assert.Equal(spilledBefore, store.SpilledBytes);
    }

    [Fact]
    public void MakeRoomFor_ResultFits_SpillsNothing()
    {
        using var store = new MemoryStore(memoryLimit: 20_000, directory);
        store.Put(new Key("a"), Block(1));

        Assert.Equal(0, store.MakeRoomFor(store.MemoryBytes, []));
        Assert.Equal(0, store.SpilledBytes);
        Assert.False(Directory.Exists(directory) && Directory.GetFiles(directory).Length > 0);
    }

    [Fact]
    public void Get_SpilledValue_ReadsBackTheSameBuffer()
    {
        using var store = new MemoryStore(memoryLimit: 5_000, directory);
        var original = Enumerable.Range(0, 500).Select(i => (long)i * 3).ToArray();
        store.Put(new Key("x", 1), original);
        store.Put(new Key("x", 2), Block(9));

        var back = (long[])store.Get(new Key("x", 1))!;

        Assert.Equal(original, back);
    }

    [Fact]
    public void Remove_SpilledValue_DeletesItsFile()
    {
        using var store = new MemoryStore(memoryLimit: 5_000, directory);
        store.Put(new Key("a"), Block(1));
        store.Put(new Key("b"), Block(2));

        store.Remove(new Key("a"));
        store.Remove(new Key("b"));

        Assert.Empty(Directory.GetFiles(directory));
        Assert.Equal(0, store.MemoryBytes);
        Assert.Equal(0, store.DiskBytes);
    }

    [Fact]
    public void Dispose_DeletesTheSpillDirectory()
    {
        var store = new MemoryStore(memoryLimit: 5_000, directory);
        store.Put(new Key("a"), Block(1));
        store.Put(new Key("b"), Block(2));
        Assert.True(Directory.Exists(directory));

        store.Dispose();

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Put_NoLimit_NeverSpills()
    {
        using var store = new MemoryStore(memoryLimit: 0, directory);
        for (var i = 0; i < 20; i++)
        {
            store.Put(new Key("k", i), Block(i));
        }

        Assert.Equal(0, store.SpilledBytes);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Get_MissingKey_ThrowsNamingIt()
    {
        using var store = new MemoryStore(memoryLimit: 0, directory);

        var error = Assert.Throws<KeyNotFoundException>(() => store.Get(new Key("nope", 4)));

        Assert.Contains("('nope', 4)", error.Message);
    }

    private static long[] Block(long first)
    {
        var block = new long[400];
        block[0] = first;
        return block;
    }

    [Fact]
    public void Remove_OwnedBlock_GivesItsBufferBack()
    {
        RegisterBlockRecycling();
        using var store = new MemoryStore(memoryLimit: 0, directory);
        var block = NDArray<double>.CreateUninitialized([300, 300]);
        store.Put(new Key("a"), block);

        store.Remove(new Key("a"));

        Assert.False(block.IsRecyclable);
        Assert.Empty(block.Data);
    }

    [Fact]
    public void Remove_LeasedBlock_RecycledOnlyWhenTheLastLeaseEnds()
    {
        RegisterBlockRecycling();
        using var store = new MemoryStore(memoryLimit: 0, directory);
        var block = NDArray<double>.CreateUninitialized([300, 300]);
        block.Data.AsSpan().Fill(7);
        store.Put(new Key("a"), block);
        Assert.True(store.TryLease(new Key("a"), out var first));
        Assert.True(store.TryLease(new Key("a"), out var second));

        store.Remove(new Key("a"));
        store.EndLease(first);

        Assert.Same(block, second);
        Assert.Equal(90_000, block.Data.Length);
        Assert.All(block.Data, v => Assert.Equal(7, v));
        store.EndLease(second);
        Assert.Empty(block.Data);
    }

    [Fact]
    public void Put_SameValueAgainUnderItsKey_KeepsIt()
    {
        RegisterBlockRecycling();
        using var store = new MemoryStore(memoryLimit: 0, directory);
        var block = NDArray<double>.CreateUninitialized([300, 300]);
        store.Put(new Key("a"), block);

        store.Put(new Key("a"), block);

        Assert.True(block.IsRecyclable);
        Assert.Same(block, store.Get(new Key("a")));
    }

    [Fact]
    public void Remove_SharedBlock_LeftAlone()
    {
        RegisterBlockRecycling();
        using var store = new MemoryStore(memoryLimit: 0, directory);
        var block = NDArray<double>.CreateUninitialized([300, 300]);
        block.MarkShared();
        store.Put(new Key("a"), block);

        store.Remove(new Key("a"));

        Assert.Equal(90_000, block.Data.Length);
    }

    [Fact]
    public void EndLease_ValueStillHeld_NotRecycled()
    {
        RegisterBlockRecycling();
        using var store = new MemoryStore(memoryLimit: 0, directory);
        var block = NDArray<double>.CreateUninitialized([300, 300]);
        store.Put(new Key("a"), block);
        Assert.True(store.TryLease(new Key("a"), out var leased));

        store.EndLease(leased);
        store.EndLease(leased);

        Assert.True(block.IsRecyclable);
        Assert.Same(block, store.Get(new Key("a")));
    }

    private static void RegisterBlockRecycling() =>
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(MiniDask.Array.DArray).Module.ModuleHandle);
}
