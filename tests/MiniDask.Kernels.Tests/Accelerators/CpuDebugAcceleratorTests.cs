using MiniDask.Kernels.Accelerators;

namespace MiniDask.Kernels.Tests.Accelerators;

/// <summary>The conformance tests on the CPU accelerator in debug mode, and the device semantics it emulates.</summary>
public sealed class CpuDebugAcceleratorTests : AcceleratorTests
{
    [Fact]
    public void AsHostSpan_DebugMode_ThrowsNamingTheFix()
    {
        using var buffer = Accelerator.Allocate<double>(3);

        var e = Assert.Throws<InvalidOperationException>(() => buffer.AsHostSpan());

        Assert.Contains("CopyToHost", e.Message);
    }

    [Fact]
    public void CopyToHost_WithoutSynchronize_LeavesTheDestinationUntouched()
    {
        using var buffer = Accelerator.Upload(new NDArray<double>([1, 2, 3], [3]));
        var destination = new double[3];

        buffer.CopyToHost(destination);

        Assert.Equal([0.0, 0, 0], destination);
        Assert.Equal(2, ((CpuAccelerator)Accelerator).PendingOperations);
        Accelerator.Synchronize();
        Assert.Equal([1.0, 2, 3], destination);
    }

    [Fact]
    public void Kernel_ReadsAnUnwrittenBuffer_ProducesNaN()
    {
        using var x = Accelerator.Allocate<double>(4);
        using var result = Accelerator.Allocate<double>(1);

        Accelerator.Reduce<SumOperator<double>, double>(x, null, result);

        Assert.True(double.IsNaN(result.Download().ToScalar()));
    }

    [Fact]
    public void CopyFromHost_SourceChangedAfterTheCall_CopiesTheOldValues()
    {
        var source = new double[] { 1, 2 };
        using var buffer = Accelerator.Allocate<double>(2);

        buffer.CopyFromHost(source);
        source[0] = 99;

        Assert.Equal([1.0, 2], buffer.Download().Data);
    }

    protected override Accelerator CreateAccelerator() => new CpuAccelerator(debug: true);
}
