using MiniDask.Kernels.Accelerators;
using MiniDask.Tests.Devices;

namespace MiniDask.Kernels.Tests.Accelerators;

/// <summary>
/// The block math of a scheduler or worker on a device, written once: results stay on the
/// device until asked for, host operands are uploaded once, and host↔device copies are counted.
/// </summary>
public abstract class DeviceBlocksTests : IDisposable
{
    private readonly Lazy<Accelerator> accelerator;
    private readonly Lazy<DeviceBlocks> blocks;

    protected DeviceBlocksTests()
    {
        accelerator = new Lazy<Accelerator>(CreateAccelerator);
        blocks = new Lazy<DeviceBlocks>(() => new DeviceBlocks(Accelerator, 1 << 20));
    }

    private Accelerator Accelerator => accelerator.Value;

    private DeviceBlocks Blocks => blocks.Value;

    public void Dispose()
    {
        if (blocks.IsValueCreated)
        {
            blocks.Value.Dispose();
        }

        if (accelerator.IsValueCreated)
        {
            accelerator.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [DeviceFact]
    public void Multiply_HostOperands_ResultStaysOnTheDeviceUntilAskedFor()
    {
        var a = Matrix(6, 4, seed: 1);
        var b = Matrix(4, 5, seed: 2);

        using var product = Blocks.Multiply<double>(a, b);

        Assert.Equal([6, 5], product.Shape.ToArray());
        Assert.Equal(2, Accelerator.HostToDeviceCopies);
        Assert.Equal(0, Accelerator.DeviceToHostCopies);
        AssertClose(Gemm.Multiply(a, b), product.ToHost(), 1e-12);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void Multiply_SameHostBlockTwice_UploadsItOnce()
    {
        var a = Matrix(3, 3, seed: 3);

        using var first = Blocks.Multiply<double>(a, a);
        using var second = Blocks.Multiply<double>(a, first);

        Assert.Equal(1, Accelerator.HostToDeviceCopies);
        AssertClose(Gemm.Multiply(a, Gemm.Multiply(a, a)), second.ToHost(), 1e-12);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void Multiply_MismatchedShapes_ThrowsNamingThem()
    {
        var e = Assert.Throws<ArgumentException>(() => Blocks.Multiply<double>(Matrix(2, 3, seed: 4), Matrix(4, 2, seed: 5)));

        Assert.Contains("(2, 3) · (4, 2)", e.Message);
    }

    [DeviceFact]
    public void Combine_PartialProducts_SumOnTheDevice()
    {
        var a = Enumerable.Range(0, 3).Select(i => Matrix(4, 5, seed: 10 + i)).ToArray();
        var b = Enumerable.Range(0, 3).Select(i => Matrix(5, 2, seed: 20 + i)).ToArray();
        var products = a.Zip(b, (x, y) => (object)Blocks.Multiply<double>(x, y)).ToList();

        using var sum = Blocks.Combine<SumOperator<double>, double>(products, 4, 2);

        var expected = Gemm.Multiply(a[0], b[0]);
        Gemm.MultiplyAdd(a[1], b[1], expected);
        Gemm.MultiplyAdd(a[2], b[2], expected);
        AssertClose(expected, sum.ToHost(), 1e-12);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
    }

    [DeviceFact]
    public void Combine_MinimumAndMaximumOfMixedOperands_MatchTheHost()
    {
        var x = Matrix(3, 4, seed: 30);
        var y = Matrix(3, 4, seed: 31);
        using var onDevice = Blocks.Combine<SumOperator<double>, double>([y], 3, 4);

        using var minimum = Blocks.Combine<MinOperator<double>, double>([x, onDevice], 12);
        using var maximum = Blocks.Combine<MaxOperator<double>, double>([onDevice, x], 12);

        Assert.Equal([12], minimum.Shape.ToArray());
        Assert.Equal(x.Data.Zip(y.Data, Math.Min), minimum.ToHost().Data);
        Assert.Equal(x.Data.Zip(y.Data, Math.Max), maximum.ToHost().Data);
    }

    [DeviceFact]
    public void Combine_OneBlock_CopiesItExactlyIntoANewBlock()
    {
        var x = new NDArray<double>([-0.0, 0.0, double.PositiveInfinity, -1.5, double.Epsilon, 3], [2, 3]);

        using var copy = Blocks.Combine<SumOperator<double>, double>([x], 6);

        var host = copy.ToHost();
        Assert.Equal([6], host.Shape.ToArray());
        Assert.Equal(x.Data.Select(BitConverter.DoubleToInt64Bits), host.Data.Select(BitConverter.DoubleToInt64Bits));
    }

    [DeviceFact]
    public void Combine_SizesDiffer_ThrowsNamingTheBlock()
    {
        var e = Assert.Throws<ArgumentException>(() => Blocks.Combine<SumOperator<double>, double>([Matrix(2, 2, seed: 1), Matrix(2, 3, seed: 2)], 2, 2));

        Assert.Contains("block 1 has shape (2, 3)", e.Message);
    }

    [DeviceFact]
    public void Reduce_AllAndAlongAnAxis_KeepTheShapeAskedFor()
    {
        var x = Matrix(7, 9, seed: 40);

        using var total = Blocks.Reduce<SumOperator<double>, double>(x, null, 1, 1);
        using var columns = Blocks.Reduce<MaxOperator<double>, double>(x, [0], 1, 9);
        using var rows = Blocks.Reduce<MinOperator<double>, double>(x, [-1], 7, 1);

        Assert.Equal([1, 1], total.Shape.ToArray());
        Assert.Equal(BlockMath.Sum(x), total.ToHost().ToScalar(), 1e-12);
        AssertClose(BlockMath.Reduce<MaxOperator<double>, double>(x, [0], keepDims: true), columns.ToHost(), 0);
        AssertClose(BlockMath.Reduce<MinOperator<double>, double>(x, [1], keepDims: true), rows.ToHost(), 0);
        Assert.Equal(1, Accelerator.HostToDeviceCopies);
    }

    [DeviceFact]
    public void Reduce_ResultShapeOfAnotherSize_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Blocks.Reduce<SumOperator<double>, double>(Matrix(3, 4, seed: 1), [0], 3));

        Assert.Contains("not the 3 of (3,)", e.Message);
    }

    [DeviceFact]
    public void Divide_ByACount_MatchesTheHostDivision()
    {
        var x = Matrix(5, 5, seed: 50);

        using var mean = Blocks.Divide<double>(x, 7.0);

        Assert.Equal(x.Data.Select(v => v / 7), mean.ToHost().Data);
    }

    [DeviceFact]
    public void Float32_ProductAndSum_MatchTheHost()
    {
        var a = ToFloat(Matrix(8, 6, seed: 60));
        var b = ToFloat(Matrix(6, 8, seed: 61));

        using var product = Blocks.Multiply<float>(a, b);
        using var sum = Blocks.Reduce<SumOperator<float>, float>(product, null);

        Assert.Equal(BlockMath.Sum(Gemm.Multiply(a, b)), sum.ToHost().ToScalar(), 1e-4f);
    }

    [DeviceFact]
    public void ToHost_ConvertsDeviceBlocksInListsAndLeavesOtherValues()
    {
        var host = Matrix(2, 2, seed: 70);
        using var device = Blocks.Multiply<double>(host, host);
        object?[] list = [device, host, "text", null];

        var converted = (object?[])Blocks.ToHost(list)!;

        Assert.IsType<NDArray<double>>(converted[0]);
        Assert.Same(host, converted[1]);
        Assert.Equal("text", converted[2]);
        Assert.Same(list[0], device);
        Assert.Same(host, Blocks.ToHost(host));
    }

    [DeviceFact]
    public void Release_FreesResultsAndUploads()
    {
        var a = Matrix(16, 16, seed: 80);
        var product = Blocks.Multiply<double>(a, a);
        Assert.Equal(2, Blocks.Cache.Count);

        Blocks.Release(new object?[] { product, a });

        Assert.Equal(0, Blocks.Cache.Count);
        Assert.Equal(0, Blocks.Cache.DeviceBytes);
        Assert.Equal(0, Accelerator.AllocatedBytes);
        Assert.True(product.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => product.ToHost());
    }

    [DeviceFact]
    public void Operand_FromOtherDeviceBlocks_IsRefused()
    {
        using var other = new DeviceBlocks(Accelerator, 1 << 20);
        using var foreign = other.Multiply<double>(Matrix(2, 2, seed: 1), Matrix(2, 2, seed: 2));

        var e = Assert.Throws<ArgumentException>(() => Blocks.Multiply<double>(foreign, foreign));

        Assert.Contains("other device blocks", e.Message);
    }

    [DeviceFact]
    public void OverTheLimit_EvictsToTheHostAndStillComputesTheSameResult()
    {
        // Each 16x16 float64 block is 2048 bytes; the limit holds three.
        using var small = new DeviceBlocks(Accelerator, 3 * 2048);
        var a = Enumerable.Range(0, 4).Select(i => Matrix(16, 16, seed: 90 + i)).ToArray();

        var products = a.Select(x => (object)small.Multiply<double>(x, x)).ToList();
        using var sum = small.Combine<SumOperator<double>, double>(products, 16, 16);

        var expected = Gemm.Multiply(a[0], a[0]);
        foreach (var x in a.Skip(1))
        {
            Gemm.MultiplyAdd(x, x, expected);
        }

        AssertClose(expected, sum.ToHost(), 1e-12);
        Assert.True(small.Cache.Evictions > 0);
        Assert.True(small.Cache.DeviceBytes <= 3 * 2048);
    }

    protected abstract Accelerator CreateAccelerator();

    private static NDArray<double> Matrix(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        return new NDArray<double>([.. Enumerable.Range(0, rows * cols).Select(_ => (random.NextDouble() * 2) - 1)], [rows, cols]);
    }

    private static NDArray<float> ToFloat(NDArray<double> x) => new([.. x.Data.Select(v => (float)v)], x.Shape);

    private static void AssertClose(NDArray<double> expected, NDArray<double> actual, double relativeTolerance)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        for (var i = 0; i < expected.Length; i++)
        {
            var (e, a) = (expected.Data[i], actual.Data[i]);
            Assert.True(Math.Abs(e - a) <= relativeTolerance * Math.Max(1, Math.Abs(e)), $"element {i}: expected {e}, got {a}");
        }
    }
}

/// <summary>The device block math on the CPU accelerator in debug mode, where a missing copy or synchronize shows.</summary>
public sealed class CpuDebugDeviceBlocksTests : DeviceBlocksTests
{
    protected override Accelerator CreateAccelerator() => new CpuAccelerator(debug: true);
}

/// <summary>The device block math on a CUDA device; skipped, with the reason, where CUDA is unusable.</summary>
public sealed class IlgpuCpuDeviceBlocksTests : DeviceBlocksTests
{
    protected override Accelerator CreateAccelerator() => AcceleratorContext.Create("ilgpu-cpu").CreateAccelerator();
}

/// <summary>The device-blocks tests on the first CUDA GPU; skipped, with the reason, where CUDA is unusable.</summary>
public sealed class CudaDeviceBlocksTests : DeviceBlocksTests, ICudaTests
{
    protected override Accelerator CreateAccelerator() => TestAccelerators.Cuda();
}
