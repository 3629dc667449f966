using System.Numerics;
using MiniDask.Kernels.Accelerators;
using MiniDask.Tests.Devices;

namespace MiniDask.Kernels.Tests.Accelerators;

/// <summary>Every kernel of <see cref="Accelerator"/> against the host block math, written once for every accelerator.</summary>
public abstract partial class AcceleratorTests
{
    [DeviceFact]
    public void Unary_FloatOps_EqualTheHostOperators()
    {
        var x = Signed(301, seed: 20);
        var positive = new NDArray<double>([.. x.Data.Select(Math.Abs)], x.Shape);
        AssertUnary<ExpOperator<double>, double>(x, exact: HostMath);
        AssertUnary<LogOperator<double>, double>(positive, exact: HostMath);
        AssertUnary<SinOperator<double>, double>(x, exact: HostMath);
        AssertUnary<CosOperator<double>, double>(x, exact: HostMath);
        AssertUnary<TanhOperator<double>, double>(x, exact: HostMath);
        AssertUnary<SqrtOperator<double>, double>(positive, exact: true);
        AssertUnary<AbsOperator<double>, double>(x, exact: true);
        AssertUnary<NegateOperator<double>, double>(x, exact: true);
        AssertUnary<ExpOperator<float>, float>(ToFloat(x), exact: HostMath);
        AssertUnary<LogOperator<float>, float>(ToFloat(positive), exact: HostMath);
    }

    [DeviceFact]
    public void Unary_IntegerOps_EqualTheHostOperators()
    {
        var x = new NDArray<int>([int.MinValue, -7, -1, 0, 1, 7, int.MaxValue], [7]);

        AssertUnary<AbsOperator<int>, int>(x, exact: true);
        AssertUnary<NegateOperator<int>, int>(x, exact: true);
        AssertUnary<NegateOperator<long>, long>(new NDArray<long>([long.MinValue, -3, 0, 5], [4]), exact: true);
    }

    [DeviceFact]
    public void Binary_ArithmeticOnEqualShapes_EqualsTheHostBitForBit()
    {
        var x = Signed(97, seed: 21);
        var y = Signed(97, seed: 22);
        AssertBinary<AddOperator<double>, double>(x, y);
        AssertBinary<SubtractOperator<double>, double>(x, y);
        AssertBinary<MultiplyOperator<double>, double>(x, y);
        AssertBinary<DivideOperator<double>, double>(x, y);
        AssertBinary<MinimumOperator<double>, double>(x, y);
        AssertBinary<MaximumOperator<double>, double>(x, y);
        AssertBinary<RemainderOperator<double>, double>(x, y);
        AssertBinary<FloorDivideOperator<double>, double>(x, y);
        AssertBinary<AddOperator<float>, float>(ToFloat(x), ToFloat(y));
        AssertBinary<DivideOperator<float>, float>(ToFloat(x), ToFloat(y));
    }

    [DeviceFact]
    public void Binary_SpecialValues_FollowTheHostOperators()
    {
        double[] values = [0.0, -0.0, 1.5, -2.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e308, -1e-310];
        var x = new NDArray<double>([.. values.SelectMany(_ => values)], [values.Length, values.Length]);
        var y = new NDArray<double>([.. values.SelectMany(_ => values).Select((_, i) => values[i / values.Length])], [values.Length, values.Length]);

        AssertBinary<MinimumOperator<double>, double>(x, y);
        AssertBinary<MaximumOperator<double>, double>(x, y);
        AssertBinary<DivideOperator<double>, double>(x, y);
        AssertBinary<RemainderOperator<double>, double>(x, y);
        AssertBinary<FloorDivideOperator<double>, double>(x, y);
    }

    [DeviceFact]
    public void Binary_IntegerDivisionEdges_EqualTheHost()
    {
        var x = new NDArray<int>([7, -7, 7, -7, int.MinValue, 5, 0], [7]);
        var y = new NDArray<int>([2, 2, -2, -2, -1, 0, 3], [7]);

        AssertBinary<DivideOperator<int>, int>(x, y);
        AssertBinary<FloorDivideOperator<int>, int>(x, y);
        AssertBinary<RemainderOperator<int>, int>(x, y);
        AssertBinary<AddOperator<long>, long>(new NDArray<long>([long.MaxValue, 1], [2]), new NDArray<long>([1, 2], [2]));
    }

    [DeviceFact]
    public void Binary_Broadcasting_EqualsTheHost()
    {
        var x = Signed(3 * 4 * 5, seed: 23).Reshape(3, 4, 5);
        AssertBinary<SubtractOperator<double>, double>(x, Signed(5, seed: 24));
        AssertBinary<AddOperator<double>, double>(x, Signed(4, seed: 25).Reshape(4, 1));
        AssertBinary<MultiplyOperator<double>, double>(Signed(3, seed: 26).Reshape(3, 1, 1), x);
        AssertBinary<DivideOperator<double>, double>(x, NDArray<double>.Scalar(0.5));
        AssertBinary<MaximumOperator<double>, double>(Signed(4, seed: 27).Reshape(4, 1), Signed(6, seed: 28).Reshape(1, 6));
    }

