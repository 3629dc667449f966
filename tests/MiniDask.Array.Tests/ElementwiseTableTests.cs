using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>Every new elementwise op against the dense reference, on uneven chunks and size-0/size-1 axes.</summary>
public class ElementwiseTableTests
{
    public static TheoryData<string, int> UnaryCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var op in new[] { "exp", "log", "sqrt", "sin", "cos", "tanh", "abs", "negative", "clip", "square-map" })
        {
            for (var c = 0; c < DenseReference.Cases.Length; c++)
            {
                data.Add(op, c);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void UnaryOp_RandomDataUnevenChunks_MatchesDenseReference(string op, int caseIndex)
    {
        var (shape, chunks) = DenseReference.Cases[caseIndex];
        var positive = op is "log" or "sqrt";
        var data = DenseReference.Values(ArrayIndex.Count(shape), caseIndex, positive);
        var x = DArray.FromArray(data, shape, chunks);
        (DArray<double> actual, Func<double, double> reference) = op switch
        {
            "exp" => (x.Exp(), Math.Exp),
            "log" => (x.Log(), Math.Log),
            "sqrt" => (x.Sqrt(), Math.Sqrt),
            "sin" => (x.Sin(), Math.Sin),
            "cos" => (x.Cos(), Math.Cos),
            "tanh" => (x.Tanh(), Math.Tanh),
            "abs" => (x.Abs(), Math.Abs),
            "negative" => (-x, v => -v),
            "clip" => (x.Clip(-1, 1.5), v => Math.Clamp(v, -1, 1.5)),
            _ => (x.Map(Square), (Func<double, double>)Square),
        };

        var result = actual.ComputeSync();

        Assert.Equal(shape, result.Shape.ToArray());
        Tolerance.Close([.. data.Select(reference)], result.Data, 1e-12, op);
    }

    public static TheoryData<string, int> BinaryCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var op in new[] { "add", "subtract", "multiply", "divide", "remainder", "power", "maximum", "minimum", "less", "greater_equal", "eq", "ne" })
        {
            for (var p = 0; p < Pairs.Length; p++)
            {
                data.Add(op, p);
            }
        }

        return data;
    }

    /// <summary>Operand pairs that broadcast, with chunks that differ along aligned axes.</summary>
    private static readonly ((int[] Shape, int[] Chunks) X, (int[] Shape, int[] Chunks) Y)[] Pairs =
    [
        (([7, 5], [3, 2]), ([5], [3])),
        (([7, 5], [2, 4]), ([7, 5], [3, 2])),
        (([4, 1, 3], [3, 1, 2]), ([5, 1], [2, 1])),
        (([1, 1], [1, 1]), ([6], [4])),
        (([0, 4], [2, 3]), ([4], [1])),
        (([6], [4]), ([], [])),
    ];

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void BinaryOp_BroadcastPairsWithDifferentChunks_MatchesDenseReference(string op, int pairIndex)
    {
        var (xs, ys) = Pairs[pairIndex];
        var a = DenseReference.Values(ArrayIndex.Count(xs.Shape), 10 + pairIndex, positive: op == "power");
        var b = DenseReference.Values(ArrayIndex.Count(ys.Shape), 20 + pairIndex, positive: op is "power" or "remainder");
        var x = DArray.FromArray(a, xs.Shape, xs.Chunks);
        var y = DArray.FromArray(b, ys.Shape, ys.Chunks);
        var shape = DenseReference.Broadcast(xs.Shape, ys.Shape);

        if (op is "less" or "greater_equal" or "eq" or "ne")
        {
            var mask = op switch { "less" => x < y, "greater_equal" => x >= y, "eq" => x.Eq(y), _ => x.Ne(y) };
            Func<double, double, bool> f = op switch
            {
                "less" => (p, q) => p < q,
                "greater_equal" => (p, q) => p >= q,
                "eq" => (p, q) => p == q,
                _ => (p, q) => p != q,
            };
            var result = mask.ComputeSync();
            Assert.Equal(shape, result.Shape.ToArray());
            Assert.Equal(DenseReference.Binary(a, xs.Shape, b, ys.Shape, f), DenseReference.Bools(result));
            return;
        }

        var actual = op switch
        {
            "add" => x + y,
            "subtract" => x - y,
            "multiply" => x * y,
            "divide" => x / y,
            "remainder" => x % y,
            "power" => x.Power(y),
            "maximum" => x.Maximum(y),
            _ => x.Minimum(y),
        };
        Func<double, double, double> g = op switch
        {
            "add" => (p, q) => p + q,
            "subtract" => (p, q) => p - q,
            "multiply" => (p, q) => p * q,
            "divide" => (p, q) => p / q,
            "remainder" => (p, q) => p - (Math.Floor(p / q) * q),
            "power" => Math.Pow,
            "maximum" => Math.Max,
            _ => Math.Min,
        };
        var computed = actual.ComputeSync();
        Assert.Equal(shape, computed.Shape.ToArray());
        Tolerance.Close(DenseReference.Binary(a, xs.Shape, b, ys.Shape, g), computed.Data, 1e-12, op);
    }

    [Theory]
    [InlineData(7, 3, 1)]
    [InlineData(-7, 3, 2)]
    [InlineData(7, -3, -2)]
    [InlineData(-7, -3, -1)]
    [InlineData(5, 0, 0)]
    [InlineData(int.MinValue, -1, 0)]
    public void Remainder_Integers_FollowsNumPySignOfDivisor(int x, int y, int expected)
    {
        var result = (DArray.FromArray(new[] { x }, [1], [1]) % y).ComputeSync();

        Assert.Equal(expected, result.Data[0]);
    }

    [Fact]
    public void Power_IntegerArrays_ExactAndWrapsLikeNumPy()
    {
        var x = DArray.FromArray(new[] { 2L, 3, -2, 10 }, [4], [3]);
        var e = DArray.FromArray(new[] { 10L, 3, 3, 19 }, [4], [1]);

        Assert.Equal([1024L, 27, -8, -8446744073709551616L], x.Power(e).ComputeSync().Data);
    }

    [Fact]
    public void Where_ConditionScalarsAndArrays_BroadcastAndUnifyChunks()
    {
        var a = DenseReference.Values(35, 3);
        var x = DArray.FromArray(a, [7, 5], [3, 2]);
        var column = DArray.FromArray(new double[] { 9, 8, 7, 6, 5, 4, 3 }, [7, 1], [4, 1]);

        var where = DArray.Where(x > 0.0, x, column).ComputeSync();
        var clipped = DArray.Where(x < 0.0, 0.0, x).ComputeSync();

        Assert.Equal([.. a.Select((v, i) => v > 0 ? v : 9 - (i / 5))], where.Data);
        Assert.Equal([.. a.Select(v => v < 0 ? 0 : v)], clipped.Data);
    }

    [Fact]
    public void LogicalOperators_BoolArrays_MatchTruthTables()
    {
        var p = DArray.FromArray(new Bool[] { true, true, false, false }, [4], [3]);
        var q = DArray.FromArray(new Bool[] { true, false, true, false }, [4], [1]);

        Assert.Equal([true, false, false, false], DenseReference.Bools((p & q).ComputeSync()));
        Assert.Equal([true, true, true, false], DenseReference.Bools((p | q).ComputeSync()));
        Assert.Equal([false, true, true, false], DenseReference.Bools((p ^ q).ComputeSync()));
        Assert.Equal([false, false, true, true], DenseReference.Bools((!p).ComputeSync()));
        Assert.Equal([true, true, true, false], DenseReference.Bools((p + q).ComputeSync()));
        Assert.Equal([true, false, false, false], DenseReference.Bools((p * q).ComputeSync()));
    }

    [Fact]
    public void AsType_BetweenEveryDType_MatchesNumPyCasts()
    {
        var x = DArray.FromArray(new[] { -2.7, -0.0, 0.5, 3.9, double.NaN }, [5], [2]);

        Assert.Equal([-2, 0, 0, 3], x.AsType<int>().ComputeSync().Data.Take(4));
        Assert.Equal([true, false, true, true, true], DenseReference.Bools(x.AsType<Bool>().ComputeSync()));
        Assert.Equal([1L, 0, 1, 1, 1], x.AsType<Bool>().AsType<long>().ComputeSync().Data);
        Assert.Equal([-2.7f, -0f, 0.5f, 3.9f], x.AsType<float>().ComputeSync().Data.Take(4));
        Assert.Same(x, x.AsType<double>());
    }

    [Fact]
    public void Comparisons_IntArraysAgainstScalars_VectorPathAndTailAgree()
    {
        var data = Enumerable.Range(-20, 41).ToArray();
        var x = DArray.FromArray(data, [41], [17]);

        Assert.Equal(data.Select(v => v < 3), DenseReference.Bools((x < 3).ComputeSync()));
        Assert.Equal(data.Select(v => 3 <= v), DenseReference.Bools((3 <= x).ComputeSync()));
        Assert.Equal(data.Select(v => v != 0), DenseReference.Bools(x.Ne(0).ComputeSync()));
        Assert.Equal(data.Select(v => v == 5), DenseReference.Bools(x.Eq(5).ComputeSync()));
    }

    private static double Square(double v) => v * v;
}
