using System.Numerics;

namespace MiniDask.Kernels.Accelerators;

/// <summary>Mean, variance and standard deviation, composed of the device's own kernels.</summary>
public abstract partial class Accelerator
{
    /// <summary>Enqueues the mean over <paramref name="axes"/> (all when null): the sum scaled by one over the count, on the device.</summary>
    /// <exception cref="ArgumentException">The result holds another number of elements, or the reduced extent is empty.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Mean<T>(DeviceBuffer<T> x, int[]? axes, DeviceBuffer<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var count = ReducedCount(x, axes);
        Reduce<SumOperator<T>, T>(x, axes, result);
        ScaleAdd(result, T.One / T.CreateChecked(count), T.Zero, result);
    }

    /// <summary>
    /// Enqueues the variance with <paramref name="ddof"/> delta degrees of freedom over
    /// <paramref name="axes"/> (all when null), in two passes on the device: the mean, then the
    /// sum of squared deviations from it over <c>n − ddof</c>. Unlike the one-pass
    /// <c>Σx² − (Σx)²/n</c>, it does not lose the spread when the mean is large against it.
    /// </summary>
    /// <exception cref="ArgumentException">The result holds another number of elements, or <c>n − ddof</c> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Var<T>(DeviceBuffer<T> x, int[]? axes, DeviceBuffer<T> result, int ddof = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var count = ReducedCount(x, axes);
        if (count - ddof <= 0)
        {
            throw new ArgumentException($"The variance of {count} elements with ddof={ddof} needs n - ddof > 0.", nameof(ddof));
        }

        var plan = ReductionPlan.Create(x.Shape, axes);
        ThrowIfCountDiffers(plan.Outputs, result, "variance");
        var keptDims = x.Shape.ToArray();
        foreach (var a in axes ?? Enumerable.Range(0, keptDims.Length).ToArray())
        {
            keptDims[Shapes.NormalizeAxis(a, keptDims.Length)] = 1;
        }

        using var mean = Allocate<T>(keptDims);
        using var deviations = Allocate<T>(x.Shape);
        Mean(x, axes, mean);
        Binary<SubtractOperator<T>, T>(x, mean, deviations);
        Binary<MultiplyOperator<T>, T>(deviations, deviations, deviations);
        Reduce<SumOperator<T>, T>(deviations, axes, result);
        ScaleAdd(result, T.One / T.CreateChecked(count - ddof), T.Zero, result);

        // The temporaries are freed when this returns, so their work must be finished first.
        Synchronize();
    }

    /// <summary>Enqueues the standard deviation: the square root of <see cref="Var{T}"/>.</summary>
    /// <exception cref="ArgumentException">The result holds another number of elements, or <c>n − ddof</c> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">A buffer or the accelerator was disposed.</exception>
    public void Std<T>(DeviceBuffer<T> x, int[]? axes, DeviceBuffer<T> result, int ddof = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Var(x, axes, result, ddof);
        Unary<SqrtOperator<T>, T>(result, result);
    }

    private long ReducedCount<T>(DeviceBuffer<T> x, int[]? axes)
        where T : unmanaged, INumber<T>
    {
        ThrowIfForeign(x, nameof(x));
        var count = ReductionPlan.Create(x.Shape, axes).Reduced;
        return count > 0 ? count : throw new ArgumentException($"The mean or variance of {x} over an empty extent is undefined.", nameof(x));
    }
}
