namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>A block of page-locked host memory from <c>cuMemAllocHost_v2</c>.</summary>
internal readonly record struct PinnedBlock(nint Pointer, nuint Bytes);

/// <summary>
/// Reuses page-locked staging buffers for asynchronous host↔device copies, since allocating
/// pinned memory is slow. Used only on the GPU thread; keeps at most <see cref="MaxCachedBytes"/> free.
/// </summary>
internal sealed unsafe class PinnedHostPool(CudaDriver driver) : IDisposable
{
    /// <summary>The most free pinned memory kept for reuse.</summary>
    public const long MaxCachedBytes = 1L << 30;

    private readonly List<PinnedBlock> free = [];
    private long cachedBytes;

    /// <summary>A free block of at least <paramref name="bytes"/> bytes (the smallest that fits), or a new one.</summary>
    public PinnedBlock Rent(nuint bytes)
    {
        var best = -1;
        for (var i = 0; i < free.Count; i++)
        {
            if (free[i].Bytes >= bytes && (best < 0 || free[i].Bytes < free[best].Bytes))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            var block = free[best];
            free.RemoveAt(best);
            cachedBytes -= (long)block.Bytes;
            return block;
        }

        void* pointer;
        driver.Check(driver.cuMemAllocHost_v2(&pointer, bytes));
        return new PinnedBlock((nint)pointer, bytes);
    }

    /// <summary>Gives a block back, freeing it when the pool already holds enough.</summary>
    public void Return(PinnedBlock block)
    {
        if (cachedBytes + (long)block.Bytes > MaxCachedBytes)
        {
            driver.Check(driver.cuMemFreeHost((void*)block.Pointer));
            return;
        }

        free.Add(block);
        cachedBytes += (long)block.Bytes;
    }

    /// <summary>Frees every cached block.</summary>
    public void Dispose()
    {
        foreach (var block in free)
        {
            driver.Check(driver.cuMemFreeHost((void*)block.Pointer));
        }

        free.Clear();
        cachedBytes = 0;
    }
}
