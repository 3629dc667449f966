using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.ElementTypes;

/// <summary>
/// The small integer and float16 dtypes against NumPy's own answers: promotion, .npy round trips,
/// arithmetic that wraps where NumPy's wraps, reductions in the element type, and casts.
/// </summary>
public class SmallDTypeTests
{
    public static TheoryData<string> Numeric => DTypeFixtures.Numeric;

    [Fact]
    public void Promote_EveryPairOfDTypes_MatchesNumPysPromoteTypes()
    {
        var rows = File.ReadAllLines(DTypeFixtures.PathOf("promotion.csv")).Skip(1).Select(l => l.Split(',')).ToArray();

        Assert.Equal(DTypeFixtures.Real.Count * DTypeFixtures.Real.Count, rows.Length);
        Assert.All(rows, row => Assert.Equal(row[2], DArray.ResultType(row[0], row[1])));
    }

    [Fact]
    public void Promote_Complex128WithEveryDType_IsComplex128AsInNumPy()
    {
        Assert.All(DTypes.Names, name =>
        {
            Assert.Equal("complex128", DArray.ResultType(name, "complex128"));
            Assert.Equal("complex128", DArray.ResultType("complex128", name));
        });
    }

    [Theory]
    [InlineData("uint8", "int8", "int16")]
    [InlineData("uint32", "int32", "int64")]
    [InlineData("uint64", "int64", "float64")]
    [InlineData("int16", "float16", "float32")]
    [InlineData("uint8", "float16", "float16")]
    [InlineData("int64", "float16", "float64")]
    public void ResultType_IssueExamples_MatchNumPy(string x, string y, string expected)
    {
        Assert.Equal(expected, DArray.ResultType(x, y));
        Assert.Equal(expected, DArray.ResultType(y, x));
    }

    [Theory]
    [MemberData(nameof(Numeric))]
    public void LoadNpy_NumPyFile_RoundTripsBytesAndDType(string dtype) => DTypeFixtures.RunFor(typeof(SmallDTypeTests), nameof(RoundTrip), dtype);

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Arithmetic_NumPyInputs_MatchesNumPyIncludingWraparound(string dtype) => DTypeFixtures.RunFor(typeof(SmallDTypeTests), nameof(Arithmetic), dtype);

    [Theory]
    [MemberData(nameof(Numeric))]
    public void Reductions_AlongAxisZero_AccumulateInTheElementTypeAsNumPyDoes(string dtype) => DTypeFixtures.RunFor(typeof(SmallDTypeTests), nameof(Reductions), dtype);

    [Theory]
    [InlineData("int8", "int64")]
    [InlineData("uint8", "uint64")]
    [InlineData("int16", "int64")]
    [InlineData("uint16", "uint64")]
    [InlineData("uint32", "uint64")]
    [InlineData("uint64", "uint64")]
    [InlineData("float16", "float16")]
    public void Sum_InNumPysDefaultAccumulator_MatchesNumPysSum(string dtype, string accumulator) =>
        DTypeFixtures.RunFor(typeof(SmallDTypeTests), nameof(DefaultSum), dtype, accumulator);

    [Theory]
    [InlineData("int8")]
    [InlineData("uint8")]
    [InlineData("int16")]
    [InlineData("uint16")]
    [InlineData("int32")]
    [InlineData("uint32")]
    [InlineData("int64")]
    [InlineData("uint64")]
    [InlineData("float16")]
    public void AsType_ToEveryNumericDType_MatchesNumPysAstype(string from)
    {
        foreach (var to in DTypeFixtures.Numeric)
        {
            DTypeFixtures.RunFor(typeof(SmallDTypeTests), nameof(Cast), from, to);
        }
    }

