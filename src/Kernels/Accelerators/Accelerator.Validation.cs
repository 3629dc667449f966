using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

public abstract partial class Accelerator
{
    /// <summary>The mean over all elements, or along <paramref name="axis"/> of a 2-D buffer when given, as a sum scaled on the device.</summary>
    /// <exception cref="ArgumentException">The result length is wrong, or the reduced extent is empty.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Mean<T>(DeviceBuffer<T> x, int? axis, DeviceBuffer<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var count = ReducedCount(x, axis);
        SumInto(x, axis, result);
        ScaleAdd(result, T.One / T.CreateChecked(count), T.Zero, result);
    }

    /// <summary>
    /// The variance with <paramref name="ddof"/> delta degrees of freedom, over all elements or
    /// along <paramref name="axis"/>, from the sum and the sum of squares reduced on the device:
    /// <c>(Σx² − (Σx)²/n) / (n − ddof)</c>. Like any sum-of-squares formula it loses precision
    /// when the mean is large against the spread.
    /// </summary>
    /// <exception cref="ArgumentException">The result length is wrong, or <c>n − ddof</c> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Var<T>(DeviceBuffer<T> x, int? axis, DeviceBuffer<T> result, int ddof = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var count = ReducedCount(x, axis);
        if (count - ddof <= 0)
        {
            throw new ArgumentException($"The variance of {count} elements with ddof={ddof} needs n - ddof > 0.", nameof(ddof));
        }

        using var squares = Allocate<T>(x.Shape);
        using var sumOfSquares = Allocate<T>(result.Shape);
        Binary(BinaryOp.Multiply, x, x, squares);
        SumInto(squares, axis, sumOfSquares);
        SumInto(x, axis, result);
        Binary(BinaryOp.Multiply, result, result, result);
        ScaleAdd(result, -T.One / T.CreateChecked(count), T.Zero, result);
        Binary(BinaryOp.Add, sumOfSquares, result, result);
        ScaleAdd(result, T.One / T.CreateChecked(count - ddof), T.Zero, result);

        // The temporaries are freed when this returns, so their work must be finished first.
        Synchronize();
    }

    private void SumInto<T>(DeviceBuffer<T> x, int? axis, DeviceBuffer<T> result)
        where T : unmanaged, INumber<T>
    {
        if (axis is { } a)
        {
            Reduce(ReductionOp.Sum, x, a, result);
        }
        else
        {
            Reduce(ReductionOp.Sum, x, result);
        }
    }

    private long ReducedCount<T>(DeviceBuffer<T> x, int? axis)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        long count = x.Length;
        if (axis is { } a)
        {
            var (rows, cols, normalized) = CheckAxis(x, a);
            count = normalized == 0 ? rows : cols;
        }

        return count > 0 ? count : throw new ArgumentException($"The mean or variance of {x} over an empty extent is undefined.", nameof(x));
    }

    private static (int Rows, int Cols, int Axis) CheckAxis<T>(DeviceBuffer<T> x, int axis)
        where T : unmanaged, INumber<T>
    {
        if (x.Shape.Length != 2)
        {
            throw new ArgumentException($"An axis reduction needs a 2-D buffer; {x} is not.", nameof(x));
        }

        return (x.Shape[0], x.Shape[1], Shapes.NormalizeAxis(axis, 2));
    }

    private void ThrowIfForeign<T>(DeviceBuffer<T> buffer, string name)
        where T : unmanaged, INumber<T>
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(buffer, name);
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        if (!ReferenceEquals(buffer.Accelerator, this))
        {
            throw new ArgumentException($"{buffer} belongs to another accelerator than {Device.Id} ({GetType().Name}); copy it through the host first.", name);
        }
    }

    private static void ThrowIfLengthsDiffer<T>(DeviceBuffer<T> x, DeviceBuffer<T> other, string name)
        where T : unmanaged, INumber<T>
    {
        if (x.Length != other.Length)
        {
            throw new ArgumentException($"Elementwise ops need buffers of equal length; got {Shapes.Format(x.Shape)} and {Shapes.Format(other.Shape)}.", name);
        }
    }

    private static void ThrowIfEmptyWithoutIdentity<T>(ReductionOp op, int extent, DeviceBuffer<T> x)
        where T : unmanaged, INumber<T>
    {
        if (extent == 0 && op != ReductionOp.Sum)
        {
            throw new ArgumentException($"A {op} over an empty extent of {x} has no identity.", nameof(x));
        }
    }

    private static void ThrowIfUndefined<TEnum>(TEnum op)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(op))
        {
            throw new ArgumentException($"Unknown {typeof(TEnum).Name} {op}.", nameof(op));
        }
    }

    private static void ThrowIfUnsupported<T>()
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw new NotSupportedException($"Accelerators run float64 and float32 blocks; {typeof(T).Name} is not supported.");
        }
    }
}
