using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// The block math of one scheduler or worker on its accelerator. Results of ops are
/// <see cref="DeviceBlock{T}"/> handles that stay in device memory for the next op (a matmul's
/// partial products are summed there, a reduction's chunks are combined there), held in a
/// <see cref="DeviceBlockCache"/> under a device-memory limit that evicts the least recently used
/// blocks to the host. Operands may be host blocks (<see cref="NDArray{T}"/>) or device blocks of
/// this instance; a host block is uploaded once and its upload reused by later ops until the
/// owner gives it up with <see cref="Release"/> (or the cache needs the room). Only
/// <see cref="ToHost"/> copies a block out. Thread-safe; ops are enqueued one at a time.
/// </summary>
public sealed class DeviceBlocks : IDisposable
{
    private readonly ConditionalWeakTable<object, string> uploads = [];
    private readonly Lock gate = new();
    private readonly bool ownsAccelerator;
    private long nextKey;
    private bool disposed;

    /// <summary>
    /// Creates the device blocks of <paramref name="accelerator"/>, keeping at most
    /// <paramref name="deviceMemoryLimitBytes"/> of blocks in its memory; with
    /// <paramref name="ownsAccelerator"/> the accelerator is disposed with them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not positive.</exception>
    public DeviceBlocks(Accelerator accelerator, long deviceMemoryLimitBytes, bool ownsAccelerator = false)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        Cache = new DeviceBlockCache(accelerator, deviceMemoryLimitBytes);
        this.ownsAccelerator = ownsAccelerator;
    }

    /// <summary>The accelerator the blocks live on.</summary>
    public Accelerator Accelerator => Cache.Accelerator;

    /// <summary>The cache that holds the blocks: its limit, the bytes on the device and the evictions so far.</summary>
    public DeviceBlockCache Cache { get; }

    /// <summary>The most axes a block on the device may have.</summary>
    public const int MaxRank = Ilgpu.Dims.MaxRank;

    /// <summary>Whether blocks of <typeparamref name="T"/> can live on a device (float and double can).</summary>
    public static bool Supports<T>()
        where T : unmanaged, INumber<T> => typeof(T) == typeof(double) || typeof(T) == typeof(float);

    /// <summary>The matrix product <c>a · b</c> of two 2-D blocks, each on the host or on this device; the result stays on the device.</summary>
    /// <exception cref="ArgumentException">An operand is not a 2-D block of <typeparamref name="T"/> here, or the inner sizes differ.</exception>
    /// <exception cref="ObjectDisposedException">An operand or the device blocks were disposed.</exception>
    public DeviceBlock<T> Multiply<T>(object a, object b)
        where T : unmanaged, INumber<T>
    {
        var (sa, sb) = (ShapeOf<T>(a, nameof(a)), ShapeOf<T>(b, nameof(b)));
        if (sa.Length != 2 || sb.Length != 2 || sa[1] != sb[0])
        {
            throw new ArgumentException(
                $"A device block product needs 2-D blocks (m, k) · (k, n); got {Shapes.Format(sa)} · {Shapes.Format(sb)}.");
        }

        lock (gate)
        {
            var result = NewKey("product");
            Cache.Gemm<T>(Operand<T>(a), Operand<T>(b), result);
            return new DeviceBlock<T>(this, result, [sa[0], sb[1]]);
        }
    }

    /// <summary>
    /// <typeparamref name="TOp"/> of a block over <paramref name="axes"/> (all of them when null),
    /// with the result given <paramref name="resultShape"/> (such as the reduced axes kept with
    /// size 1); the result stays on the device.
    /// </summary>
    /// <exception cref="ArgumentException">An axis repeats, the result shape holds another number of elements, or an empty extent has no identity.</exception>
    /// <exception cref="NotSupportedException">The block has more axes than device kernels take (8).</exception>
    public DeviceBlock<T> Reduce<TOp, T>(object x, int[]? axes, params int[] resultShape)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(resultShape);
        var shape = ShapeOf<T>(x, nameof(x));
        var plan = ReductionPlan.Create(shape, axes);
        if (Shapes.ElementCount(resultShape) != plan.Outputs)
        {
            throw new ArgumentException(
                $"A {TOp.Name} of {Shapes.Format(shape)} {(axes is null ? "over all elements" : $"along axes [{string.Join(", ", axes)}]")} has {plan.Outputs} elements, not the {Shapes.ElementCount(resultShape)} of {Shapes.Format(resultShape)}.",
                nameof(resultShape));
        }

        lock (gate)
        {
            var result = NewKey("reduce");
            Cache.Reduce<TOp, T>(Operand<T>(x), axes, result);
            Cache.Reshape(result, resultShape);
            return new DeviceBlock<T>(this, result, resultShape);
        }
    }

    /// <summary>
    /// <typeparamref name="TOp"/> on the elements of two blocks (host or device) or scalars
    /// broadcast together as NumPy does; the result stays on the device.
    /// </summary>
    /// <exception cref="ArgumentException">An operand is neither a block of <typeparamref name="T"/> here nor a <typeparamref name="T"/>, or the shapes do not broadcast.</exception>
    public DeviceBlock<T> Binary<TOp, T>(object x, object y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        var (sx, sy) = (ShapeOf<T>(Block<T>(x), nameof(x)), ShapeOf<T>(Block<T>(y), nameof(y)));
        var shape = Shapes.Broadcast(sx, sy);
        lock (gate)
        {
            var (kx, ky) = (Operand<T>(Block<T>(x)), Operand<T>(Block<T>(y)));
            var result = NewKey("binary");
            try
            {
                Cache.Binary<TOp, T>(kx, ky, result);
            }
            finally
            {
                ReleaseScalar<T>(x, kx);
                ReleaseScalar<T>(y, ky);
            }

            return new DeviceBlock<T>(this, result, shape);
        }
    }

    /// <summary>
    /// Merges blocks of equal size elementwise with <typeparamref name="TOp"/>'s combine, in order
    /// (<c>((b0 op b1) op b2) ...</c>), into a new block of <paramref name="resultShape"/>: the
    /// combine step of a tree reduction. One block is copied on the device.
    /// </summary>
    /// <exception cref="ArgumentException">No blocks are given, their shapes differ, or their element counts differ from the result shape's.</exception>
    public DeviceBlock<T> Combine<TOp, T>(IReadOnlyList<object> blocks, params int[] resultShape)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(resultShape);
        if (blocks.Count == 0)
        {
            throw new ArgumentException("A device combine needs at least one block.", nameof(blocks));
        }

        var length = Shapes.ElementCount(resultShape);
        var first = ShapeOf<T>(blocks[0], nameof(blocks));
        for (var i = 0; i < blocks.Count; i++)
        {
            var shape = ShapeOf<T>(blocks[i], nameof(blocks));
            if (Shapes.ElementCount(shape) != length || !shape.AsSpan().SequenceEqual(first))
            {
                throw new ArgumentException(
                    $"A device combine into {Shapes.Format(resultShape)} needs blocks of one shape with {length} elements; block {i} has shape {Shapes.Format(shape)}, block 0 {Shapes.Format(first)}.", nameof(blocks));
            }
        }

        lock (gate)
        {
            var result = NewKey("combine");
            if (blocks.Count == 1)
            {
                // x·1 + (-0) is x exactly, signed zeros included: a device-side copy.
                Cache.ScaleAdd(Operand<T>(blocks[0]), T.One, -T.Zero, result);
            }
            else
            {
                Cache.Binary<CombineOperator<TOp, T>, T>(Operand<T>(blocks[0]), Operand<T>(blocks[1]), result);
                for (var i = 2; i < blocks.Count; i++)
                {
                    Cache.Binary<CombineOperator<TOp, T>, T>(result, Operand<T>(blocks[i]), result);
                }
            }

            Cache.Reshape(result, resultShape);
            return new DeviceBlock<T>(this, result, resultShape);
        }
    }

    /// <summary>Each element of a block divided by <paramref name="divisor"/>, as a new block on the device (the last step of a mean).</summary>
    /// <exception cref="ArgumentException">The operand is not a block of <typeparamref name="T"/> here.</exception>
    public DeviceBlock<T> Divide<T>(object x, T divisor)
        where T : unmanaged, INumber<T> => Binary<DivideOperator<T>, T>(x, divisor);

    /// <summary>
    /// <paramref name="value"/> as it may leave the device: a device block of this instance as its
    /// host array (copied out once), a list (<c>object?[]</c>) with its items converted, anything
    /// else as it is.
    /// </summary>
    /// <exception cref="ObjectDisposedException">A device block in it was freed.</exception>
    public object? ToHost(object? value)
    {
        switch (value)
        {
            case IDeviceBlock block when ReferenceEquals(block.Owner, this):
                return block.ToHost();
            case object?[] items:
                object?[]? converted = null;
                for (var i = 0; i < items.Length; i++)
                {
                    var item = ToHost(items[i]);
                    if (!ReferenceEquals(item, items[i]))
                    {
                        converted ??= (object?[])items.Clone();
                        converted[i] = item;
                    }
                }

                return converted ?? items;
            default:
                return value;
        }
    }

    /// <summary>
    /// Gives up <paramref name="value"/>: a device block of this instance is freed, the upload of
    /// a host block is dropped, and the items of a list are given up in turn. Anything else is left alone.
    /// </summary>
    public void Release(object? value)
    {
        switch (value)
        {
            case IDeviceBlock block when ReferenceEquals(block.Owner, this):
                block.Dispose();
                break;
            case INDArray host:
                lock (gate)
                {
                    if (uploads.TryGetValue(host, out var key))
                    {
                        uploads.Remove(host);
                        Cache.Release(key);
                    }
                }

                break;
            case object?[] items:
                foreach (var item in items)
                {
                    Release(item);
                }

                break;
        }
    }

    /// <summary>Frees every block on the device (and the accelerator, when owned).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Cache.Dispose();
            uploads.Clear();
        }

        if (ownsAccelerator)
        {
            Accelerator.Dispose();
        }
    }

    /// <summary>Describes the device blocks: the device, the blocks held and the limit.</summary>
    public override string ToString() =>
        $"device blocks on {Accelerator.Device.Id}: {Cache.Count} blocks, {Cache.DeviceBytes} of {Cache.DeviceMemoryLimitBytes} bytes on the device";

    internal NDArray<T> Download<T>(DeviceBlock<T> block)
        where T : unmanaged, INumber<T>
    {
        lock (gate)
        {
            ThrowIfFreed(block);
            return Cache.Get<T>(block.Key);
        }
    }

    internal void Free(string key)
    {
        lock (gate)
        {
            if (!disposed)
            {
                Cache.Release(key);
            }
        }
    }

    private static int[] ShapeOf<T>(object block, string name)
        where T : unmanaged, INumber<T> => block switch
        {
            NDArray<T> host => host.Shape.ToArray(),
            DeviceBlock<T> device => device.Shape.ToArray(),
            null => throw new ArgumentNullException(name),
            _ => throw new ArgumentException(
                $"Device block math takes NDArray<{DTypes.NameOf<T>()}> or DeviceBlock<{DTypes.NameOf<T>()}> operands; got {block.GetType().Name}.", name),
        };

    /// <summary>A scalar operand as a one-element host block, which broadcasts; blocks as they are.</summary>
    private static object Block<T>(object operand)
        where T : unmanaged, INumber<T> => operand is T scalar ? NDArray<T>.Scalar(scalar) : operand;

    /// <summary>Drops the upload of a scalar operand, which nobody else holds.</summary>
    private void ReleaseScalar<T>(object operand, string key)
        where T : unmanaged, INumber<T>
    {
        if (operand is T)
        {
            Cache.Release(key);
        }
    }

    private static void ThrowIfFreed(IDeviceBlock block) => ObjectDisposedException.ThrowIf(block.IsDisposed, block);

    /// <summary>The cache key of an operand: a device block's own, or the upload of a host block (made now if it has none). Caller holds the lock.</summary>
    private string Operand<T>(object block)
        where T : unmanaged, INumber<T>
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        switch (block)
        {
            case DeviceBlock<T> device:
                ThrowIfFreed(device);
                return ReferenceEquals(device.Owner, this)
                    ? device.Key
                    : throw new ArgumentException($"{device} belongs to other device blocks; copy it through the host first.", nameof(block));
            case NDArray<T> host:
                if (uploads.TryGetValue(host, out var key) && Cache.Contains(key))
                {
                    return key;
                }

                key = NewKey("upload");
                Cache.Put(key, host, dropOnEvict: true);
                uploads.AddOrUpdate(host, key);
                return key;
            default:
                throw new ArgumentException($"Device block math takes NDArray<{DTypes.NameOf<T>()}> or DeviceBlock<{DTypes.NameOf<T>()}> operands; got {block.GetType().Name}.", nameof(block));
        }
    }

    private string NewKey(string kind) => $"{kind}-{Interlocked.Increment(ref nextKey)}";
}
