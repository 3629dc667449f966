using MiniDask.Kernels.Accelerators;
using MiniDask.Tests.Devices;

namespace MiniDask.Kernels.Tests.Accelerators;

/// <summary>
/// The accelerator tests, written once: every concrete class supplies an accelerator (the host
/// <c>cpu</c> device, its debug emulation, ILGPU's CPU accelerator, CUDA) and every kernel's
/// results are compared with the host block math: bit for bit for elementwise ops (within a few
/// ulps for transcendental functions on a GPU, whose math library is not the host's), within a
/// relative tolerance where a device sums in another order (reductions, GEMM, scans).
/// </summary>
public abstract partial class AcceleratorTests : IDisposable
{
    private readonly Lazy<Accelerator> accelerator;

    protected AcceleratorTests()
    {
        accelerator = new Lazy<Accelerator>(CreateAccelerator);
    }

    protected Accelerator Accelerator => accelerator.Value;

    public void Dispose()
    {
        if (accelerator.IsValueCreated)
        {
            accelerator.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [DeviceFact]
    public void CopyFromHost_ThenCopyToHost_RoundTripsTheBlock()
    {
        var block = Matrix(5, 7, seed: 1);

        using var buffer = Accelerator.Upload(block);
        var back = buffer.Download();

        Assert.Equal(block.Shape.ToArray(), back.Shape.ToArray());
        Assert.Equal(block.Data, back.Data);
    }

    [DeviceFact]
    public void Gemm_Float64_MatchesTheCpuGemm()
    {
        var a = Matrix(37, 53, seed: 2);
        var b = Matrix(53, 29, seed: 3);

        var c = Accelerator.Multiply(a, b);

        AssertClose(Gemm.Multiply(a, b), c, 1e-9);
    }

    [DeviceFact]
    public void Gemm_Float32_MatchesTheCpuGemm()
    {
        var a = ToFloat(Matrix(64, 33, seed: 4));
        var b = ToFloat(Matrix(33, 65, seed: 5));

        var c = Accelerator.Multiply(a, b);

        AssertClose(Gemm.Multiply(a, b), c, 1e-4);
    }

    [DeviceFact]
    public void Gemm_Accumulate_AddsTheProductToTheResult()
    {
        var a = Matrix(8, 6, seed: 6);
        var b = Matrix(6, 5, seed: 7);
        var start = Matrix(8, 5, seed: 8);
        using var da = Accelerator.Upload(a);
        using var db = Accelerator.Upload(b);
        using var dc = Accelerator.Upload(start);

        Accelerator.Gemm(da, db, dc, accumulate: true);
        Accelerator.Gemm(da, db, dc, accumulate: true);

        var expected = start.Copy();
        Gemm.MultiplyAdd(a, b, expected);
        Gemm.MultiplyAdd(a, b, expected);
        AssertClose(expected, dc.Download(), 1e-9);
    }

    [DeviceFact]
    public void Gemm_MismatchedShapes_ThrowsNamingThem()
    {
        using var a = Accelerator.Allocate<double>(3, 4);
        using var b = Accelerator.Allocate<double>(5, 2);
        using var c = Accelerator.Allocate<double>(3, 2);

        var e = Assert.Throws<ArgumentException>(() => Accelerator.Gemm(a, b, c));

        Assert.Contains("(3, 4) · (5, 2)", e.Message);
    }

    [DeviceFact]
    public void Buffer_FromAnotherAccelerator_IsRefused()
    {
        using var other = new CpuAccelerator();
        using var foreign = other.Allocate<double>(4);
        using var mine = Accelerator.Allocate<double>(4);

        var e = Assert.Throws<ArgumentException>(() => Accelerator.Unary<AbsOperator<double>, double>(foreign, mine));

        Assert.Contains("another accelerator", e.Message);
    }

    [DeviceFact]
    public void Buffer_UsedAfterDispose_Throws()
    {
        var buffer = Accelerator.Allocate<double>(4);
        var allocated = Accelerator.AllocatedBytes;
        buffer.Dispose();

        Assert.Equal(allocated - 32, Accelerator.AllocatedBytes);
        Assert.Throws<ObjectDisposedException>(() => buffer.CopyFromHost(new double[4]));
    }

    [DeviceFact]
    public void Allocate_Decimal_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => Accelerator.Allocate<decimal>(3));
    }