    [Fact]
    public void MixedOperators_EveryPairOfNumericDTypes_GiveNumPysPromotedSums()
    {
        var names = DTypeFixtures.Real.Where(n => n != "bool").ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            for (var j = i + 1; j < names.Length; j++)
            {
                var sum = DArray.Add(Input(names[i]), Input(names[j]));
                Assert.Equal(DArray.ResultType(names[i], names[j]), sum.DType);
                var expected = NDArray.LoadNpy(DTypeFixtures.PathOf($"mixed_{names[i]}_{names[j]}.npy"));
                Assert.Equal(expected.DType, sum.DType);
                var actual = sum.ComputeBlock();
                Assert.True(expected.AsBytes().SequenceEqual(actual.AsBytes()), $"{names[i]} + {names[j]} differs from NumPy's");
            }
        }
    }

    [Fact]
    public void Operators_UInt8PlusInt8_IsTypedInt16()
    {
        var u = DArray.FromArray(new byte[] { 250, 5, 0 }, [3], [2]);
        var s = DArray.FromArray(new sbyte[] { 10, -6, -128 }, [3], [2]);

        DArray<short> sum = u + s;

        Assert.Equal([260, -1, -128], sum.ComputeSync().Data);
    }

    [Fact]
    public void Operators_SmallDTypesWithComplex128_GiveComplex128AsNumPy()
    {
        var bytes = DArray.FromArray(new byte[] { 250, 5, 0 }, [3], [2]);
        var halves = DArray.FromArray(new[] { (Half)1.5, (Half)(-2), (Half)65504 }, [3], [2]);
        var z = DArray.FromArray(new[] { new Complex128(1, 1), new Complex128(0, -2), new Complex128(-0.5, 0) }, [3], [2]);

        DArray<Complex128> fromBytes = bytes + z;
        DArray<Complex128> fromHalves = halves * z;

        // NumPy: np.uint8([250, 5, 0]) + z and np.float16([1.5, -2, 65504]) * z.
        Assert.Equal([new Complex128(251, 1), new Complex128(5, -2), new Complex128(-0.5, 0)], fromBytes.ComputeSync().Data);
        Assert.Equal([new Complex128(1.5, 1.5), new Complex128(0, 4), new Complex128(-32752, 0)], fromHalves.ComputeSync().Data);
    }

    [Fact]
    public void Operators_Float16WithDoubleScalar_StaysFloat16()
    {
        var x = DArray.FromArray(new[] { (Half)1.5, (Half)2, (Half)65504 }, [3], [2]);

        DArray<Half> sum = x + 0.5;
        var bigger = x > 1.75;

        Assert.Equal([(Half)2, (Half)2.5, (Half)65504], sum.ComputeSync().Data);
        Assert.Equal([false, true, true], bigger.ComputeSync().Data.Select(b => (bool)b));
    }

    [Fact]
    public void Ufuncs_OfSmallIntegers_ComputeInNumPysLoopFloat()
    {
        DArray<Half> bytes = DArray.FromArray(new byte[] { 1, 4, 8 }, [3], [2]).Log2();
        DArray<float> shorts = DArray.FromArray(new short[] { 1, 100, 10000 }, [3], [2]).Log10();

        Assert.Equal([(Half)0, (Half)2, (Half)3], bytes.ComputeSync().Data);
        Assert.Equal([0f, 2f, 4f], shorts.ComputeSync().Data);
    }

    [Fact]
    public void Sum_OfFloat16_AddsEachBlockInFloat32AndRowsInFloat16AsNumPyDoes()
    {
        // NumPy: np.ones(4096, np.float16).sum() == 4096, np.ones((4096, 2), np.float16).sum(axis=0) == [2048, 2048].
        var ones = DArray.Ones<Half>([4096], [4096]);
        var rows = DArray.Ones<Half>([4096, 2], [4096, 2]);

        Assert.Equal((Half)4096, ones.Sum().ComputeSync());
        Assert.Equal([(Half)2048, (Half)2048], rows.Sum(0).ComputeSync().Data);
    }

    private static DArray<T> Input<T>(string name)
        where T : unmanaged, INumber<T> => DTypeFixtures.Input<T>(name);

    private static IDArray Input(string dtype) => dtype switch
    {
        "int8" => Input<sbyte>("x_int8"),
        "uint8" => Input<byte>("x_uint8"),
        "int16" => Input<short>("x_int16"),
        "uint16" => Input<ushort>("x_uint16"),
        "int32" => Input<int>("x_int32"),
        "uint32" => Input<uint>("x_uint32"),
        "int64" => Input<long>("x_int64"),
        "uint64" => Input<ulong>("x_uint64"),
        "float16" => Input<Half>("x_float16"),
        "float32" => Input<float>("x_float32"),
        _ => Input<double>("x_float64"),
    };

    private static void RoundTrip<T>(string dtype)
        where T : unmanaged, INumber<T>
    {
        var path = DTypeFixtures.PathOf($"x_{dtype}.npy");
        var loaded = NDArray.LoadNpy(path);
        Assert.Equal(dtype, loaded.DType);

        using var written = new MemoryStream();
        ((NDArray<T>)loaded).SaveNpy(written);

        Assert.Equal(File.ReadAllBytes(path), written.ToArray());
    }

    private static void Arithmetic<T>(string dtype)
        where T : unmanaged, INumber<T>
    {
        var (x, y) = (Input<T>($"x_{dtype}"), Input<T>($"y_{dtype}"));

        DTypeFixtures.Equal($"add_{dtype}", (x + y).ComputeSync());
        DTypeFixtures.Equal($"subtract_{dtype}", (x - y).ComputeSync());
        DTypeFixtures.Equal($"multiply_{dtype}", (x * y).ComputeSync());
    }

    private static void Reductions<T>(string dtype)
        where T : unmanaged, INumber<T>
    {
        var x = Input<T>($"x_{dtype}");

        DTypeFixtures.Equal($"sum0_{dtype}", x.Sum(0).ComputeSync());
        DTypeFixtures.Equal($"max0_{dtype}", x.Max(0).ComputeSync());
        DTypeFixtures.Equal($"min0_{dtype}", x.Min(0).ComputeSync());
    }

    private static void DefaultSum<T>(string dtype, string accumulator)
        where T : unmanaged, INumber<T>
    {
        var x = Input<T>($"x_{dtype}");
        IDArray sum = accumulator switch
        {
            "int64" => x.Sum<long>([0, 1]),
            "uint64" => x.Sum<ulong>([0, 1]),
            _ => x.Sum([0, 1]),
        };

        var expected = NDArray.LoadNpy(DTypeFixtures.PathOf($"sum_default_{dtype}.npy"));
        Assert.Equal(expected.DType, sum.DType);
        Assert.True(expected.AsBytes().SequenceEqual(sum.ComputeBlock().AsBytes()), $"sum of {dtype} differs from NumPy's");
    }

    private static void Cast<T>(string from, string to)
        where T : unmanaged, INumber<T>
    {
        var cast = Input<T>(from == "float16" ? "cast_source_float16" : $"x_{from}").AsType(to);

        var expected = NDArray.LoadNpy(DTypeFixtures.PathOf($"cast_{from}_{to}.npy"));
        Assert.Equal(to, cast.DType);
        Assert.True(expected.AsBytes().SequenceEqual(cast.ComputeBlock().AsBytes()), $"{from} to {to} differs from NumPy's astype");
    }
}
