using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Conformance;

/// <summary>The expressions of <see cref="ConformanceCatalog"/>, per dtype and layout.</summary>
internal static class ConformanceOps
{
    private static readonly ComputeOptions Unoptimized = new() { Optimize = false };

    /// <summary>The cases of one input: ops of every dtype, then numeric ones (not booleans), then <paramref name="floats"/>.</summary>
    public static IEnumerable<ConformanceCase> For<T>(ConformanceInput<T> input, (string Name, Func<DArray<T>, DArray<T>> Apply)[] floats)
        where T : unmanaged, INumber<T>
    {
        var (x, y) = (input.X, input.Y);
        var cases = new List<ConformanceCase>();
        void Array<TOut>(string expression, Func<DArray<TOut>> build, ComputeOptions? options = null)
            where TOut : unmanaged, INumber<TOut> =>
            cases.Add(ConformanceCase.Of($"{input.Name} {expression}{(options is null ? "" : " unoptimized")}", build, options));
        void Scalar<TOut>(string expression, Func<DScalar<TOut>> build)
            where TOut : unmanaged, INumber<TOut> =>
            cases.Add(ConformanceCase.Of($"{input.Name} {expression}", build));

        var rank = input.Rank;
        Array("x", x);
        Array("x.T", () => x().T);
        Array("x.Reshape(-1)", () => x().Reshape(-1));
        Array("stack(x, y)", () => DArray.Stack([x(), y()]));
        Array("x.Eq(y)", () => x().Eq(y()));
        Array("x > y", () => x() > y());
        Array("where(x <= y, x, y)", () => DArray.Where(x() <= y(), x(), y()));
        Array("x.Abs()", () => x().Abs());
        Array("x > y.AsType<float>()", () => x() > y().AsType<float>());
        Array("x + 2.5", () => x() + 2.5);
        Array("x.AsType<double>()", () => x().AsType<double>());
        Array("x.AsType<int>()", () => x().AsType<int>());
        Array("x[x != 0]", () => x()[x().Ne(T.Zero)]);
        Scalar("x.Max()", () => x().Max());
        Scalar("x.Any()", () => x().Any());
        Scalar("x.ArgMax()", () => x().ArgMax());
        if (rank >= 1)
        {
            Array("x[::-1]", () => x()[Slice.Of(null, null, -1)]);
            Array("x[1::2]", () => x()[Slice.Of(1, null, 2)]);
            Array("concatenate(x, x[::-1])", () => DArray.Concatenate([x(), x()[Slice.Of(null, null, -1)]]));
            Array("concatenate(x, x[::-1])", () => DArray.Concatenate([x(), x()[Slice.Of(null, null, -1)]]), Unoptimized);
            Array("x.Rechunk(2)", () => x().Rechunk([.. input.Shape.Select(_ => 2)]));
            Array("x.Take([-1, 0, 0])", () => x().Take([input.Shape[0] - 1, 0, 0], axis: 0));
            Array("x.Min(axis: 0)", () => x().Min(axis: 0));
            Array("x.All(axis: -1)", () => x().All(axis: -1));
        }

        if (rank == 2)
        {
            Array("x.Compress(x[:, 0] != 0, 0)", () => x().Compress(x()[Slice.All, 0].Ne(T.Zero), 0));
        }

        if (typeof(T) == typeof(Bool))
        {
            return cases;
        }

        Array("x + y", () => x() + y());
        Array("x - y", () => x() - y());
        Array("x * 3", () => x() * T.CreateTruncating(3));
        Array("2 - x", () => T.CreateTruncating(2) - x());
        Array("x / y", () => x() / y());
        Array("x % y", () => x() % y());
        Array("x.FloorDivide(y)", () => x().FloorDivide(y()));
        Array("x.Power(2)", () => x().Power(T.CreateTruncating(2)));
        Array("-x", () => -x());
        Array("x.Maximum(y)", () => x().Maximum(y()));
        Array("x.Clip(-1, 2)", () => x().Clip(-T.One, T.CreateTruncating(2)));
        Array("x - x.Mean()", () => x() - x().Mean().AsArray());
        Scalar("x.Sum()", () => x().Sum());
        Scalar("x.Prod()", () => x().Prod());
        Scalar("x.Mean()", () => x().Mean());
        Scalar("x.Var()", () => x().Var());
        Scalar("x.Std(ddof: 1)", () => x().Std(ddof: 1));
        Scalar("x.Min()", () => x().Min());
        Scalar("x.Sum<long>()", () => x().Sum<long>());
        Scalar("x.ArgMin()", () => x().ArgMin());
        if (rank >= 1)
        {
            var last = input.Shape[^1];
            Array("x + b (last axis)", () => x() + DArray.FromArray([.. Enumerable.Range(1, last).Select(v => T.CreateTruncating(v))], [last], [2]));
            Array("x.Sum(axis: 0)", () => x().Sum(axis: 0));
            Array("x.Sum(axis: -1, keepDims: true)", () => x().Sum(axis: -1, keepDims: true));
            Array("x.Mean(axis: 0)", () => x().Mean(axis: 0));
            Array("x.Max(axis: -1)", () => x().Max(axis: -1));
            Array("x.Var(-1)", () => x().Var(-1));
            Array("x.ArgMin(axis: 0)", () => x().ArgMin(axis: 0));
            Array("x.CumSum(0)", () => x().CumSum(0));
            Array("x.CumSum(0)", () => x().CumSum(0), Unoptimized);
            Array("x.CumProd(-1)", () => x().CumProd(-1));
            Array("x[x > 0].CumSum(0)", () => x()[x() > T.Zero].CumSum(0));
            Array("x[x > 0].CumSum(0)", () => x()[x() > T.Zero].CumSum(0), Unoptimized);
            Scalar("x[x > 0].Sum()", () => x()[x() > T.Zero].Sum());
            Scalar("x[x > 0].Mean()", () => x()[x() > T.Zero].Mean());
        }

        if (rank == 2)
        {
            Array("x.MatMul(x.T)", () => x().MatMul(x().T));
            Array("x.T.MatMul(y)", () => x().T.MatMul(y()));
            if (input.Shape[0] == input.Shape[1])
            {
                Array("x + y.T", () => x() + y().T);
            }
        }

        foreach (var (name, apply) in floats)
        {
            Array(name, () => apply(x()));
        }

        return cases;
    }

