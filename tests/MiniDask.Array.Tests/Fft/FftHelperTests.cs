using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Fft;

public sealed class FftHelperTests
{
    [Fact]
    public void FftFreq_EvenAndOdd_MatchNumPy()
    {
        // np.fft.fftfreq(8, 0.1) and np.fft.fftfreq(5)
        Assert.Equal(new[] { 0, 1.25, 2.5, 3.75, -5, -3.75, -2.5, -1.25 }, Array.Fft.FftFreq(8, 0.1, 3).ComputeSync().Data);
        Assert.Equal(new[] { 0, 0.2, 0.4, -0.4, -0.2 }, Array.Fft.FftFreq(5, chunks: 2).ComputeSync().Data);
    }

    [Fact]
    public void RfftFreq_Even_MatchesNumPy()
    {
        Assert.Equal(new[] { 0, 1.25, 2.5, 3.75, 5 }, Array.Fft.RfftFreq(8, 0.1).ComputeSync().Data);
        Assert.Equal(new[] { 0.0 }, Array.Fft.RfftFreq(1).ComputeSync().Data);
    }

    [Fact]
    public void FftShiftIfftShift_OddLength_RollByHalf()
    {
        var x = DArray.FromArray(new[] { 0.0, 1, 2, 3, 4 }, [5], [2]);

        Assert.Equal(new double[] { 3, 4, 0, 1, 2 }, Array.Fft.FftShift(x).ComputeSync().Data);
        Assert.Equal(new double[] { 2, 3, 4, 0, 1 }, Array.Fft.IfftShift(x).ComputeSync().Data);
        Assert.Equal(x.ComputeSync().Data, Array.Fft.IfftShift(Array.Fft.FftShift(x)).ComputeSync().Data);
    }

    [Fact]
    public void FftShift_TwoDimensionsOneAxis_OnlyThatAxisMoves()
    {
        // [[0, 1, 2], [3, 4, 5]]
        var x = DArray.FromArray(new NDArray<double>([0, 1, 2, 3, 4, 5], [2, 3]), [[1, 1], [2, 1]]);

        Assert.Equal(new double[] { 2, 0, 1, 5, 3, 4 }, Array.Fft.FftShift(x, 1).ComputeSync().Data);
        Assert.Equal(new double[] { 5, 3, 4, 2, 0, 1 }, Array.Fft.FftShift(x).ComputeSync().Data);
    }

    [Fact]
    public void FftFreq_NotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Array.Fft.FftFreq(0));
    }
}
