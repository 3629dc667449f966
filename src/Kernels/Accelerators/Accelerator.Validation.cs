using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>Argument checks shared by every op.</summary>
public abstract partial class Accelerator
{
    private static T IdentityOf<TOp, T>(DeviceBuffer<T> x)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        try
        {
            // The op's own host aggregate of nothing is its identity (0 for sum, 1 for prod); ops without one throw.
            return TOp.Aggregate([]);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"A {TOp.Name} over an empty extent of {x} has no identity.", nameof(x), e);
        }
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

    private static void ThrowIfShapeDiffers<T>(ReadOnlySpan<int> expected, DeviceBuffer<T> result, string op)
        where T : unmanaged, INumber<T>
    {
        if (!expected.SequenceEqual(result.Shape))
        {
            throw new ArgumentException($"The {op} result must have shape {Shapes.Format(expected)}; the result buffer has shape {Shapes.Format(result.Shape)}.", nameof(result));
        }
    }

    private static void ThrowIfCountDiffers<T>(int expected, DeviceBuffer<T> result, string op)
        where T : unmanaged, INumber<T>
    {
        if (result.Length != expected)
        {
            throw new ArgumentException($"The {op} writes {expected} elements, but the result buffer has shape {Shapes.Format(result.Shape)}.", nameof(result));
        }
    }

    private static void ThrowIfNotFloat<T>(string op)
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            throw new NotSupportedException($"The device {op} runs float64 and float32 buffers; {DTypes.NameOf(typeof(T))} is not supported.");
        }
    }

    private static void ThrowIfUnsupported<T>()
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float) && typeof(T) != typeof(int) && typeof(T) != typeof(long) && typeof(T) != typeof(Bool))
        {
            throw new NotSupportedException($"Device buffers hold float64, float32, int32, int64 or bool elements; {typeof(T).Name} is not supported.");
        }
    }
}