    /// <summary>The issue's minimised cases (execution devices once got them wrong), all on the cluster too.</summary>
    public static IEnumerable<ConformanceCase> Minimised()
    {
        var masked = () => DArray.FromArray([.. Enumerable.Range(0, 20).Select(i => (double)i)], [4, 5], [3, 2]);
        ConformanceCase[] cases =
        [
            ConformanceCase.Of("minimised Arange(0, 6, 1, 3).CumSum(0)", () => DArray.Arange(0.0, 6.0, 1.0, 3).CumSum(0)),
            ConformanceCase.Of("minimised concatenate(x, x[::-1]) of Arange(0, 4, 1, 2)", () => DArray.Concatenate([DArray.Arange(0.0, 4.0, 1.0, 2), DArray.Arange(0.0, 4.0, 1.0, 2)[Slice.Of(null, null, -1)]])),
            ConformanceCase.Of("minimised Ones([4, 4], [2, 3]) + Ones([4, 4], [2, 3]).T", () => DArray.Ones([4, 4], [2, 3]) + DArray.Ones([4, 4], [2, 3]).T),
            ConformanceCase.Of("minimised Zeros([0], [1]).Sum()", () => DArray.Zeros([0], [1]).Sum()),
            ConformanceCase.Of("minimised Zeros([0], [1]).Mean()", () => DArray.Zeros([0], [1]).Mean()),
            ConformanceCase.Of("minimised w[w > 7].CumSum(0) unoptimized", () => masked()[masked() > 7.0].CumSum(0), Unoptimized),
            ConformanceCase.Of("minimised Full<float>([16], [16], 1e-8f).Tanh()", () => DArray.Full<float>([16], [16], 1e-8f).Tanh()),
            ConformanceCase.Of("minimised Random([40, 30], [7, 9]).Cos()", () => DArray.Random([40, 30], [7, 9], seed: 3).Cos()),
            ConformanceCase.Of("minimised RandomNormal([40, 30], [7, 9]).Sum(axis: 0)", () => DArray.RandomNormal([40, 30], [7, 9], seed: 4).Sum(axis: 0)),
            ConformanceCase.Of("minimised Full<Bool>([5], [2], true)", () => DArray.Full<Bool>([5], [2], Bool.True)),
            ConformanceCase.Of("minimised ints.Ne(0).Eq(Bool.True)", () => DArray.FromArray([0, 3, 0, 4, 5], [5], [2]).Ne(0).Eq(Bool.True)),
            ConformanceCase.Of("minimised ints / 0", () => DArray.FromArray([7, -7, 0, int.MinValue], [4], [3]) / 0),
            ConformanceCase.Of("creation Linspace(0, 1, 13, chunks: 4)", () => DArray.Linspace(0, 1, 13, chunks: 4)),
            ConformanceCase.Of("creation Eye<int>(5, 7, k: 1, chunks: 2)", () => DArray.Eye<int>(5, 7, k: 1, chunks: 2)),
            ConformanceCase.Of("creation Arange<long>(-7, 40, 3, chunks: 4).Reshape(4, 4)", () => DArray.Arange<long>(-7, 41, 3, chunks: 4).Reshape(4, 4)),
            ConformanceCase.Of("creation Random([6, 5], [4, 2]).ExpandDims(1).Squeeze()", () => DArray.Random([6, 5], [4, 2], seed: 8).ExpandDims(1).Squeeze()),
            ConformanceCase.Of("linalg TensorDot of (4, 3, 5)/(2, 3, 2) and (5, 3)/(2, 2) over [2] and [0]", () => DArray.Random([4, 3, 5], [2, 3, 2], seed: 9).TensorDot(DArray.Random([5, 3], [2, 2], seed: 10), [2], [0])),
            ConformanceCase.Of("linalg Dot of (7,)/(3,) and (7, 2)/(2, 1)", () => DArray.Random([7], [3], seed: 11).Dot(DArray.Random([7, 2], [2, 1], seed: 12))),
            ConformanceCase.Of("linalg MatMul(...).Sum() of (30, 20)/(10, 10) and (20, 30)/(10, 10)", () => DArray.Random([30, 20], [10, 10], seed: 13).MatMul(DArray.Random([20, 30], [10, 10], seed: 14)).Sum()),
        ];
        foreach (var c in cases)
        {
            c.OnCluster = true;
        }

        return cases;
    }
}