    [DeviceFact]
    public void Binary_ShapesThatDoNotBroadcast_ThrowNamingThem()
    {
        using var x = Accelerator.Allocate<float>(4);
        using var y = Accelerator.Allocate<float>(5);

        var e = Assert.ThrowsAny<ArgumentException>(() => Accelerator.Binary<AddOperator<float>, float>(x, y, x));

        Assert.Contains("(4", e.Message);
    }

    [DeviceFact]
    public void Compare_EveryOperatorWithBroadcastAndNaN_EqualsTheHost()
    {
        var x = new NDArray<double>([1, 2, double.NaN, -0.0, 5, 6], [2, 3]);
        var y = new NDArray<double>([2, 2, 0.0], [3]);
        AssertCompare<LessOperator<double>, double>(x, y);
        AssertCompare<LessEqualOperator<double>, double>(x, y);
        AssertCompare<GreaterOperator<double>, double>(x, y);
        AssertCompare<GreaterEqualOperator<double>, double>(x, y);
        AssertCompare<EqualOperator<double>, double>(x, y);
        AssertCompare<NotEqualOperator<double>, double>(x, y);
        AssertCompare<LessOperator<int>, int>(new NDArray<int>([1, 5, -3], [3]), NDArray<int>.Scalar(2));
    }

    [DeviceFact]
    public void Where_BroadcastsTheConditionAndBothBranches()
    {
        var condition = new NDArray<Bool>([Bool.True, Bool.False, Bool.True], [3]);
        var x = Signed(6, seed: 29).Reshape(2, 3);
        var y = NDArray<double>.Scalar(-1);
        using var dc = Accelerator.Upload(condition);
        using var dx = Accelerator.Upload(x);
        using var dy = Accelerator.Upload(y);
        using var result = Accelerator.Allocate<double>(2, 3);

        Accelerator.Where(dc, dx, dy, result);

        AssertBits(BlockMath.Where(condition, x, y), result.Download());
    }

    [DeviceFact]
    public void ScaleAdd_IsTheHostMultiplyThenAdd()
    {
        var x = Signed(50, seed: 30);
        using var dx = Accelerator.Upload(x);
        using var result = Accelerator.Allocate<double>(50);

        Accelerator.ScaleAdd(dx, 0.1, 1.0 / 3, result);

        AssertBits(BlockMath.Binary<AddOperator<double>, double>(BlockMath.Binary<MultiplyOperator<double>, double>(x, 0.1), 1.0 / 3), result.Download());
    }

    [DeviceFact]
    public void Cast_BetweenNumericTypes_EqualsTheHostCast()
    {
        var x = new NDArray<double>([-2.7, -0.5, 0, 0.5, 2.7, 3e9, -3e9, double.NaN], [8]);
        AssertCast<double, int>(x);
        AssertCast<double, long>(x);
        AssertCast<double, float>(x);
        AssertCast<int, double>(new NDArray<int>([int.MinValue, -1, 0, 7, int.MaxValue], [5]));
        AssertCast<long, int>(new NDArray<long>([long.MaxValue, -1, 1L << 33], [3]));
    }

    [DeviceFact]
    public void Reduce_AllElements_MatchesTheHost()
    {
        var x = Signed(123 * 77, seed: 31).Reshape(123, 77);

        var sum = BlockMath.Sum(x);
        Assert.Equal(sum, Reduce<SumOperator<double>, double>(x, null).ToScalar(), Math.Abs(sum) * 1e-13);
        Assert.Equal(x.Data.Min(), Reduce<MinOperator<double>, double>(x, null).ToScalar());
        Assert.Equal(x.Data.Max(), Reduce<MaxOperator<double>, double>(x, null).ToScalar());
        var head = new NDArray<double>(x.Data[..20], [20]);
        var product = BlockMath.Reduce<ProductOperator<double>, double>(head);
        Assert.Equal(product, Reduce<ProductOperator<double>, double>(head, null).ToScalar(), Math.Abs(product) * 1e-13);
    }

    [DeviceFact]
    public void Reduce_AnySetOfAxesOfA3DBlock_MatchesTheHost()
    {
        var x = Signed(4 * 5 * 6, seed: 32).Reshape(4, 5, 6);
        int[][] axesSets = [[0], [1], [2], [-1], [0, 2], [1, 2], [0, 1, 2]];
        foreach (var axes in axesSets)
        {
            AssertClose(BlockMath.Reduce<SumOperator<double>, double>(x, axes), Reduce<SumOperator<double>, double>(x, axes), 1e-12, $"sum {string.Join(",", axes)}");
            AssertBits(BlockMath.Reduce<MinOperator<double>, double>(x, axes), Reduce<MinOperator<double>, double>(x, axes));
            AssertBits(BlockMath.Reduce<MaxOperator<double>, double>(x, axes), Reduce<MaxOperator<double>, double>(x, axes));
        }
    }

