using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>
/// The elementwise kernels, each generic over the operator struct that defines the op (the same
/// struct the host drivers use), so ILGPU compiles one C# body per op for every accelerator. They
/// are grid-stride loops: a launch of a few groups covers any length, which keeps launches cheap
/// on ILGPU's CPU emulation and fills a GPU with enough groups.
/// </summary>
internal static class ElementwiseKernels
{
    public static void Unary<TOp, T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> result, int length)
        where TOp : IUnaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            result[i] = TOp.Invoke(x[i]);
        }
    }

    public static void Binary<TOp, T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> y, ArrayView1D<T, Stride1D.Dense> result, int length)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            result[i] = TOp.Invoke(x[i], y[i]);
        }
    }

    public static void BinaryBroadcast<TOp, T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> y, ArrayView1D<T, Stride1D.Dense> result, BroadcastMap map, int length)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            result[i] = TOp.Invoke(x[map.OffsetA(i)], y[map.OffsetB(i)]);
        }
    }

    public static void Compare<TOp, T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> y, ArrayView1D<Bool, Stride1D.Dense> result, BroadcastMap map, int length)
        where TOp : IComparisonOperator<T>
        where T : unmanaged, INumber<T>
    {
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            result[i] = TOp.Invoke(x[map.OffsetA(i)], y[map.OffsetB(i)]);
        }
    }

    public static void Where<T>(ArrayView1D<Bool, Stride1D.Dense> condition, ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> y, ArrayView1D<T, Stride1D.Dense> result, BroadcastMap map, int length)
        where T : unmanaged, INumber<T>
    {
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            result[i] = condition[map.OffsetA(i)] ? x[map.OffsetB(i)] : y[map.OffsetC(i)];
        }
    }

    public static void ScaleAdd<T>(ArrayView1D<T, Stride1D.Dense> x, ArrayView1D<T, Stride1D.Dense> result, T alpha, T beta, int length)
        where T : unmanaged, INumber<T>
    {
        // Two roundings, as the host's multiply then add: no fused multiply-add.
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            var scaled = x[i] * alpha;
            result[i] = scaled + beta;
        }
    }

    public static void Fill<T>(ArrayView1D<T, Stride1D.Dense> result, T value, int length)
        where T : unmanaged
    {
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            result[i] = value;
        }
    }

    public static void Cast<TConversion, TFrom, TTo>(ArrayView1D<TFrom, Stride1D.Dense> x, ArrayView1D<TTo, Stride1D.Dense> result, int length)
        where TConversion : IConversion<TFrom, TTo>
        where TFrom : unmanaged
        where TTo : unmanaged
    {
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            result[i] = TConversion.Convert(x[i]);
        }
    }

    public static void Uniform(ArrayView1D<double, Stride1D.Dense> result, ulong seed, int length)
    {
        var stride = GridStride;
        for (var i = Grid.GlobalIndex.X; i < length; i += stride)
        {
            result[i] = DeviceRandom.Uniform(seed, i);
        }
    }

    /// <summary>
    /// The number of threads in the launch: how far a grid-stride loop steps. Kernels read it once,
    /// before their loop: on ILGPU's CPU emulation each read is a thread-local lookup, and reading
    /// it per element made elementwise kernels several times slower.
    /// </summary>
    internal static int GridStride => Grid.DimX * Group.DimX;
}
