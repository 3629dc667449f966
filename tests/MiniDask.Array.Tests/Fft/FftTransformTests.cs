using MiniDask.Kernels;
using static MiniDask.Array.Tests.Fft.FftAnswers;
using F = MiniDask.Array.Fft;

namespace MiniDask.Array.Tests.Fft;

/// <summary>The transforms of <see cref="F"/> against NumPy's answers, the non-transformed axes in uneven chunks.</summary>
public sealed class FftTransformTests
{
    [Fact]
    public void Fft_EvenOddAndComplexLengths_MatchNumPy()
    {
        Close("fft_x10", Input<double>("x10").Fft());
        Close("fft_x7", Input<double>("x7").Fft());
        Close("fft_c9", Input<Complex128>("c9").Fft());
        Close("fft_one", Input<double>("one").Fft());
    }

    [Fact]
    public void Fft_LengthPadsOrCuts_MatchesNumPy()
    {
        Close("fft_x10_n16", Input<double>("x10").Fft(n: 16));
        Close("fft_x10_n6", DArray.Fft(Input<double>("x10"), 6));
    }

    [Fact]
    public void FftIfft_EveryNorm_MatchNumPy()
    {
        Close("fft_x7_ortho", Input<double>("x7").Fft(norm: "ortho"));
        Close("fft_x7_forward", Input<double>("x7").Fft(norm: "forward"));
        Close("ifft_c9", F.Ifft(Input<Complex128>("c9")));
        Close("ifft_c9_ortho", F.Ifft(Input<Complex128>("c9"), norm: "ortho"));
        Close("ifft_c9_n12_forward", F.Ifft(Input<Complex128>("c9"), 12, norm: "forward"));
    }

    [Fact]
    public void Ifft_OfFft_GivesTheInputBack()
    {
        var x = Input<Complex128>("b2", [[4], [3, 2, 2]]);

        var back = F.Ifft(x.Fft(axis: 0), axis: 0).ComputeSync().Data;

        var input = Load<Complex128>("b2").Data;
        Assert.All(Enumerable.Range(0, input.Length), k => Assert.True((back[k] - input[k]).Magnitude < 1e-14, $"{k}: {back[k]} vs {input[k]}"));
    }

    [Fact]
    public void RfftIrfft_LengthsAndNorms_MatchNumPy()
    {
        Close("rfft_x10", F.Rfft(Input<double>("x10")));
        Close("rfft_x7", F.Rfft(Input<double>("x7")));
        Close("rfft_x10_n15", F.Rfft(Input<double>("x10"), 15));
        Close("rfft_x7_ortho", F.Rfft(Input<double>("x7"), norm: "ortho"));
        Close("rfft_one", F.Rfft(Input<double>("one")));
        Close("irfft_c6", F.Irfft(Input<Complex128>("c6")));
        Close("irfft_c6_n11", F.Irfft(Input<Complex128>("c6"), 11));
        Close("irfft_c6_n7_forward", F.Irfft(Input<Complex128>("c6"), 7, norm: "forward"));
    }

    [Fact]
    public void Rfft_Shapes_AreHalfPlusOneAndIrfftDefaultIsTwiceMinusOne()
    {
        Assert.Equal([6], F.Rfft(Input<double>("x10")).Shape.ToArray());
        Assert.Equal([4], F.Rfft(Input<double>("x7")).Shape.ToArray());
        Assert.Equal([10], F.Irfft(Input<Complex128>("c6")).Shape.ToArray());
    }

    [Fact]
    public void HfftIhfft_MatchNumPy()
    {
        Close("hfft_c6", F.Hfft(Input<Complex128>("c6")));
        Close("hfft_c6_n9_ortho", F.Hfft(Input<Complex128>("c6"), 9, norm: "ortho"));
        Close("ihfft_x7", F.Ihfft(Input<double>("x7")));
    }

    [Fact]
    public void Fft_AlongAxisZero_OtherAxisInUnevenChunks_MatchesNumPy()
    {
        var a = Input<double>("a2", [[6], [2, 1, 2]]);

        var result = a.Fft(axis: 0);

        Assert.Equal([[6], [2, 1, 2]], result.Chunks.Select(c => c.ToArray()).ToArray());
        Close("fft_a2_axis0", result);
        Close("ifft_b2_axis0_n5", F.Ifft(Input<Complex128>("b2", [[4], [3, 1, 3]]), 5, axis: 0));
    }

    [Fact]
    public void Fft2Ifft2_WithLengths_MatchNumPy()
    {
        Close("fft2_a2", F.Fft2(Input<double>("a2")));
        Close("fft2_a2_s8_4", F.Fft2(Input<double>("a2"), [8, 4]));
        Close("ifft2_b2", F.Ifft2(Input<Complex128>("b2")));
        Close("ifft2_b2_ortho", F.Ifft2(Input<Complex128>("b2"), norm: "ortho"));
    }