    [DeviceFact]
    public void Reduce_MinAndMaxWithNaN_PropagateNaNAsTheHostDoes()
    {
        var x = new NDArray<double>([1, double.NaN, -3, 4, 5, 6], [2, 3]);

        Assert.True(double.IsNaN(Reduce<MinOperator<double>, double>(x, null).ToScalar()));
        AssertBits(BlockMath.Reduce<MaxOperator<double>, double>(x, [0]), Reduce<MaxOperator<double>, double>(x, [0]));
    }

    [DeviceFact]
    public void Reduce_AnyAndAllOfBooleans_MatchTheHost()
    {
        var x = new NDArray<Bool>([Bool.False, Bool.False, Bool.True, Bool.True, Bool.True, Bool.True], [2, 3]);

        AssertBits(BlockMath.Reduce<AnyOperator, Bool>(x, [1]), Reduce<AnyOperator, Bool>(x, [1]));
        AssertBits(BlockMath.Reduce<AllOperator, Bool>(x, [0]), Reduce<AllOperator, Bool>(x, [0]));
        Assert.False((bool)Reduce<AllOperator, Bool>(x, null).ToScalar());
    }

    [DeviceFact]
    public void Reduce_EmptyExtent_GivesTheIdentityOrThrows()
    {
        using var empty = Accelerator.Allocate<double>(0, 3);
        using var sums = Accelerator.Allocate<double>(3);
        using var products = Accelerator.Allocate<double>(3);
        using var one = Accelerator.Allocate<double>(1);

        Accelerator.Reduce<SumOperator<double>, double>(empty, [0], sums);
        Accelerator.Reduce<ProductOperator<double>, double>(empty, [0], products);

        Assert.Equal([0.0, 0, 0], sums.Download().Data);
        Assert.Equal([1.0, 1, 1], products.Download().Data);
        Assert.Throws<ArgumentException>(() => Accelerator.Reduce<MinOperator<double>, double>(empty, null, one));
    }

    [DeviceFact]
    public void ArgExtreme_AlongAnAxisAndOverAll_MatchesNumPyRules()
    {
        var x = new NDArray<double>([3, 1, 3, double.NaN, 0, 7, -1, -1, 2], [3, 3]);
        foreach (var max in new[] { true, false })
        {
            foreach (int? axis in new int?[] { 0, 1, null })
            {
                var expected = BlockMath.ArgExtreme(x, axis, max).Indices;
                using var dx = Accelerator.Upload(x);
                using var indices = Accelerator.Allocate<long>(expected.Length);

                Accelerator.ArgExtreme(dx, axis, max, indices);

                Assert.Equal(expected.Data, indices.Download().Data);
            }
        }
    }

    [DeviceFact]
    public void Cumulative_AlongEachAxis_EqualsTheHostScan()
    {
        var x = Signed(3 * 4 * 5, seed: 33).Reshape(3, 4, 5);
        foreach (var axis in new[] { 0, 1, 2 })
        {
            AssertBits(BlockMath.Cumulative<SumOperator<double>, double>(x, axis), Cumulative<SumOperator<double>, double>(x, axis));
            AssertBits(BlockMath.Cumulative<ProductOperator<double>, double>(x, axis), Cumulative<ProductOperator<double>, double>(x, axis));
        }
    }

    [DeviceFact]
    public void Cumulative_OneLongLine_IsTheParallelScanOfTheHostSums()
    {
        var x = Signed(5000, seed: 34);

        AssertClose(BlockMath.Cumulative<SumOperator<double>, double>(x, 0), Cumulative<SumOperator<double>, double>(x, 0), 1e-11);
        Assert.Equal(
            BlockMath.Cumulative<SumOperator<int>, int>(new NDArray<int>([.. Enumerable.Range(0, 3000)], [3000]), 0).Data,
            Cumulative<SumOperator<int>, int>(new NDArray<int>([.. Enumerable.Range(0, 3000)], [3000]), 0).Data);
    }

