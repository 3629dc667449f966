using MiniDask.Kernels.Accelerators;
using MiniDask.Kernels.Accelerators.Cuda;

namespace MiniDask.Kernels.Tests.Accelerators.Cuda;

public class CudaKernelSourceTests
{
    [Fact]
    public void Unary_Float64Exp_IsAnExternCKernelOnDoubles()
    {
        var source = CudaKernelSource.Unary(UnaryOp.Exp, typeof(double));

        Assert.Contains("extern \"C\" __global__ void minidask_unary_exp_float64(const double* x, double* y, long long n)", source);
        Assert.Contains("y[i] = exp(x[i]);", source);
    }

    [Fact]
    public void Unary_Float32_UsesTheSinglePrecisionFunctions()
    {
        Assert.Contains("sqrtf(x[i])", CudaKernelSource.Unary(UnaryOp.Sqrt, typeof(float)));
        Assert.Contains("fabsf(x[i])", CudaKernelSource.Unary(UnaryOp.Abs, typeof(float)));
        Assert.Contains("logf(x[i])", CudaKernelSource.Unary(UnaryOp.Log, typeof(float)));
        Assert.DoesNotContain("double", CudaKernelSource.Unary(UnaryOp.Negate, typeof(float)));
    }

    [Fact]
    public void Binary_EveryOp_HasItsOperatorAndName()
    {
        foreach (var (op, symbol) in new[] { (BinaryOp.Add, "+"), (BinaryOp.Subtract, "-"), (BinaryOp.Multiply, "*"), (BinaryOp.Divide, "/") })
        {
            var source = CudaKernelSource.Binary(op, typeof(float));
            Assert.Contains($"void {CudaKernelSource.BinaryName(op, typeof(float))}(const float* x, const float* y, float* z, long long n)", source);
            Assert.Contains($"z[i] = x[i] {symbol} y[i];", source);
        }
    }

    [Fact]
    public void Binary_MinimumAndMaximum_UseFminAndFmaxLikeTheReductions()
    {
        Assert.Contains("z[i] = fmin(x[i], y[i]);", CudaKernelSource.Binary(BinaryOp.Minimum, typeof(double)));
        Assert.Contains("z[i] = fmaxf(x[i], y[i]);", CudaKernelSource.Binary(BinaryOp.Maximum, typeof(float)));
        Assert.Contains("void minidask_binary_maximum_float32(", CudaKernelSource.Binary(BinaryOp.Maximum, typeof(float)));
    }

    [Fact]
    public void Reduction_Max_DefinesAllRowsAndColsKernelsWithNegativeInfinity()
    {
        var source = CudaKernelSource.Reduction(ReductionOp.Max, typeof(double));

        Assert.Contains("void minidask_reduce_all_max_float64(const double* x, double* partials, long long n)", source);
        Assert.Contains("void minidask_reduce_rows_max_float64(const double* x, double* out, int rows, int cols)", source);
        Assert.Contains("void minidask_reduce_cols_max_float64(const double* x, double* out, int rows, int cols)", source);
        Assert.Contains("fmax(a, b)", source);
        Assert.Contains("__longlong_as_double(0xfff0000000000000LL)", source);
        Assert.Contains($"__shared__ double cache[{CudaKernelSource.BlockSize}]", source);
    }

    [Fact]
    public void Reduction_Float32Min_UsesFminfAndPositiveInfinity()
    {
        var source = CudaKernelSource.Reduction(ReductionOp.Min, typeof(float));

        Assert.Contains("fminf(a, b)", source);
        Assert.Contains("__int_as_float(0x7f800000)", source);
    }

    [Fact]
    public void ScaleAdd_TakesScalarsByValue()
    {
        Assert.Contains("(const float* x, float alpha, float beta, float* y, long long n)", CudaKernelSource.ScaleAdd(typeof(float)));
    }

    [Fact]
    public void CType_Int32_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => CudaKernelSource.CType(typeof(int)));
    }

    [Theory]
    [InlineData(0, 1024, 1u)]
    [InlineData(1, 1024, 1u)]
    [InlineData(256, 1024, 1u)]
    [InlineData(257, 1024, 2u)]
    [InlineData(10_000_000, 1024, 1024u)]
    public void GridSize_CoversTheElementsWithinTheCap(long n, int max, uint expected)
    {
        Assert.Equal(expected, CudaKernelSource.GridSize(n, max));
    }

    [Fact]
    public void ArchitectureOption_FromComputeCapability_NamesTheSmTarget()
    {
        Assert.Equal("--gpu-architecture=sm_90", Nvrtc.ArchitectureOption((9, 0)));
        Assert.Equal("--gpu-architecture=sm_86", Nvrtc.ArchitectureOption((8, 6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nvrtc.ArchitectureOption((0, 0)));
    }
}