    [DeviceFact]
    public void Copies_AreCountedInBothDirections()
    {
        var x = Matrix(3, 3, seed: 16);

        using var buffer = Accelerator.Upload(x);
        buffer.Download();

        Assert.Equal(1, Accelerator.HostToDeviceCopies);
        Assert.Equal(1, Accelerator.DeviceToHostCopies);
        Assert.Equal(72, Accelerator.DeviceToHostBytes);
    }

    protected abstract Accelerator CreateAccelerator();

    /// <summary>Whether transcendental functions give the host's bits (true where the device runs .NET's Math).</summary>
    protected virtual bool HostMath => true;

    protected static NDArray<double> Matrix(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        return new NDArray<double>([.. Enumerable.Range(0, rows * cols).Select(_ => (random.NextDouble() * 2) - 1)], [rows, cols]);
    }

    protected static NDArray<float> ToFloat(NDArray<double> x) => new([.. x.Data.Select(v => (float)v)], x.Shape);

    protected static void AssertClose<T>(NDArray<T> expected, NDArray<T> actual, double relativeTolerance, string what = "")
        where T : unmanaged, System.Numerics.INumber<T>
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        for (var i = 0; i < expected.Length; i++)
        {
            var e = double.CreateChecked(expected.Data[i]);
            var a = double.CreateChecked(actual.Data[i]);
            Assert.True(Math.Abs(e - a) <= relativeTolerance * Math.Max(1, Math.Abs(e)), $"{what} element {i}: expected {e}, got {a}");
        }
    }
}

/// <summary>The conformance tests on the CPU accelerator in normal mode.</summary>
public sealed class CpuAcceleratorTests : AcceleratorTests
{
    [Fact]
    public void AsHostSpan_NormalMode_SharesTheBuffer()
    {
        using var buffer = Accelerator.Allocate<double>(3);
        buffer.CopyFromHost([1, 2, 3]);

        Assert.Equal(2.0, buffer.AsHostSpan()[1]);
    }

    protected override Accelerator CreateAccelerator() => new CpuAccelerator();
}

/// <summary>The accelerator tests on ILGPU's CPU accelerator: the very kernels a GPU runs, on emulated threads.</summary>
public sealed class IlgpuCpuAcceleratorTests : AcceleratorTests
{
    [DeviceFact]
    public void TiledGemm_OnTheCpuEmulation_MatchesTheHostGemm()
    {
        var a = Matrix(20, 37, seed: 40);
        var b = Matrix(37, 18, seed: 41);
        var accelerator = (MiniDask.Kernels.Accelerators.Ilgpu.IlgpuAccelerator)Accelerator;
        using var da = Accelerator.Upload(a);
        using var db = Accelerator.Upload(b);
        using var dc = Accelerator.Upload(Matrix(20, 18, seed: 42));

        accelerator.TiledGemm(da, db, dc, 20, 18, 37, accumulate: true);

        var expected = Matrix(20, 18, seed: 42);
        Gemm.MultiplyAdd(a, b, expected);
        AssertClose(expected, dc.Download(), 1e-12);
    }

    protected override Accelerator CreateAccelerator() => AcceleratorContext.Create("ilgpu-cpu").CreateAccelerator();
}

/// <summary>The accelerator tests on the first CUDA GPU; skipped, with the reason, where CUDA is unusable.</summary>
public sealed class CudaAcceleratorTests : AcceleratorTests, ICudaTests
{
    protected override bool HostMath => false;

    protected override Accelerator CreateAccelerator() => TestAccelerators.Cuda();
}
