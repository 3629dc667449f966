using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// A worker's device-resident blocks, by key, under a device-memory limit. Host blocks put in
/// the cache are uploaded at first use; results of ops stay on the device, so a chain of ops
/// (a matmul accumulating partial products, a reduction combining chunks) copies its inputs in
/// once and only the results asked for with <see cref="Get{T}"/> out. Past the limit the least
/// recently used blocks are evicted to host memory (copied out only when the device holds the
/// only current copy) and uploaded again when next used. Thread-safe; ops run one at a time.
/// </summary>
public sealed class DeviceBlockCache : IDisposable
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long clock;

    /// <summary>Creates a cache on <paramref name="accelerator"/> holding at most <paramref name="deviceMemoryLimitBytes"/> of blocks on the device.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not positive.</exception>
    public DeviceBlockCache(Accelerator accelerator, long deviceMemoryLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(deviceMemoryLimitBytes);
        Accelerator = accelerator;
        DeviceMemoryLimitBytes = deviceMemoryLimitBytes;
    }

    /// <summary>The accelerator the blocks live on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The most bytes of blocks kept on the device.</summary>
    public long DeviceMemoryLimitBytes { get; }

    /// <summary>The bytes of blocks now on the device.</summary>
    public long DeviceBytes { get; private set; }

    /// <summary>How many blocks were evicted from the device to host memory.</summary>
    public long Evictions { get; private set; }

    /// <summary>The number of blocks held, on the device or evicted.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>Whether a block named <paramref name="key"/> is held.</summary>
    public bool Contains(string key)
    {
        lock (gate)
        {
            return entries.ContainsKey(key);
        }
    }

    /// <summary>Whether the block named <paramref name="key"/> is on the device now.</summary>
    public bool IsResident(string key)
    {
        lock (gate)
        {
            return entries.TryGetValue(key, out var entry) && entry.IsResident;
        }
    }

    /// <summary>
    /// Holds <paramref name="block"/> (not copied) as <paramref name="key"/>, replacing any block of
    /// that name; it is uploaded when an op first uses it. With <paramref name="dropOnEvict"/> the
    /// cache forgets the block when it evicts it instead of keeping it on the host: for uploads of
    /// host blocks that their owner holds anyway and puts again when it needs them on the device.
    /// </summary>
    /// <exception cref="NotSupportedException">The element type cannot live on a device (see <see cref="DeviceBlocks.Supports{T}"/>).</exception>
    public void Put<T>(string key, NDArray<T> block, bool dropOnEvict = false)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(block);
        if (!DeviceBlocks.Supports<T>())
        {
            throw new NotSupportedException($"Device blocks are float64 or float32; block '{key}' is {block.DType}.");
        }

        lock (gate)
        {
            ReleaseLocked(key);
            entries[key] = new Entry<T>(this, key, block.Shape.ToArray()) { Host = block, DropOnEvict = dropOnEvict };
        }
    }

    /// <summary>The block <paramref name="key"/> on the host, copied out of the device when it is there; it stays in the cache.</summary>
    /// <exception cref="KeyNotFoundException">No block has that name.</exception>
    /// <exception cref="InvalidCastException">The block holds another element type.</exception>
    public NDArray<T> Get<T>(string key)
        where T : unmanaged, INumber<T>
    {
        lock (gate)
        {
            var entry = Find<T>(key);
            entry.EnsureHostCurrent();
            entry.LastUse = ++clock;
            return entry.Host!;
        }
    }

    /// <summary>Gives the block <paramref name="key"/> a new shape of the same element count (row-major, so its elements stay where they are).</summary>
    /// <exception cref="KeyNotFoundException">No block has that name.</exception>
    /// <exception cref="ArgumentException">The new shape holds another number of elements.</exception>
    public void Reshape(string key, params ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            if (!entries.TryGetValue(key, out var entry))
            {
                throw new KeyNotFoundException($"The device block cache holds no block '{key}'.");
            }

            if (Shapes.ElementCount(shape) != Shapes.ElementCount(entry.Shape))
            {
                throw new ArgumentException($"Block '{key}' of shape {Shapes.Format(entry.Shape)} cannot be reshaped to {Shapes.Format(shape)}: the element counts differ.", nameof(shape));
            }

            entry.Reshape(shape.ToArray());
        }
    }

    /// <summary>Drops the block <paramref name="key"/> without copying it out; nothing happens when it is not held.</summary>
    public void Release(string key)
    {
        lock (gate)
        {
            ReleaseLocked(key);
        }
    }

    /// <summary>
    /// <c>c = a · b</c> on the device, or <c>c += a · b</c> when <paramref name="accumulate"/> and
    /// <paramref name="c"/> is held: partial products of a blocked matmul accumulate without leaving the device.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit, or an accumulator of another shape is held.</exception>
    public void Gemm<T>(string a, string b, string c, bool accumulate = false)
        where T : unmanaged, INumber<T> => Run<T>([a, b], c, operands =>
        {
            if (c == a || c == b)
            {
                throw new ArgumentException($"The product of '{a}' and '{b}' cannot be written over an operand.", nameof(c));
            }

            int[] shape = [operands[0].Shape[0], operands[1].Shape.Length == 2 ? operands[1].Shape[1] : 0];
            var keep = accumulate && entries.ContainsKey(c);
            var result = Output<T>(c, shape, keepContents: keep);
            Accelerator.Gemm(operands[0].Buffer!, operands[1].Buffer!, result.Buffer!, keep);
            return result;
        });

    /// <summary><typeparamref name="TOp"/> on each element of block <paramref name="x"/> into block <paramref name="result"/> (which may be <paramref name="x"/>).</summary>
    public void Unary<TOp, T>(string x, string result)
        where TOp : IUnaryOperator<T>
        where T : unmanaged, INumber<T> => Run<T>([x], result, operands =>
        {
            var output = Output<T>(result, operands[0].Shape, keepContents: result == x);
            Accelerator.Unary<TOp, T>(operands[0].Buffer!, output.Buffer!);
            return output;
        });

    /// <summary><typeparamref name="TOp"/> on the elements of blocks <paramref name="x"/> and <paramref name="y"/> broadcast together, into block <paramref name="result"/>.</summary>
    /// <exception cref="ArgumentException">The blocks' shapes do not broadcast.</exception>
    public void Binary<TOp, T>(string x, string y, string result)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T> => Run<T>([x, y], result, operands =>
        {
            var shape = Shapes.Broadcast(operands[0].Shape, operands[1].Shape);
            var output = Output<T>(result, shape, keepContents: result == x || result == y);
            Accelerator.Binary<TOp, T>(operands[0].Buffer!, operands[1].Buffer!, output.Buffer!);
            return output;
        });

    /// <summary><c>alpha · x + beta</c> on each element of block <paramref name="x"/> into block <paramref name="result"/> (which may be <paramref name="x"/>).</summary>
    public void ScaleAdd<T>(string x, T alpha, T beta, string result)
        where T : unmanaged, INumber<T> => Run<T>([x], result, operands =>
        {
            var output = Output<T>(result, operands[0].Shape, keepContents: result == x);
            Accelerator.ScaleAdd(operands[0].Buffer!, alpha, beta, output.Buffer!);
            return output;
        });

    /// <summary>
    /// <typeparamref name="TOp"/> of block <paramref name="x"/> over <paramref name="axes"/> (all
    /// when null) into block <paramref name="result"/>, of the kept axes' shape.
    /// </summary>
    /// <exception cref="ArgumentException">An axis repeats, or an empty extent has no identity.</exception>
    public void Reduce<TOp, T>(string x, int[]? axes, string result)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T> => Run<T>([x], result, operands =>
        {
            if (result == x)
            {
                throw new ArgumentException($"A reduction of block '{x}' cannot write over its input.", nameof(result));
            }

            var plan = ReductionPlan.Create(operands[0].Shape, axes);
            var output = Output<T>(result, plan.KeptShape, keepContents: false);
            Accelerator.Reduce<TOp, T>(operands[0].Buffer!, axes, output.Buffer!);
            return output;
        });

    /// <summary>Frees every device buffer; host blocks are dropped too.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            foreach (var key in entries.Keys.ToArray())
            {
                ReleaseLocked(key);
            }
        }
    }

    private void Run<T>(string[] inputs, string result, Func<Entry<T>[], Entry<T>> op)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (gate)
        {
            var operands = inputs.Select(Find<T>).ToArray();
            foreach (var operand in operands)
            {
                operand.Pinned = true;
            }

            try
            {
                foreach (var operand in operands)
                {
                    operand.EnsureResident();
                    operand.LastUse = ++clock;
                }

                var output = op(operands);
                output.LastUse = ++clock;
                output.MarkDeviceWritten();
            }
            finally
            {
                foreach (var entry in entries.Values)
                {
                    entry.Pinned = false;
                }
            }
        }
    }

    /// <summary>The entry that receives an op's result: the held one of the same type and shape (uploaded first when its contents are kept), else a new one.</summary>
    private Entry<T> Output<T>(string key, int[] shape, bool keepContents)
        where T : unmanaged, INumber<T>
    {
        if (entries.TryGetValue(key, out var existing) && existing is Entry<T> same && same.Shape.AsSpan().SequenceEqual(shape))
        {
            same.Pinned = true;
            if (keepContents)
            {
                same.EnsureResident();
            }
            else
            {
                same.EnsureAllocated();
            }

            return same;
        }

        if (keepContents && existing is not null)
        {
            throw new ArgumentException($"Block '{key}' has shape {Shapes.Format(existing.Shape)}, not {Shapes.Format(shape)}, so the op cannot accumulate into it.");
        }

        ReleaseLocked(key);
        var entry = new Entry<T>(this, key, shape) { Pinned = true };
        entries[key] = entry;
        entry.EnsureAllocated();
        return entry;
    }

    private Entry<T> Find<T>(string key)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!entries.TryGetValue(key, out var entry))
        {
            throw new KeyNotFoundException($"The device block cache holds no block '{key}'.");
        }

        return entry as Entry<T> ?? throw new InvalidCastException($"Block '{key}' holds {entry.DType}, not {DTypes.NameOf<T>()}.");
    }

    private void ReleaseLocked(string key)
    {
        if (entries.Remove(key, out var entry))
        {
            entry.FreeDevice();
        }
    }

    /// <summary>Evicts least recently used unpinned blocks until <paramref name="bytes"/> more fit under the limit.</summary>
    private void MakeRoom(long bytes, string forKey)
    {
        while (DeviceBytes + bytes > DeviceMemoryLimitBytes)
        {
            var victim = entries.Values.Where(e => e.IsResident && !e.Pinned).MinBy(e => e.LastUse)
                ?? throw new InvalidOperationException(
                    $"Block '{forKey}' needs {bytes} bytes but only {DeviceMemoryLimitBytes - DeviceBytes} of the cache's {DeviceMemoryLimitBytes}-byte device limit are free, and every resident block is an operand of the running op.");
            if (victim.DropOnEvict && victim.IsHostCurrent)
            {
                ReleaseLocked(victim.Key);
            }
            else
            {
                victim.EnsureHostCurrent();
                victim.FreeDevice();
            }

            Evictions++;
        }
    }

    private abstract class Entry(DeviceBlockCache cache, string key, int[] shape, long bytes, string dtype)
    {
        public DeviceBlockCache Cache { get; } = cache;

        public string Key { get; } = key;

        public int[] Shape { get; protected set; } = shape;

        public long Bytes { get; } = bytes;

        public string DType { get; } = dtype;

        public long LastUse { get; set; }

        public bool Pinned { get; set; }

        public bool DropOnEvict { get; init; }

        public abstract bool IsResident { get; }

        public abstract bool IsHostCurrent { get; }

        public abstract void Reshape(int[] shape);

        public abstract void EnsureHostCurrent();

        public abstract void FreeDevice();
    }

    private sealed class Entry<T>(DeviceBlockCache cache, string key, int[] shape)
        : Entry(cache, key, shape, (long)Shapes.ElementCount(shape) * System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), DTypes.NameOf<T>())
        where T : unmanaged, INumber<T>
    {
        public NDArray<T>? Host { get; set; }

        public DeviceBuffer<T>? Buffer { get; private set; }

        public override bool IsResident => Buffer is not null;

        public override bool IsHostCurrent => Host is not null;

        public override void Reshape(int[] shape)
        {
            Shape = shape;
            Host = Host?.Reshape(shape);
            Buffer?.Reshape(shape);
        }

        public void EnsureAllocated()
        {
            if (Buffer is null)
            {
                Cache.MakeRoom(Bytes, Key);
                Buffer = Cache.Accelerator.Allocate<T>(Shape);
                Cache.DeviceBytes += Bytes;
            }
        }

        public void EnsureResident()
        {
            if (Buffer is null)
            {
                var host = Host ?? throw new InvalidOperationException($"Block '{Key}' has no contents on the host or the device.");
                EnsureAllocated();
                Buffer!.CopyFromHost(host.Span);
            }
        }

        // The device now holds the only current copy; a stale host copy would waste memory.
        public void MarkDeviceWritten() => Host = null;

        public override void EnsureHostCurrent()
        {
            if (Host is null)
            {
                var host = NDArray<T>.CreateUninitialized(Shape);
                Buffer!.CopyToHost(host.Memory);
                Cache.Accelerator.Synchronize();
                Host = host;
            }
        }

        public override void FreeDevice()
        {
            if (Buffer is not null)
            {
                Buffer.Dispose();
                Buffer = null;
                Cache.DeviceBytes -= Bytes;
            }
        }
    }
}
