using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Ufuncs;

/// <summary>
/// NumPy's remaining ufuncs on chunked arrays with uneven chunks, NaN, infinities, empty and
/// one-element arrays, against the scalar definitions and values NumPy gives.
/// </summary>
public class UfuncTests
{
    private static readonly double[] Values = [-2.5, -1.5, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 1e-10, -1e-10, 0.75, -0.99, 3.7, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300];

    private static DArray<double> Uneven(double[] data) => DArray.FromArray(data, [data.Length], [Math.Max(1, data.Length)]).Rechunk([[.. Split(data.Length)]]);

    private static IEnumerable<int> Split(int n)
    {
        var sizes = new[] { 3, 1, 5, 2 };
        for (var i = 0; n > 0; i++)
        {
            var s = Math.Min(n, sizes[i % sizes.Length]);
            yield return s;
            n -= s;
        }
    }

    public static TheoryData<string> UnaryNames() =>
        ["floor", "ceil", "trunc", "rint", "log2", "log10", "exp2", "cbrt", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg", "reciprocal"];

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void FloatUnary_UnevenChunks_EqualTheScalarDefinitionBitForBit(string name)
    {
        var (array, scalar) = Unary(name);
        var actual = array(Uneven(Values)).ComputeSync().Data;

        Assert.Equal(Values.Length, actual.Length);
        for (var i = 0; i < Values.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(scalar(Values[i])), BitConverter.DoubleToInt64Bits(actual[i]));
        }
    }

    [Fact]
    public void Rounding_HalvesAndNegativeZero_AsNumPy()
    {
        var x = Uneven([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, -0.2, double.NaN]);

        Assert.Equal([-3.0, -2, -1, 0, 1, 2, -1, double.NaN], x.Floor().ComputeSync().Data);
        Assert.Equal([-2.0, -1, -0.0, 1, 2, 3, -0.0, double.NaN], x.Ceil().ComputeSync().Data);
        Assert.Equal([-2.0, -1, -0.0, 0, 1, 2, -0.0, double.NaN], x.Trunc().ComputeSync().Data);
        Assert.Equal([-2.0, -2, -0.0, 0, 2, 2, -0.0, double.NaN], x.Rint().ComputeSync().Data);
        Assert.True(double.IsNegative(x.Ceil().ComputeSync().Data[2]));
    }

    [Fact]
    public void Round_WithDecimals_AsNumPy()
    {
        var x = Uneven([1.25, 1.35, -2.675, 1234.5678, 15, 25, double.NaN]);

        // np.round([1.25, 1.35, -2.675, 1234.5678, 15, 25, nan], 1) and with -1.
        Assert.Equal([1.2, 1.4, -2.7, 1234.6, 15, 25, double.NaN], x.Round(1).ComputeSync().Data);
        Assert.Equal([0.0, 0, -0.0, 1230, 20, 20, double.NaN], x.Round(-1).ComputeSync().Data);
        Assert.Equal([20, 20, 120, -120], DArray.FromArray(new[] { 15, 25, 115, -125 }, [4], [3]).Round(-1).ComputeSync().Data);
        Assert.Equal([1.2f, 1.4f], DArray.FromArray(new[] { 1.25f, 1.35f }, [2], [1]).Round(1).ComputeSync().Data);
    }

    [Fact]
    public void Log1pAndExpm1_TinyArguments_KeepEveryDigit()
    {
        var x = Uneven([1e-10, -1e-10, 1e-300, 0.0, -1.0, 1.0, 800, -800, double.NaN]);

        var log1p = x.Log1p().ComputeSync().Data;
        var expm1 = x.Expm1().ComputeSync().Data;

        // NumPy: log1p(1e-10) = 9.9999999995e-11, expm1(1e-10) = 1.00000000005e-10.
        Assert.Equal(9.9999999995e-11, log1p[0], 1e-24);
        Assert.Equal(-1.00000000005e-10, log1p[1], 1e-24);
        Assert.Equal(1e-300, log1p[2]);
        Assert.Equal(double.NegativeInfinity, log1p[4]);
        Assert.Equal(Math.Log(2), log1p[5], 1e-15);
        Assert.Equal(1.00000000005e-10, expm1[0], 1e-24);
        Assert.Equal(-9.9999999995e-11, expm1[1], 1e-24);
        Assert.Equal(Math.E - 1, expm1[5], 1e-15);
        Assert.Equal(double.PositiveInfinity, expm1[6]);
        Assert.Equal(-1.0, expm1[7]);
        Assert.True(double.IsNaN(log1p[8]) && double.IsNaN(expm1[8]));
    }

    [Fact]
    public void IntegerInputs_ComputeInFloat64()
    {
        var x = DArray.FromArray(new[] { 1, 8, 1024, -8 }, [4], [3]);

        Assert.Equal([0.0, 3, 10, double.NaN], x.Log2().ComputeSync().Data);
        Assert.Equal([1.0, 2, Math.Cbrt(1024), -2], x.Cbrt().ComputeSync().Data);
        Assert.Equal([1.0, 0.125, 1.0 / 1024, -0.125], x.Reciprocal().ComputeSync().Data);
    }

