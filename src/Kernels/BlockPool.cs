namespace MiniDask.Kernels;

/// <summary>
/// Reuses the buffers of large blocks the engine no longer needs. A fresh multi-megabyte buffer
/// costs a page fault per 4 KiB page the first time it is written, which on many machines
/// costs more than the block math itself; a recycled buffer is already mapped. Buffers are kept
/// per element type and exact length (blocks of one array share their length), up to
/// <see cref="Capacity"/> bytes in all, the oldest dropped first.
/// </summary>
/// <remarks>
/// Buffers of at least <see cref="MinimumBytes"/> are shared by every thread. Smaller ones are
/// kept by the thread that gave them back, up to <see cref="SmallBytesPerThread"/> bytes per
/// thread: a task made of many small blocks (a fused chain over 20 x 20 blocks, say) then reuses
/// the buffers its previous task released instead of filling the heap with short-lived arrays for
/// the garbage collector, and no lock is taken for them. The capacity defaults to 512 MiB (or a
/// sixteenth of the memory available to the process, if less) and can be set with the
/// <c>MINIDASK_BLOCK_POOL_MB</c> environment variable or <see cref="Capacity"/>; 0 turns pooling off.
/// </remarks>
public static class BlockPool
{
    /// <summary>Buffers smaller than this many bytes are pooled per thread rather than shared.</summary>
    public const int MinimumBytes = 256 * 1024;

    /// <summary>The most bytes of small buffers (below <see cref="MinimumBytes"/>) each thread keeps.</summary>
    public const int SmallBytesPerThread = 1 << 20;

    /// <summary>The most small buffers each thread keeps, whatever their size.</summary>
    private const int SmallSlots = 32;

    [ThreadStatic]
    private static SmallBuffers? small;

    private static readonly object Gate = new();

    // Free buffers, oldest first. Few are kept at a time (they are large), so a scan is cheap.
    private static readonly List<(System.Array Buffer, long Bytes)> Free = [];
    private static long capacity = DefaultCapacity();
    private static long pooledBytes;
    private static long reused;

    /// <summary>The most bytes the pool keeps; setting it lower drops the oldest buffers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static long Capacity
    {
        get => Interlocked.Read(ref capacity);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (Gate)
            {
                capacity = value;
                EvictTo(value);
            }
        }
    }

    /// <summary>Bytes held by pooled buffers now.</summary>
    public static long PooledBytes => Interlocked.Read(ref pooledBytes);

    /// <summary>How many rentals were served by a recycled buffer since the process started.</summary>
    public static long Reused => Interlocked.Read(ref reused);

    /// <summary>
    /// A buffer of exactly <paramref name="length"/> elements whose contents are unspecified: a
    /// recycled one where the pool has one, a new uninitialized one otherwise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static T[] Rent<T>(int length)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!IsPoolable<T>(length))
        {
            if (small?.Take<T>(length) is { } kept)
            {
                Interlocked.Increment(ref reused);
                return kept;
            }

            return GC.AllocateUninitializedArray<T>(length);
        }

        lock (Gate)
        {
            for (var i = Free.Count - 1; i >= 0; i--)
            {
                if (Free[i].Buffer is T[] buffer && buffer.Length == length)
                {
                    Free.RemoveAt(i);
                    pooledBytes -= BytesOf<T>(length);
                    reused++;
                    return buffer;
                }
            }
        }

        return GC.AllocateUninitializedArray<T>(length);
    }

    /// <summary>
    /// Gives <paramref name="buffer"/> back for reuse. The caller must hold the only reference
    /// the engine will use again: after this call the buffer may be handed to another block.
    /// Buffers too small to pool, or that do not fit under <see cref="Capacity"/>, are left to the garbage collector.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
    public static void Return<T>(T[] buffer)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!IsPoolable<T>(buffer.Length))
        {
            if (buffer.Length > 0 && Interlocked.Read(ref capacity) > 0)
            {
                (small ??= new SmallBuffers()).Keep(buffer, BytesOf<T>(buffer.Length));
            }

            return;
        }

        var bytes = BytesOf<T>(buffer.Length);
        lock (Gate)
        {
            if (bytes > capacity)
            {
                return;
            }

            EvictTo(capacity - bytes);
            Free.Add((buffer, bytes));
            pooledBytes += bytes;
        }
    }

    /// <summary>Drops every pooled buffer, leaving them to the garbage collector (the calling thread's small buffers too).</summary>
    public static void Trim()
    {
        small = null;
        lock (Gate)
        {
            EvictTo(0);
        }
    }

    private static bool IsPoolable<T>(int length)
        where T : unmanaged => BytesOf<T>(length) >= MinimumBytes && Interlocked.Read(ref capacity) > 0;

    private static long BytesOf<T>(int length)
        where T : unmanaged => (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    /// <summary>Drops the oldest pooled buffers until at most <paramref name="limit"/> bytes remain. Caller holds the lock.</summary>
    private static void EvictTo(long limit)
    {
        var drop = 0;
        while (pooledBytes > limit && drop < Free.Count)
        {
            pooledBytes -= Free[drop++].Bytes;
        }

        Free.RemoveRange(0, drop);
    }

    private static long DefaultCapacity()
    {
        var configured = Environment.GetEnvironmentVariable("MINIDASK_BLOCK_POOL_MB");
        if (long.TryParse(configured, out var megabytes) && megabytes >= 0)
        {
            return megabytes * 1024 * 1024;
        }

        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Min(512L * 1024 * 1024, available > 0 ? available / 16 : 512L * 1024 * 1024);
    }

    /// <summary>A thread's small free buffers: a few slots, scanned for an exact type and length.</summary>
    private sealed class SmallBuffers
    {
        private readonly System.Array?[] slots = new System.Array?[SmallSlots];
        private long bytes;

        public T[]? Take<T>(int length)
            where T : unmanaged
        {
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] is T[] buffer && buffer.Length == length)
                {
                    slots[i] = null;
                    bytes -= BytesOf<T>(length);
                    return buffer;
                }
            }

            return null;
        }

        public void Keep(System.Array buffer, long size)
        {
            if (bytes + size > SmallBytesPerThread)
            {
                return;
            }

            var free = System.Array.IndexOf(slots, null);
            if (free >= 0)
            {
                slots[free] = buffer;
                bytes += size;
            }
        }
    }
}
