using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Conformance;

/// <summary>
/// The array expressions every execution mode must compute exactly as the host does: each dtype
/// (float64, float32, int32, int64, bool) on layouts from 0-d to 3-D with uneven chunks, one
/// block, one element per block and empty axes, through elementwise ops (with broadcasting,
/// transposed and reversed operands), reductions, cumulative sums, joins, slicing, reshaping,
/// rechunking, masks, matmul and the transcendental functions. The op lists are in
/// <see cref="ConformanceOps"/>.
/// </summary>
internal static class ConformanceCatalog
{
    /// <summary>Shapes and chunks: uneven, one block, one element per block, square, 3-D, empty, 0-d.</summary>
    private static readonly (int[] Shape, int[] Chunks)[] Layouts =
    [
        ([7], [3]),
        ([6], [6]),
        ([5], [1]),
        ([7, 5], [3, 2]),
        ([4, 4], [2, 3]),
        ([3, 4], [1, 1]),
        ([5, 6], [5, 6]),
        ([4, 1, 3], [3, 1, 2]),
        ([2, 3, 4], [1, 2, 3]),
        ([0, 4], [2, 3]),
        ([], []),
    ];

    /// <summary>Every LocalCluster case is one of these many; the rest run locally only.</summary>
    private const int ClusterStride = 29;

    /// <summary>Every case, in a fixed order.</summary>
    public static IReadOnlyList<ConformanceCase> All { get; } = Build();

    private static readonly Dictionary<string, ConformanceCase> ByName = All.ToDictionary(c => c.Name);

    /// <summary>The case named <paramref name="name"/>.</summary>
    public static ConformanceCase Get(string name) => ByName[name];

    private static List<ConformanceCase> Build()
    {
        var cases = new List<ConformanceCase>();
        for (var i = 0; i < Layouts.Length; i++)
        {
            var (shape, chunks) = Layouts[i];
            cases.AddRange(ConformanceOps.For(Input<double>(shape, chunks, i), Floats<double>()));
            cases.AddRange(ConformanceOps.For(Input<float>(shape, chunks, i), Floats<float>()));
            cases.AddRange(ConformanceOps.For(Input<int>(shape, chunks, i), []));
            cases.AddRange(ConformanceOps.For(Input<long>(shape, chunks, i), []));
            cases.AddRange(ConformanceOps.For(Input<Bool>(shape, chunks, i), []));
        }

        cases.AddRange(ConformanceOps.Minimised());
        for (var i = 0; i < cases.Count; i++)
        {
            cases[i].OnCluster |= i % ClusterStride == 0;
        }

        return cases;
    }

    /// <summary>
    /// The inputs of one dtype and layout: <c>x</c> (the layout's chunks) and <c>y</c> (the same
    /// shape, other values, chunks of 2 along every axis), as seeded dense data.
    /// </summary>
    private static ConformanceInput<T> Input<T>(int[] shape, int[] chunks, int seed)
        where T : unmanaged, INumber<T>
    {
        var n = shape.Aggregate(1, (a, b) => a * b);
        var x = Values<T>(n, seed);
        var y = Values<T>(n, seed + 100);
        var other = shape.Select(d => Math.Max(1, Math.Min(2, d))).ToArray();
        var name = $"{DTypes.NameOf<T>()} {Shapes.Format(shape)}/{Shapes.Format(chunks)}";
        return new ConformanceInput<T>(name, shape, () => DArray.FromArray(x, shape, chunks), () => DArray.FromArray(y, shape, other));
    }

    /// <summary>Seeded values: floats in [-3, 3] with three decimals (the first a negative zero), integers in [-9, 9], booleans.</summary>
    private static T[] Values<T>(int n, int seed)
        where T : unmanaged, INumber<T>
    {
        var random = new Random(seed);
        var values = new T[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = typeof(T) == typeof(Bool) ? T.CreateTruncating(random.Next(2))
                : typeof(T) == typeof(double) || typeof(T) == typeof(float) ? T.CreateTruncating(i == 0 ? -0.0 : Math.Round((random.NextDouble() - 0.5) * 6, 3))
                : T.CreateTruncating(random.Next(-9, 10));
        }

        return values;
    }

    /// <summary>The functions of floating-point arrays, as (name, expression) pairs.</summary>
    private static (string Name, Func<DArray<T>, DArray<T>> Apply)[] Floats<T>()
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            (string, Func<DArray<double>, DArray<double>>)[] f =
            [
                ("x.Exp()", a => a.Exp()), ("x.Log()", a => a.Log()), ("x.Sqrt()", a => a.Sqrt()), ("x.Sin()", a => a.Sin()),
                ("x.Cos()", a => a.Cos()), ("x.Tanh()", a => a.Tanh()), ("(x * 1e-8).Tanh()", a => (a * 1e-8).Tanh()),
                ("(x * 300).Exp()", a => (a * 300).Exp()), ("x.Power(1.5)", a => a.Power(1.5)),
            ];
            return (ValueTuple<string, Func<DArray<T>, DArray<T>>>[])(object)f;
        }

        (string, Func<DArray<float>, DArray<float>>)[] g =
        [
            ("x.Exp()", a => a.Exp()), ("x.Log()", a => a.Log()), ("x.Sqrt()", a => a.Sqrt()), ("x.Sin()", a => a.Sin()),
            ("x.Cos()", a => a.Cos()), ("x.Tanh()", a => a.Tanh()), ("(x * 1e-8).Tanh()", a => (a * 1e-8f).Tanh()),
            ("(x * 30).Exp()", a => (a * 30f).Exp()), ("x.Power(1.5)", a => a.Power(1.5f)),
        ];
        return (ValueTuple<string, Func<DArray<T>, DArray<T>>>[])(object)g;
    }
}

/// <summary>The inputs of one dtype and layout (see <see cref="ConformanceCatalog"/>).</summary>
/// <param name="Name">The dtype, shape and chunks, such as <c>float64 (7, 5)/(3, 2)</c>.</param>
/// <param name="Shape">The shape of both inputs.</param>
/// <param name="X">Builds <c>x</c>.</param>
/// <param name="Y">Builds <c>y</c>, of the same shape in other chunks.</param>
internal sealed record ConformanceInput<T>(string Name, int[] Shape, Func<DArray<T>> X, Func<DArray<T>> Y)
    where T : unmanaged, INumber<T>
{
    /// <summary>The number of axes.</summary>
    public int Rank => Shape.Length;
}