    [Fact]
    public void FloatBinary_BroadcastAndScalar_EqualTheDefinitions()
    {
        var x = DArray.FromArray(new[] { 1.0, -1, 0, -0.0, 3, double.NaN }, [6], [4]);
        var y = DArray.FromArray(new[] { 1.0, 1, -1, -1, 4, 1 }, [6], [2]);

        Assert.Equal([Math.Atan2(1, 1), Math.Atan2(-1, 1), Math.PI, -Math.PI, Math.Atan2(3, 4), double.NaN], x.Arctan2(y).ComputeSync().Data);
        Assert.Equal([Math.Sqrt(2), Math.Sqrt(2), 1, 1, 5, double.NaN], x.Hypot(y).ComputeSync().Data);
        Assert.Equal([1.0, 1, -0.0, -0.0, 3, double.NaN], x.CopySign(y).ComputeSync().Data);
        Assert.Equal([Math.BitIncrement(1.0), Math.BitIncrement(-1.0), double.Epsilon, double.Epsilon, Math.BitDecrement(3.0), double.NaN], x.NextAfter(2.0).ComputeSync().Data);
        Assert.Equal([1.0, 1, 0, 0, 3, 1], x.FMax(y.Minimum(1.0)).ComputeSync().Data.Select(v => Math.Round(v, 12)).ToArray());
        Assert.Equal([1.0, -1, -1, -1, 3, 1], x.FMin(y).ComputeSync().Data);
    }

