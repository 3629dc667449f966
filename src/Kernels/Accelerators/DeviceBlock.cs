using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// A block that lives in the device memory of a <see cref="DeviceBlocks"/>, seen without its
/// element type: what a scheduler, a worker or a codec needs to move it back to the host.
/// </summary>
public interface IDeviceBlock : IDisposable
{
    /// <summary>The device blocks that hold it.</summary>
    DeviceBlocks Owner { get; }

    /// <summary>The size of each axis, outermost first.</summary>
    ReadOnlySpan<int> Shape { get; }

    /// <summary>The NumPy name of the element type: <c>float64</c> or <c>float32</c>.</summary>
    string DType { get; }

    /// <summary>The CLR element type.</summary>
    Type ElementType { get; }

    /// <summary>The bytes of its elements.</summary>
    long SizeInBytes { get; }

    /// <summary>Whether <see cref="IDisposable.Dispose"/> freed it.</summary>
    bool IsDisposed { get; }

    /// <summary>The block as a host array, copied out of the device the first time (later calls return the same array).</summary>
    /// <exception cref="ObjectDisposedException">The block was freed.</exception>
    INDArray ToHost();
}

/// <summary>
/// A handle to a block that an op of <see cref="DeviceBlocks"/> wrote in device memory: it stays
/// there for the next op that reads it, and crosses to the host only through
/// <see cref="ToHost"/>. Each handle owns its block; <see cref="Dispose"/> frees it.
/// </summary>
/// <typeparam name="T">The element type: float or double.</typeparam>
public sealed class DeviceBlock<T> : IDeviceBlock
    where T : unmanaged, INumber<T>
{
    private readonly int[] shape;
    private int disposed;

    internal DeviceBlock(DeviceBlocks owner, string key, int[] shape)
    {
        Owner = owner;
        Key = key;
        this.shape = shape;
    }

    /// <inheritdoc />
    public DeviceBlocks Owner { get; }

    /// <inheritdoc />
    public ReadOnlySpan<int> Shape => shape;

    /// <summary>The number of axes.</summary>
    public int Rank => shape.Length;

    /// <inheritdoc />
    public string DType => DTypes.NameOf<T>();

    /// <inheritdoc />
    public Type ElementType => typeof(T);

    /// <inheritdoc />
    public long SizeInBytes => (long)Shapes.ElementCount(shape) * Unsafe.SizeOf<T>();

    /// <inheritdoc />
    public bool IsDisposed => Volatile.Read(ref disposed) != 0;

    /// <summary>The block's name in <see cref="DeviceBlocks.Cache"/>.</summary>
    internal string Key { get; }

    /// <summary>The block as a host array, copied out of the device the first time (later calls return the same array).</summary>
    /// <exception cref="ObjectDisposedException">The block was freed.</exception>
    public NDArray<T> ToHost() => Owner.Download(this);

    /// <inheritdoc />
    INDArray IDeviceBlock.ToHost() => ToHost();

    /// <summary>Frees the block's device memory (and its host copy, if one was made); later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Owner.Free(Key);
        }
    }

    /// <summary>Describes the block: dtype, shape and device.</summary>
    public override string ToString() => $"DeviceBlock<{DType}>{Shapes.Format(shape)} on {Owner.Accelerator.Device.Id}";
}
