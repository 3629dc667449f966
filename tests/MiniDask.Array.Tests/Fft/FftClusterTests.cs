using MiniDask.Kernels;
using MiniDask.Testing;
using F = MiniDask.Array.Fft;

namespace MiniDask.Array.Tests.Fft;

/// <summary>A LocalCluster of two single-thread worker processes for <see cref="FftClusterTests"/>.</summary>
public sealed class FftCluster : LocalClusterFixture;

/// <summary>
/// The transforms and complex128 arrays on a LocalCluster of worker processes: the FFT ops register
/// in the workers, and complex blocks travel both ways (inputs made here, results and intermediates
/// between workers), giving the local answers bit for bit.
/// </summary>
public sealed class FftClusterTests(FftCluster cluster) : IClassFixture<FftCluster>
{
    [Fact]
    public void Transforms_OnTheCluster_EqualTheLocalResults()
    {
        var a = FftAnswers.Input<double>("a3", [[1, 3], [2, 1], [6]]);
        var b = FftAnswers.Input<Complex128>("b3", [[3], [1, 2, 1], [2, 3]]);
        DArray<Complex128>[] complexCases =
        [
            a.Fft(),
            F.Ifft(b, 7, axis: 0, norm: "ortho"),
            F.Rfftn(a.Rechunk([-1, -1, 6]), axes: [0, 2]),
            F.Fftn(b.Rechunk([3, 4, 5]), [2, 6], [2, 0]),
            (b * b.Conj()) + (b.Real().Rechunk([[2, 1], [4], [5]]).AsType<Complex128>() - new Complex128(0, 1)),
            b.Sum(axis: 1).Fft(axis: 0),
        ];
        DArray<double>[] realCases =
        [
            F.Irfft(b, 9, axis: 0, norm: "forward"),
            F.Irfftn(F.Rfftn(a.Rechunk([-1, -1, -1]))),
            DArray.Abs(b.Fft(axis: 0)) + b.Angle() + b.Real() - b.Imag(),
            F.Hfft(b, axis: 0),
        ];

        foreach (var expression in complexCases)
        {
            Assert.Equal(expression.Compute(TestData.Sync).Data, expression.Compute(cluster.Client).Data);
        }

        foreach (var expression in realCases)
        {
            Assert.Equal(expression.Compute(TestData.Sync).Data, expression.Compute(cluster.Client).Data);
        }
    }

    [Fact]
    public void ComplexReductionAndMatMul_OnTheCluster_EqualTheLocalResults()
    {
        var b = FftAnswers.Input<Complex128>("b2", [[3, 1], [2, 4, 1]]);

        Assert.Equal(b.Sum().Compute(TestData.Sync), b.Sum().Compute(cluster.Client));
        Assert.Equal(b.MatMul(b.T).Compute(TestData.Sync).Data, b.MatMul(b.T).Compute(cluster.Client).Data);
    }
}
