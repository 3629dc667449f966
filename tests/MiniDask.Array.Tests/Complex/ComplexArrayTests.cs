using MiniDask.Array.Serialization;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using static MiniDask.Array.Tests.Fft.FftAnswers;

namespace MiniDask.Array.Tests.Complex;

/// <summary>complex128 arrays against NumPy's answers (Fft/Fixtures/make_fixtures.py), in uneven chunks.</summary>
public sealed class ComplexArrayTests
{
    private static DArray<Complex128> C9 => Input<Complex128>("c9", [[4, 2, 3]]);

    private static DArray<Complex128> B2 => Input<Complex128>("b2", [[3, 1], [2, 4, 1]]);

    [Fact]
    public void Arithmetic_ArraysAndScalars_MatchNumPy()
    {
        var c = C9;

        Close("c9_times_x_plus", (c * c.Flip(0)) + ((c - 2.5) / (c + new Complex128(0, 1))));
        Close("a2_plus_c", Input<double>("a2", [[2, 4], [3, 2]]).AsType<Complex128>() + new Complex128(1, -2));
    }

    [Fact]
    public void Reductions_SumMeanProd_MatchNumPy()
    {
        // NumPy saved each scalar as a one-element array.
        Close("c9_sum", DArray.FromArray([C9.Sum().ComputeSync()], [1], [1]));
        Close("c9_mean", DArray.FromArray([C9.Mean().ComputeSync()], [1], [1]));
        Close("c9_prod", DArray.FromArray([C9[..5].Prod().ComputeSync()], [1], [1]));
        Close("b2_sum_axis0", B2.Sum(axis: 0));
    }

    [Fact]
    public void MatMul_WithConjugateTranspose_MatchesNumPy()
    {
        var b = B2;

        Close("b2_matmul", b.MatMul(b.T.Conj()));
    }

    [Fact]
    public void AbsAngleRealImagConj_MatchNumPyAndDefinitions()
    {
        var b = B2;
        var input = Load<Complex128>("b2").Data;

        Close("b2_abs", DArray.Abs(b));
        Close("b2_angle", b.Angle());
        Close("b2_angle_deg", b.Angle(deg: true));
        Assert.Equal(input.Select(z => z.Real), b.Real().ComputeSync().Data);
        Assert.Equal(input.Select(z => z.Imaginary), b.Imag().ComputeSync().Data);
        Assert.Equal(input.Select(z => new Complex128(z.Real, -z.Imaginary)), b.Conj().ComputeSync().Data);
        Assert.Equal(input, DArray.Complex(b.Real(), b.Imag()).ComputeSync().Data);
        Assert.Equal(input.Select(z => new Complex128(z.Magnitude, 0)), b.Abs().ComputeSync().Data);
    }

    [Fact]
    public void Power_ComplexExponent_MatchesNumPy()
    {
        Close("b2_power", B2.Power(new Complex128(0.5, 0.25)));
    }

    [Fact]
    public void TopK_FollowsNumPysLexicographicOrder()
    {
        Close("b2_top3_axis1", B2.TopK(3, axis: 1));
    }

    [Fact]
    public void Promotion_AnythingWithComplex_IsComplex128()
    {
        foreach (var dtype in new[] { "bool", "int32", "int64", "float32", "float64", "complex128" })
        {
            Assert.Equal("complex128", DArray.ResultType(dtype, "complex128"));
            Assert.Equal("complex128", DArray.ResultType("complex128", dtype));
        }

        var ints = DArray.FromArray(new[] { 1, 2, 3 }, [3], [2]);
        var complexes = DArray.FromArray(new[] { new Complex128(0, 1), new Complex128(1, 1), new Complex128(2, -1) }, [3], [1]);
        DArray<Complex128> sum = ints + complexes;
        DArray<Complex128> scaled = complexes * 2.0;
        Assert.Equal([new(1, 1), new(3, 1), new(5, -1)], sum.ComputeSync().Data);
        Assert.Equal([new(0, 2), new(2, 2), new(4, -2)], scaled.ComputeSync().Data);
        Assert.Equal("complex128", DArray.Add(ints, complexes).DType);
    }

