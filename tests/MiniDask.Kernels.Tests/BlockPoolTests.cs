using MiniDask.Kernels;

namespace MiniDask.Kernels.Tests;

/// <summary>The pool is process-wide: these tests change its capacity, so they run alone.</summary>
[CollectionDefinition(nameof(BlockPoolTests), DisableParallelization = true)]
public sealed class BlockPoolCollection;

[Collection(nameof(BlockPoolTests))]
public class BlockPoolTests
{
    [Fact]
    public void Rent_AfterReturn_GivesTheSameBuffer()
    {
        var buffer = BlockPool.Rent<double>(65_537);
        BlockPool.Return(buffer);

        var again = BlockPool.Rent<double>(65_537);

        Assert.Same(buffer, again);
    }

    [Fact]
    public void Rent_OtherLengthOrType_DoesNotReuse()
    {
        var buffer = BlockPool.Rent<double>(65_539);
        BlockPool.Return(buffer);

        Assert.NotSame(buffer, BlockPool.Rent<double>(65_541));
        Assert.Equal(131_078, BlockPool.Rent<float>(131_078).Length);
        Assert.Same(buffer, BlockPool.Rent<double>(65_539));
    }

    [Fact]
    public void Return_SmallBuffer_IsReusedByTheSameThreadOnly()
    {
        var small = BlockPool.Rent<double>(1000);
        BlockPool.Return(small);

        double[]? elsewhere = null;
        var other = new Thread(() => elsewhere = BlockPool.Rent<double>(1000));
        other.Start();
        other.Join();

        Assert.NotSame(small, elsewhere);
        Assert.NotSame(small, BlockPool.Rent<double>(999));
        Assert.Same(small, BlockPool.Rent<double>(1000));
        Assert.NotSame(small, BlockPool.Rent<double>(1000));
    }

    [Fact]
    public void Return_SmallBuffersPastTheThreadsBudget_AreLeftToTheCollector()
    {
        BlockPool.Trim();
        const int length = 30_000;
        var count = (BlockPool.SmallBytesPerThread / (length * sizeof(double))) + 1;
        var buffers = Enumerable.Range(0, count).Select(_ => BlockPool.Rent<double>(length)).ToList();
        buffers.ForEach(BlockPool.Return);

        var again = Enumerable.Range(0, count).Select(_ => BlockPool.Rent<double>(length)).ToList();

        Assert.Equal(count - 1, again.Count(b => buffers.Any(old => ReferenceEquals(old, b))));
    }

    [Fact]
    public void Capacity_Lowered_DropsTheOldestBuffersFirst()
    {
        var saved = BlockPool.Capacity;
        try
        {
            BlockPool.Trim();
            BlockPool.Capacity = 3 * 65_543 * sizeof(double);
            var first = BlockPool.Rent<double>(65_543);
            var second = BlockPool.Rent<double>(65_543);
            var third = BlockPool.Rent<double>(65_543);
            BlockPool.Return(first);
            BlockPool.Return(second);
            BlockPool.Return(third);

            BlockPool.Capacity = 2 * 65_543 * sizeof(double);

            Assert.Equal(2L * 65_543 * sizeof(double), BlockPool.PooledBytes);
            var kept = new[] { BlockPool.Rent<double>(65_543), BlockPool.Rent<double>(65_543) };
            Assert.Contains(kept, k => ReferenceEquals(k, second));
            Assert.Contains(kept, k => ReferenceEquals(k, third));
            Assert.DoesNotContain(kept, k => ReferenceEquals(k, first));
        }
        finally
        {
            BlockPool.Capacity = saved;
        }
    }

    [Fact]
    public void Capacity_Zero_TurnsPoolingOff()
    {
        var saved = BlockPool.Capacity;
        try
        {
            BlockPool.Capacity = 0;
            var buffer = BlockPool.Rent<double>(65_551);
            BlockPool.Return(buffer);

            Assert.Equal(0, BlockPool.PooledBytes);
            Assert.NotSame(buffer, BlockPool.Rent<double>(65_551));
        }
        finally
        {
            BlockPool.Capacity = saved;
        }
    }

    [Fact]
    public void Recycle_FreshArray_ReturnsItsBufferAndEmptiesIt()
    {
        var array = NDArray<double>.CreateUninitialized([257, 256]);
        var buffer = array.Data;

        Assert.True(array.IsRecyclable);
        Assert.True(array.Recycle());

        Assert.Empty(array.Data);
        Assert.False(array.Recycle());
        Assert.Same(buffer, BlockPool.Rent<double>(257 * 256));
    }

    [Fact]
    public void Recycle_SharedOrWrappedArray_KeepsItsBuffer()
    {
        var shared = NDArray<double>.CreateUninitialized([259, 256]);
        shared.MarkShared();
        var viewed = NDArray<double>.CreateUninitialized([263, 256]);
        var view = viewed.Reshape(256, 263);
        var wrapped = new NDArray<double>(new double[65_536], [65_536]);

        Assert.False(shared.Recycle());
        Assert.False(viewed.Recycle());
        Assert.False(view.Recycle());
        Assert.False(wrapped.Recycle());
        Assert.Equal(263 * 256, view.Data.Length);
        Assert.True(view.SharesBufferWith(viewed));
    }
}