    [Fact]
    public void LogAddExp_InfinitiesAndLargeValues_DoNotOverflow()
    {
        var x = DArray.FromArray(new[] { 1000.0, double.PositiveInfinity, double.NegativeInfinity, 0, double.NaN }, [5], [2]);
        var y = DArray.FromArray(new[] { 1000.0, double.PositiveInfinity, double.NegativeInfinity, 0, 1 }, [5], [3]);

        var e = x.LogAddExp(y).ComputeSync().Data;
        var two = x.LogAddExp2(y).ComputeSync().Data;

        Assert.Equal([1000 + Math.Log(2), double.PositiveInfinity, double.NegativeInfinity, Math.Log(2)], e[..4]);
        Assert.True(double.IsNaN(e[4]));
        Assert.Equal([1001.0, double.PositiveInfinity, double.NegativeInfinity, 1.0], two[..4]);
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2)), DArray.FromArray(new[] { 1.0 }, [1], [1]).LogAddExp(2.0).ComputeSync().Data[0], 1e-14);
    }

    [Fact]
    public void FMod_SignOfDividend_DiffersFromRemainder()
    {
        var x = DArray.FromArray(new[] { -7, 7, -7, 7, 5 }, [5], [2]);
        var y = DArray.FromArray(new[] { 3, -3, -3, 3, 0 }, [5], [3]);

        Assert.Equal([-1, 1, -1, 1, 0], x.FMod(y).ComputeSync().Data);
        Assert.Equal([2, -2, -1, 1, 0], (x % y).ComputeSync().Data);
        Assert.Equal([-1.0, 1, -1, 1], DArray.FromArray(new[] { -7.0, 7, -7, 7 }, [4], [3]).FMod(DArray.FromArray(new[] { 3.0, -3, -3, 3 }, [4], [1])).ComputeSync().Data);
    }

    [Fact]
    public void SignAndSquare_AllNumericTypes()
    {
        Assert.Equal([-1.0, -0.0, 0, 1, double.NaN], Uneven([-3, -0.0, 0, 2, double.NaN]).Sign().ComputeSync().Data);
        Assert.Equal([-1L, 0, 1], DArray.FromArray(new[] { -5L, 0, 9 }, [3], [2]).Sign().ComputeSync().Data);
        Assert.Equal([9, 0, 16], DArray.FromArray(new[] { -3, 0, 4 }, [3], [1]).Square().ComputeSync().Data);
    }

    [Fact]
    public void Tests_NanInfFiniteSignBit_AsNumPy()
    {
        // NumPy's nan has a clear sign bit; .NET's double.NaN has it set.
        var nan = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
        var x = Uneven([1.0, nan, double.PositiveInfinity, double.NegativeInfinity, -0.0, -2]);

        Assert.Equal([false, true, false, false, false, false], x.IsNan().ComputeSync().Data.Select(b => (bool)b));
        Assert.Equal([false, false, true, true, false, false], x.IsInf().ComputeSync().Data.Select(b => (bool)b));
        Assert.Equal([true, false, false, false, true, true], x.IsFinite().ComputeSync().Data.Select(b => (bool)b));
        Assert.Equal([false, false, false, true, true, true], x.SignBit().ComputeSync().Data.Select(b => (bool)b));
        Assert.All(DArray.FromArray(new[] { 1, 2, 3 }, [3], [2]).IsFinite().ComputeSync().Data, b => Assert.True(b));
    }

    [Fact]
    public void EmptyAndSingleElement_KeepTheirShapes()
    {
        var empty = DArray.Zeros<double>([0, 3], [1, 2]);
        var one = DArray.FromArray(new[] { 0.5 }, [1], [1]);

        Assert.Equal([0, 3], empty.Arcsin().ComputeSync().Shape.ToArray());
        Assert.Equal([0, 3], empty.IsNan().ComputeSync().Shape.ToArray());
        Assert.Equal([Math.Asin(0.5)], one.Arcsin().ComputeSync().Data);
    }

    [Fact]
    public void Bitwise_IntegersAndShiftsPastTheWidth_AsNumPy()
    {
        var x = DArray.FromArray(new[] { 12, -12, 5, 255 }, [4], [3]);
        var y = DArray.FromArray(new[] { 10, 3, 1, 15 }, [4], [1]);

        Assert.Equal([8, 0, 1, 15], (x & y).ComputeSync().Data);
        Assert.Equal([14, -9, 5, 255], (x | y).ComputeSync().Data);
        Assert.Equal([6, -9, 4, 240], (x ^ y).ComputeSync().Data);
        Assert.Equal([-13, 11, -6, -256], (~x).ComputeSync().Data);
        Assert.Equal([48, -48, 20, 1020], (x << 2).ComputeSync().Data);
        Assert.Equal([3, -3, 1, 63], (x >> 2).ComputeSync().Data);
        var counts = DArray.FromArray(new[] { 32, 40, 31, 0 }, [4], [2]);
        Assert.Equal([0, 0, int.MinValue, 255], x.LeftShift(counts).ComputeSync().Data);
        Assert.Equal([0, -1, 0, 255], x.RightShift(counts).ComputeSync().Data);
        Assert.Equal([1L << 40], (DArray.FromArray(new[] { 1L }, [1], [1]) << 40L).ComputeSync().Data);
    }

    [Fact]
    public void IsClose_TolerancesInfinitiesAndNaN_AsNumPy()
    {
        var a = DArray.FromArray(new[] { 1.0, 1e10, 1e-8, double.NaN, double.PositiveInfinity, double.PositiveInfinity, 1 }, [7], [3]);
        var b = DArray.FromArray(new[] { 1.00001, 1.00001e10, 1e-9, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.1 }, [7], [2]);

        // np.isclose(a, b) and with equal_nan=True.
        Assert.Equal([true, true, true, false, true, false, false], a.IsClose(b).ComputeSync().Data.Select(v => (bool)v));
        Assert.Equal([true, true, true, true, true, false, false], a.IsClose(b, equalNan: true).ComputeSync().Data.Select(v => (bool)v));
        Assert.Equal([true, true, false, false, true, false, false], a.IsClose(b, atol: 0).ComputeSync().Data.Select(v => (bool)v));
        Assert.False(a.AllClose(b).ComputeSync());
        Assert.True(a[..3].AllClose(b[..3]).ComputeSync());
        Assert.True(DArray.FromArray(new[] { 1, 2 }, [2], [1]).IsClose(2).ComputeSync().Data[1]);
        Assert.Throws<ArgumentException>(() => a.IsClose(b, rtol: -1));
    }

    [Fact]
    public void NanToNum_DefaultsAndGivenValues_AsNumPy()
    {
        var x = Uneven([double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2]);
        var f = DArray.FromArray(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }, [3], [2]);

        Assert.Equal([0.0, double.MaxValue, double.MinValue, 2], x.NanToNum().ComputeSync().Data);
        Assert.Equal([-1.0, 10, -10, 2], x.NanToNum(-1, 10, -10).ComputeSync().Data);
        Assert.Equal([0f, float.MaxValue, float.MinValue], f.NanToNum().ComputeSync().Data);
    }

    private static (Func<DArray<double>, DArray<double>> Array, Func<double, double> Scalar) Unary(string name) => name switch
    {
        "floor" => (x => x.Floor(), Math.Floor),
        "ceil" => (x => x.Ceil(), Math.Ceiling),
        "trunc" => (x => x.Trunc(), Math.Truncate),
        "rint" => (x => x.Rint(), v => Math.Round(v, MidpointRounding.ToEven)),
        "log2" => (x => x.Log2(), Math.Log2),
        "log10" => (x => x.Log10(), Math.Log10),
        "exp2" => (x => x.Exp2(), double.Exp2),
        "cbrt" => (x => x.Cbrt(), Math.Cbrt),
        "tan" => (x => x.Tan(), Math.Tan),
        "arcsin" => (x => x.Arcsin(), Math.Asin),
        "arccos" => (x => x.Arccos(), Math.Acos),
        "arctan" => (x => x.Arctan(), Math.Atan),
        "sinh" => (x => x.Sinh(), Math.Sinh),
        "cosh" => (x => x.Cosh(), Math.Cosh),
        "arcsinh" => (x => x.Arcsinh(), Math.Asinh),
        "arccosh" => (x => x.Arccosh(), Math.Acosh),
        "arctanh" => (x => x.Arctanh(), Math.Atanh),
        "deg2rad" => (x => x.Deg2Rad(), v => v * (Math.PI / 180)),
        "rad2deg" => (x => x.Rad2Deg(), v => v * (180 / Math.PI)),
        "reciprocal" => (x => x.Reciprocal(), v => 1 / v),
        _ => throw new ArgumentException(name),
    };
}