    [Fact]
    public void AsType_FromRealTypesAndBack_KeepsTheRealPart()
    {
        var doubles = DArray.FromArray(new[] { 1.5, -2, 0 }, [3], [2]);

        var complexes = doubles.AsType<Complex128>();

        Assert.Equal([new(1.5, 0), new(-2, 0), new(0, 0)], complexes.ComputeSync().Data);
        Assert.Equal([1.5, -2, 0], complexes.AsType<double>().ComputeSync().Data);
        Assert.Equal([true, true, false], complexes.AsType<Bool>().ComputeSync().Data.Select(b => (bool)b));
        Assert.Equal([new(1, 0), new(0, 0)], DArray.FromArray(new Bool[] { true, false }, [2], [1]).AsType<Complex128>().ComputeSync().Data);
    }

    [Fact]
    public void Creation_ZerosOnesAndFull_HaveComplexElements()
    {
        Assert.All(DArray.Zeros<Complex128>([2, 3], [1, 2]).ComputeSync().Data, z => Assert.Equal(Complex128.Zero, z));
        Assert.All(DArray.Ones<Complex128>([3], [2]).ComputeSync().Data, z => Assert.Equal(Complex128.One, z));
        Assert.All(DArray.Full([2, 2], [1, 2], new Complex128(1, -1)).ComputeSync().Data, z => Assert.Equal(new Complex128(1, -1), z));
    }

    [Fact]
    public void RefusedOps_ThrowClearErrors()
    {
        var c = C9;

        Assert.Contains("complex128", Assert.Throws<NotSupportedException>(() => c % c).Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => c.FloorDivide(c));
        Assert.Throws<NotSupportedException>(() => c % 2.0);
        Assert.Contains("complex128", Assert.Throws<NotSupportedException>(() => c.Var()).Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => c.Std(axis: 0));
    }

    [Fact]
    public void Npy_RoundTripAndBigEndianFixture_KeepEveryValue()
    {
        var path = Path.Combine(Path.GetTempPath(), $"minidask-complex-{Guid.NewGuid():N}.npy");
        try
        {
            B2.ToNpy(path, TestData.Sync);

            Assert.Contains("'descr': '<c16'", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Equal(Load<Complex128>("b2").Data, NDArray.LoadNpy<Complex128>(path).Data);
            Assert.Equal(Load<Complex128>("b2").Data, DArray.FromNpy<Complex128>(path, [3, 2]).ComputeSync().Data);
            Assert.Equal(Load<Complex128>("b2").Data, Assert.IsType<NDArray<Complex128>>(NDArray.LoadNpy(Path.Combine(AppContext.BaseDirectory, "Fft", "Fixtures", "b2_big_endian.npy"))).Data);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NDArrayCodec_ComplexBlock_RoundTripsThroughTheWireFormat()
    {
        NDArrayCodec.Register();
        var block = Load<Complex128>("b3");

        var decoded = Assert.IsType<NDArray<Complex128>>(ValueCodecs.Decode(ValueCodecs.Encode(block)));

        Assert.Equal(block.Shape.ToArray(), decoded.Shape.ToArray());
        Assert.Equal(block.Data, decoded.Data);
    }

    [Fact]
    public void Complex128_OrderAndFormatting_FollowNumPy()
    {
        var a = new Complex128(1, 5);
        var b = new Complex128(2, -3);

        Assert.True(a < b);
        Assert.True(new Complex128(1, 2) < new Complex128(1, 3));
        Assert.Equal(b, Complex128.Max(a, b));
        Assert.Equal("(1.5-2j)", new Complex128(1.5, -2).ToString());
        Assert.Throws<OverflowException>(() => double.CreateChecked(b));
        Assert.Equal(2.0, double.CreateTruncating(b));
    }
}
