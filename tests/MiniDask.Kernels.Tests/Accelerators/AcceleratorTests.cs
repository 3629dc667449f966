using MiniDask.Kernels.Accelerators;

namespace MiniDask.Kernels.Tests.Accelerators;

/// <summary>
/// The accelerator conformance tests, written once: every concrete class supplies an
/// accelerator and all results are compared with the CPU block math within a relative tolerance.
/// </summary>
public abstract class AcceleratorTests : IDisposable
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

    [AcceleratorFact]
    public void CopyFromHost_ThenCopyToHost_RoundTripsTheBlock()
    {
        var block = Matrix(5, 7, seed: 1);

        using var buffer = Accelerator.Upload(block);
        var back = buffer.Download();

        Assert.Equal(block.Shape.ToArray(), back.Shape.ToArray());
        Assert.Equal(block.Data, back.Data);
    }

    [AcceleratorFact]
    public void Gemm_Float64_MatchesTheCpuGemm()
    {
        var a = Matrix(37, 53, seed: 2);
        var b = Matrix(53, 29, seed: 3);

        var c = Accelerator.Multiply(a, b);

        AssertClose(Gemm.Multiply(a, b), c, 1e-9);
    }

    [AcceleratorFact]
    public void Gemm_Float32_MatchesTheCpuGemm()
    {
        var a = ToFloat(Matrix(64, 33, seed: 4));
        var b = ToFloat(Matrix(33, 65, seed: 5));

        var c = Accelerator.Multiply(a, b);

        AssertClose(Gemm.Multiply(a, b), c, 1e-4);
    }

    [AcceleratorFact]
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

    [AcceleratorFact]
    public void Gemm_MismatchedShapes_ThrowsNamingThem()
    {
        using var a = Accelerator.Allocate<double>(3, 4);
        using var b = Accelerator.Allocate<double>(5, 2);
        using var c = Accelerator.Allocate<double>(3, 2);

        var e = Assert.Throws<ArgumentException>(() => Accelerator.Gemm(a, b, c));

        Assert.Contains("(3, 4) · (5, 2)", e.Message);
    }

    [AcceleratorFact]
    public void Unary_EveryOp_MatchesMath()
    {
        var x = new NDArray<double>([.. Enumerable.Range(1, 300).Select(i => (i % 2 == 0 ? 1 : -1) * i * 0.037)], [300]);
        var positive = new NDArray<double>([.. x.Data.Select(Math.Abs)], [300]);
        var cases = new (UnaryOp Op, NDArray<double> Input, Func<double, double> Expected)[]
        {
            (UnaryOp.Exp, x, Math.Exp), (UnaryOp.Log, positive, Math.Log), (UnaryOp.Sqrt, positive, Math.Sqrt),
            (UnaryOp.Abs, x, Math.Abs), (UnaryOp.Negate, x, v => -v),
        };

        foreach (var (op, input, expected) in cases)
        {
            var result = Accelerator.Apply(op, input);
            AssertClose(new NDArray<double>([.. input.Data.Select(expected)], [300]), result, 1e-12, op.ToString());
        }
    }

    [AcceleratorFact]
    public void Unary_Float32Exp_MatchesMathF()
    {
        var x = ToFloat(Matrix(4, 9, seed: 9));

        var result = Accelerator.Apply(UnaryOp.Exp, x);

        AssertClose(new NDArray<float>([.. x.Data.Select(MathF.Exp)], [4, 9]), result, 1e-5);
    }

    [AcceleratorFact]
    public void Binary_EveryOp_MatchesTheCpuBlockMath()
    {
        var x = Matrix(9, 11, seed: 10);
        var y = new NDArray<double>([.. Matrix(9, 11, seed: 11).Data.Select(v => v + 3)], [9, 11]);

        AssertClose(BlockMath.Add(x, y), Accelerator.Apply(BinaryOp.Add, x, y), 1e-12);
        AssertClose(BlockMath.Subtract(x, y), Accelerator.Apply(BinaryOp.Subtract, x, y), 1e-12);
        AssertClose(BlockMath.Multiply(x, y), Accelerator.Apply(BinaryOp.Multiply, x, y), 1e-12);
        AssertClose(BlockMath.Divide(x, y), Accelerator.Apply(BinaryOp.Divide, x, y), 1e-12);
    }

    [AcceleratorFact]
    public void Binary_MinimumAndMaximum_PickElementwise()
    {
        var x = Matrix(9, 11, seed: 17);
        var y = Matrix(9, 11, seed: 18);

        var minimum = Accelerator.Apply(BinaryOp.Minimum, x, y);
        var maximum = Accelerator.Apply(BinaryOp.Maximum, x, y);

        Assert.Equal(x.Data.Zip(y.Data, Math.Min), minimum.Data);
        Assert.Equal(x.Data.Zip(y.Data, Math.Max), maximum.Data);
        Assert.Contains(minimum.Data, v => y.Data.Contains(v));
        Assert.Contains(minimum.Data, v => x.Data.Contains(v));
    }

    [AcceleratorFact]
    public void Binary_LengthsDiffer_Throws()
    {
        using var x = Accelerator.Allocate<float>(4);
        using var y = Accelerator.Allocate<float>(5);

        Assert.Throws<ArgumentException>(() => Accelerator.Binary(BinaryOp.Add, x, y, x));
    }

    [AcceleratorFact]
    public void Reduce_AllElements_MatchesTheCpu()
    {
        var x = Matrix(123, 77, seed: 12);

        Assert.Equal(BlockMath.Sum(x), Accelerator.Reduce(ReductionOp.Sum, x).ToScalar(), 1e-9);
        Assert.Equal(x.Data.Min(), Accelerator.Reduce(ReductionOp.Min, x).ToScalar());
        Assert.Equal(x.Data.Max(), Accelerator.Reduce(ReductionOp.Max, x).ToScalar());
    }

    [AcceleratorFact]
    public void Reduce_LargeFloat32Sum_MatchesWithinTolerance()
    {
        var x = new NDArray<float>([.. Enumerable.Range(0, 1 << 20).Select(i => (float)Math.Sin(i))], [1 << 20]);

        var sum = Accelerator.Reduce(ReductionOp.Sum, x).ToScalar();

        var expected = x.Data.Sum(v => (double)v);
        Assert.True(Math.Abs(sum - expected) < 1e-2, $"sum {sum}, expected {expected}");
    }

    [AcceleratorFact]
    public void Reduce_AlongEachAxis_MatchesTheCpu()
    {
        var x = Matrix(31, 300, seed: 13);
        foreach (var op in Enum.GetValues<ReductionOp>())
        {
            foreach (var axis in new[] { 0, 1, -1 })
            {
                var expected = op switch
                {
                    ReductionOp.Sum => BlockMath.Reduce<SumOperator<double>, double>(x, [axis]),
                    ReductionOp.Min => BlockMath.Reduce<MinOperator<double>, double>(x, [axis]),
                    _ => BlockMath.Reduce<MaxOperator<double>, double>(x, [axis]),
                };

                AssertClose(expected, Accelerator.Reduce(op, x, axis), 1e-10, $"{op} axis {axis}");
            }
        }
    }

    [AcceleratorFact]
    public void Reduce_MinOfEmptyBlock_Throws()
    {
        using var x = Accelerator.Allocate<double>(0, 3);
        using var result = Accelerator.Allocate<double>(1);

        Assert.Throws<ArgumentException>(() => Accelerator.Reduce(ReductionOp.Min, x, result));
    }

    [AcceleratorFact]
    public void MeanAndVar_AlongAxis_MatchTheDefinitions()
    {
        var x = Matrix(40, 6, seed: 14);
        using var dx = Accelerator.Upload(x);
        using var mean = Accelerator.Allocate<double>(6);
        using var variance = Accelerator.Allocate<double>(6);

        Accelerator.Mean(dx, 0, mean);
        Accelerator.Var(dx, 0, variance, ddof: 1);

        var means = mean.Download();
        var vars = variance.Download();
        for (var c = 0; c < 6; c++)
        {
            var column = Enumerable.Range(0, 40).Select(r => x[r, c]).ToArray();
            var m = column.Average();
            Assert.Equal(m, means.Data[c], 1e-12);
            Assert.Equal(column.Sum(v => (v - m) * (v - m)) / 39, vars.Data[c], 1e-10);
        }
    }

    [AcceleratorFact]
    public void Mean_AllElements_IsTheSumOverTheCount()
    {
        var x = Matrix(10, 10, seed: 15);
        using var dx = Accelerator.Upload(x);
        using var mean = Accelerator.Allocate<double>();

        Accelerator.Mean(dx, null, mean);

        Assert.Equal(x.Data.Average(), mean.Download().ToScalar(), 1e-12);
    }

    [AcceleratorFact]
    public void Buffer_FromAnotherAccelerator_IsRefused()
    {
        using var other = new CpuAccelerator();
        using var foreign = other.Allocate<double>(4);
        using var mine = Accelerator.Allocate<double>(4);

        var e = Assert.Throws<ArgumentException>(() => Accelerator.Unary(UnaryOp.Abs, foreign, mine));

        Assert.Contains("another accelerator", e.Message);
    }

    [AcceleratorFact]
    public void Buffer_UsedAfterDispose_Throws()
    {
        var buffer = Accelerator.Allocate<double>(4);
        var allocated = Accelerator.AllocatedBytes;
        buffer.Dispose();

        Assert.Equal(allocated - 32, Accelerator.AllocatedBytes);
        Assert.Throws<ObjectDisposedException>(() => buffer.CopyFromHost(new double[4]));
    }

    [AcceleratorFact]
    public void Allocate_Int32_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => Accelerator.Allocate<int>(3));
    }

    [AcceleratorFact]
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

/// <summary>The conformance tests on the CUDA accelerator; skipped, with the reason, where CUDA is unusable.</summary>
public sealed class CudaAcceleratorTests : AcceleratorTests, ICudaTests
{
    protected override Accelerator CreateAccelerator() => TestAccelerators.Cuda();
}