    [DeviceFact]
    public void MeanVarStd_AlongAxes_MatchTheDefinitions()
    {
        var x = Signed(40 * 6, seed: 35).Reshape(40, 6);
        using var dx = Accelerator.Upload(x);
        using var mean = Accelerator.Allocate<double>(6);
        using var variance = Accelerator.Allocate<double>(6);
        using var std = Accelerator.Allocate<double>(40);

        Accelerator.Mean(dx, [0], mean);
        Accelerator.Var(dx, [0], variance, ddof: 1);
        Accelerator.Std(dx, [1], std);

        for (var c = 0; c < 6; c++)
        {
            var column = Enumerable.Range(0, 40).Select(r => x[r, c]).ToArray();
            var m = column.Average();
            Assert.Equal(m, mean.Download().Data[c], 1e-12);
            Assert.Equal(column.Sum(v => (v - m) * (v - m)) / 39, variance.Download().Data[c], 1e-12);
        }

        var row = Enumerable.Range(0, 6).Select(c => x[7, c]).ToArray();
        Assert.Equal(Math.Sqrt(row.Sum(v => (v - row.Average()) * (v - row.Average())) / 6), std.Download().Data[7], 1e-12);
    }

    [DeviceFact]
    public void Var_OfALargeMeanWithASmallSpread_KeepsTheSpread()
    {
        // Σx² − (Σx)²/n cancels catastrophically here; two passes do not.
        var x = new NDArray<double>([.. Enumerable.Range(0, 1000).Select(i => 1e9 + (i % 2 == 0 ? 1 : -1))], [1000]);
        using var dx = Accelerator.Upload(x);
        using var variance = Accelerator.Allocate<double>();

        Accelerator.Var(dx, null, variance);

        Assert.Equal(1.0, variance.Download().ToScalar(), 1e-9);
    }

    [DeviceFact]
    public void FillUniform_SameSeed_GivesTheHostValuesOnEveryAccelerator()
    {
        using var values = Accelerator.Allocate<double>(4, 50);

        Accelerator.FillUniform(values, seed: 7);

        var host = values.Download();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => DeviceRandom.Uniform(7, i)), host.Data);
        Assert.All(host.Data, v => Assert.InRange(v, 0.0, 1.0));
        Assert.True(host.Data.Distinct().Count() > 190);
        Assert.True(Math.Abs(host.Data.Average() - 0.5) < 0.1);
    }

    private void AssertUnary<TOp, T>(NDArray<T> x, bool exact)
        where TOp : IUnaryOperator<T>
        where T : unmanaged, INumber<T>
    {
        var expected = BlockMath.Unary<TOp, T>(x);
        var actual = Accelerator.Apply<TOp, T>(x);
        if (exact)
        {
            AssertBits(expected, actual, TOp.Name);
        }
        else
        {
            AssertClose(expected, actual, 1e-14, TOp.Name);
        }
    }

    private void AssertBinary<TOp, T>(NDArray<T> x, NDArray<T> y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, INumber<T> => AssertBits(BlockMath.Binary<TOp, T>(x, y), Accelerator.Apply<TOp, T>(x, y), typeof(TOp).Name);

    private void AssertCompare<TOp, T>(NDArray<T> x, NDArray<T> y)
        where TOp : IComparisonOperator<T>
        where T : unmanaged, INumber<T>
    {
        using var dx = Accelerator.Upload(x);
        using var dy = Accelerator.Upload(y);
        using var result = Accelerator.Allocate<Bool>(Shapes.Broadcast(x.Shape, y.Shape));

        Accelerator.Compare<TOp, T>(dx, dy, result);

        AssertBits(BlockMath.Compare<TOp, T>(x, y), result.Download(), TOp.Name);
    }

    private void AssertCast<TFrom, TTo>(NDArray<TFrom> x)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        using var dx = Accelerator.Upload(x);
        using var result = Accelerator.Allocate<TTo>(x.Shape);

        Accelerator.Cast(dx, result);

        AssertBits(BlockMath.Cast<TFrom, TTo>(x), result.Download(), $"{typeof(TFrom).Name} to {typeof(TTo).Name}");
    }

    private NDArray<T> Reduce<TOp, T>(NDArray<T> x, int[]? axes)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T> => Accelerator.Reduce<TOp, T>(x, axes);

    private NDArray<T> Cumulative<TOp, T>(NDArray<T> x, int axis)
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        using var dx = Accelerator.Upload(x);
        using var result = Accelerator.Allocate<T>(x.Shape);
        Accelerator.Cumulative<TOp, T>(dx, axis, result);
        return result.Download();
    }

    private static NDArray<double> Signed(int length, int seed)
    {
        var random = new Random(seed);
        return new NDArray<double>([.. Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 8) - 4)], [length]);
    }

    private static void AssertBits<T>(NDArray<T> expected, NDArray<T> actual, string what = "")
        where T : unmanaged, INumber<T>
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var (e, a) = (expected.AsBytes().ToArray(), actual.AsBytes().ToArray());
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        for (var i = 0; i < e.Length; i += size)
        {
            Assert.True(e.AsSpan(i, size).SequenceEqual(a.AsSpan(i, size)), $"{what} element {i / size}: expected {expected.Data[i / size]}, got {actual.Data[i / size]}");
        }
    }
}