    [Fact]
    public void FftnIfftn_ThreeDimensionsWithAxes_MatchNumPy()
    {
        Close("fftn_b3", F.Fftn(Input<Complex128>("b3")));
        Close("fftn_b3_axes02", F.Fftn(Input<Complex128>("b3", [[3], [1, 2, 1], [5]]), axes: [0, 2]));
        Close("ifftn_b3_s2_6_axes20_ortho", F.Ifftn(Input<Complex128>("b3", [[3], [3, 1], [5]]), [2, 6], [2, 0], "ortho"));
        Close("fftn_a3_s5_4", F.Fftn(Input<double>("a3", [[1, 3], [3], [6]]), [5, 4]));
    }

    [Fact]
    public void RfftnIrfftn_ThreeDimensionsWithAxes_MatchNumPy()
    {
        Close("rfft2_a2", F.Rfft2(Input<double>("a2")));
        Close("rfftn_a3", F.Rfftn(Input<double>("a3")));
        Close("rfftn_a3_axes01", F.Rfftn(Input<double>("a3", [[4], [3], [2, 3, 1]]), axes: [0, 1]));
        Close("rfftn_a3_forward", F.Rfftn(Input<double>("a3"), norm: "forward"));
        Close("irfftn_rfftn_a3", F.Irfftn(F.Rfftn(Input<double>("a3"))));
        Close("irfftn_rfftn_a3_s", F.Irfftn(F.Rfftn(Input<double>("a3")), [4, 3, 6]));
        Close("irfft2_b2", F.Irfft2(Input<Complex128>("b2")));
        Close("irfftn_b3_s3_5_axes20", F.Irfftn(Input<Complex128>("b3", [[3], [2, 2], [5]]), [3, 5], [2, 0]));
    }

    [Fact]
    public void Fft_EmptyOtherAxis_GivesAnEmptyResult()
    {
        Close("fft_empty_axis1", Input<double>("empty").Fft(axis: 1));
    }

    [Fact]
    public void Fft_EmptyInputWithLength_IsZeroPadded()
    {
        // np.fft.fft(np.zeros(0), n=4) and np.fft.irfft(np.zeros(1, complex), n=1) are zeros.
        var empty = DArray.FromArray(System.Array.Empty<double>(), [0], [1]);

        Assert.Equal(new Complex128[4], empty.Fft(n: 4).ComputeSync().Data);
        Assert.Equal([0.0], F.Irfft(DArray.Zeros<Complex128>([1], [1]), 1).ComputeSync().Data);
    }

    [Fact]
    public void Fft_IntegerInput_IsPromotedToComplex()
    {
        var x = DArray.FromArray(new[] { 1, 2, 3, 4 }, [4], [4]);

        var result = x.Fft().ComputeSync().Data;

        Complex128[] expected = [new(10, 0), new(-2, 2), new(-2, 0), new(-2, -2)];
        Assert.All(Enumerable.Range(0, 4), k => Assert.True((result[k] - expected[k]).Magnitude < 1e-14, $"{k}: {result[k]} vs {expected[k]}"));
    }

    [Fact]
    public void Fft_AxisInSeveralChunks_ThrowsNamingTheAxisAndRechunk()
    {
        var x = Input<double>("a2", [[2, 4], [5]]);

        var error = Assert.Throws<ArgumentException>(() => x.Fft(axis: 0));

        Assert.Contains("axis 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("x.Rechunk([-1, 5])", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => F.Fft2(x));
        Assert.Throws<ArgumentException>(() => F.Rfftn(x, axes: [1, 0]));
        Assert.Throws<ArgumentException>(() => F.Irfft(x.AsType<Complex128>(), axis: 0));
        Close("fft_a2_axis0", x.Rechunk([-1, 5]).Fft(axis: 0));
    }

    [Fact]
    public void Fft_BadArguments_ThrowClearErrors()
    {
        var x = Input<double>("x7");

        Assert.Contains("norm", Assert.Throws<ArgumentException>(() => x.Fft(norm: "sideways")).Message, StringComparison.Ordinal);
        Assert.Contains("(0)", Assert.Throws<ArgumentException>(() => x.Fft(n: 0)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => F.Irfft(Input<double>("one")));
        Assert.Throws<ArgumentException>(() => Input<double>("empty").Fft(axis: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Fft(axis: 1));
        Assert.Contains("2 lengths", Assert.Throws<ArgumentException>(() => F.Fftn(Input<double>("a2"), [4, 4], [0])).Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => F.Rfft(Input<Complex128>("c9")));
    }
}
