using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>The ordering, set and counting block ops for element type <typeparamref name="T"/>, in the <c>OpFunc</c> shape.</summary>
internal static class SetOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>NumPy's sort order: NaN after every number.</summary>
    private static readonly Comparison<T> Order = (x, y) =>
        T.IsNaN(x) ? (T.IsNaN(y) ? 0 : 1) : T.IsNaN(y) ? -1 : x.CompareTo(y);

    /// <summary><c>(block, int k, int axis)</c>: the |k| largest elements of every lane along the axis, largest first (k &gt; 0), or the smallest, smallest first (k &lt; 0).</summary>
    public static object? TopK(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var k = (int)args[1]!;
        var axis = (int)args[2]!;
        var picks = Picks(block, k, axis, out var lanes, out var take);
        var result = NDArray<T>.CreateUninitialized(ResultShape(block.Shape, axis, take));
        Scatter(lanes, picks, (lane, j, local) => result.Data[lanes[lane].At(j, take)] = block.Data[lanes[lane].At(local)]);
        return result;
    }

    /// <summary>
    /// <c>(block, int k, int axis, long offset, bool indices)</c>: the candidates of one block for
    /// <see cref="ArgTopK"/>: their values, or with <c>indices</c> their positions along the axis
    /// (the block's <c>offset</c> added).
    /// </summary>
    public static object? ArgTopKChunk(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var k = (int)args[1]!;
        var axis = (int)args[2]!;
        var offset = (long)args[3]!;
        var indices = (bool)args[4]!;
        var picks = Picks(block, k, axis, out var lanes, out var take);
        var shape = ResultShape(block.Shape, axis, take);
        if (indices)
        {
            var positions = new NDArray<long>(shape);
            Scatter(lanes, picks, (lane, j, local) => positions.Data[lanes[lane].At(j, take)] = offset + local);
            return positions;
        }

        var values = NDArray<T>.CreateUninitialized(shape);
        Scatter(lanes, picks, (lane, j, local) => values.Data[lanes[lane].At(j, take)] = block.Data[lanes[lane].At(local)]);
        return values;
    }

    /// <summary><c>(values, indices, int k, int axis)</c>: the positions of the |k| largest (or smallest) of the candidates.</summary>
    public static object? ArgTopK(object?[] args)
    {
        var values = (NDArray<T>)args[0]!;
        var indices = (NDArray<long>)args[1]!;
        var k = (int)args[2]!;
        var axis = (int)args[3]!;
        var picks = Picks(values, k, axis, out var lanes, out var take);
        var result = new NDArray<long>(ResultShape(values.Shape, axis, take));
        Scatter(lanes, picks, (lane, j, local) => result.Data[lanes[lane].At(j, take)] = indices.Data[lanes[lane].At(local)]);
        return result;
    }

    /// <summary><c>(block, bool counts)</c>: the block's distinct values in sorted order, or how often each occurs.</summary>
    public static object? UniqueChunk(object?[] args)
    {
        var (values, counts) = Distinct([(NDArray<T>)args[0]!], null);
        return (bool)args[1]! ? new NDArray<long>(counts, [counts.Length]) : new NDArray<T>(values, [values.Length]);
    }

    /// <summary><c>(values[], counts[] or null, bool wantCounts)</c>: the distinct values of the partials, or their total counts.</summary>
    public static object? UniqueMerge(object?[] args)
    {
        var values = ((object?[])args[0]!).Cast<NDArray<T>>().ToArray();
        var counts = args[1] is object?[] c ? c.Cast<NDArray<long>>().ToArray() : null;
        var (distinct, totals) = Distinct(values, counts);
        return (bool)args[2]! ? new NDArray<long>(totals, [totals.Length]) : new NDArray<T>(distinct, [distinct.Length]);
    }

    /// <summary><c>(block, uniques)</c>: each element's position in the sorted distinct values.</summary>
    public static object? Inverse(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var uniques = ((NDArray<T>)args[1]!).Data;
        var result = new NDArray<long>(block.Shape);
        for (var i = 0; i < block.Length; i++)
        {
            result.Data[i] = Search(uniques, block.Data[i], right: false);
        }

        return result;
    }

    /// <summary><c>(block, test, bool invert)</c>: whether each element occurs among the test elements (NaN never does, as NumPy).</summary>
    public static object? IsIn(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var test = new HashSet<T>(((NDArray<T>)args[1]!).Data);
        var invert = (bool)args[2]!;
        var result = new NDArray<Bool>(block.Shape);
        for (var i = 0; i < block.Length; i++)
        {
            result.Data[i] = (Bool)(test.Contains(block.Data[i]) != invert);
        }

        return result;
    }

    /// <summary><c>(sorted, block, bool right)</c>: where each element would be inserted into the sorted one-dimensional array to keep it sorted.</summary>
    public static object? SearchSorted(object?[] args)
    {
        var sorted = ((NDArray<T>)args[0]!).Data;
        var block = (NDArray<T>)args[1]!;
        var right = (bool)args[2]!;
        var result = new NDArray<long>(block.Shape);
        for (var i = 0; i < block.Length; i++)
        {
            result.Data[i] = Search(sorted, block.Data[i], right);
        }

        return result;
    }

    /// <summary><c>(block, double[] bins, bool right)</c>: NumPy's <c>digitize</c>, the index of the bin each element falls in, for increasing or decreasing bins.</summary>
    public static object? Digitize(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var bins = (double[])args[1]!;
        var right = (bool)args[2]!;
        var increasing = bins.Length < 2 || bins[^1] >= bins[0];
        var ordered = increasing ? bins : [.. bins.Reverse()];
        var result = new NDArray<long>(block.Shape);
        for (var i = 0; i < block.Length; i++)
        {
            var value = double.CreateChecked(block.Data[i]);
            var at = SetOps<double>.Search(ordered, value, right: !right);
            result.Data[i] = increasing ? at : bins.Length - at;
        }

        return result;
    }

    /// <summary><c>(block, weights or null)</c>: how often each non-negative integer occurs (summing the weights), as float64 partial counts.</summary>
    public static object? Bincount(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var weights = args[1] as NDArray<double>;
        var counts = new List<double>();
        for (var i = 0; i < block.Length; i++)
        {
            var value = long.CreateChecked(block.Data[i]);
            if (value < 0)
            {
                throw new ArgumentException($"Bincount takes non-negative integers; found {value}.");
            }

            while (counts.Count <= value)
            {
                counts.Add(0);
            }

            counts[(int)value] += weights?.Data[i] ?? 1;
        }

        return new NDArray<double>([.. counts], [counts.Count]);
    }

    /// <summary>
    /// <c>(first sample, double[][] edges, weights or null, other samples...)</c>: the multi-dimensional histogram of
    /// the aligned sample blocks (one per dimension) over the bin edges, as float64 counts. Bins
    /// are half open except the last of each dimension, which holds its right edge (NumPy's rule);
    /// elements outside the edges or NaN are left out.
    /// </summary>
    public static object? HistogramDd(object?[] args)
    {
        var edges = (double[][])args[1]!;
        var weights = args[2] as NDArray<double>;
        NDArray<T>[] samples = [(NDArray<T>)args[0]!, .. args.Skip(3).Cast<NDArray<T>>()];
        var counts = new NDArray<double>([.. edges.Select(e => e.Length - 1)]);
        var length = samples[0].Length;
        for (var i = 0; i < length; i++)
        {
            var flat = 0;
            var inside = true;
            for (var d = 0; inside && d < edges.Length; d++)
            {
                var bin = Bin(edges[d], double.CreateChecked(samples[d].Data[i]));
                inside = bin >= 0;
                flat = (flat * (edges[d].Length - 1)) + bin;
            }

            if (inside)
            {
                counts.Data[flat] += weights?.Data[i] ?? 1;
            }
        }

        return counts;
    }

    /// <summary>
    /// <c>(block, long rowStart, int column)</c>: the positions of the nonzero elements in
    /// row-major order, the block's first row at <c>rowStart</c>: every coordinate as rows of a
    /// <c>(n, rank)</c> block (column -1), one axis' coordinates (column &gt;= 0), or flat indices (column -2).
    /// </summary>
    public static object? ArgWhere(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var rowStart = (long)args[1]!;
        var column = (int)args[2]!;
        var shape = block.Shape.ToArray();
        var rank = shape.Length;
        var rowSize = shape.Skip(1).Aggregate(1L, (n, d) => n * d);
        var hits = new List<long>();
        for (var i = 0; i < block.Length; i++)
        {
            if (block.Data[i] != T.Zero)
            {
                hits.Add(i);
            }
        }

        if (column == -2)
        {
            return new NDArray<long>([.. hits.Select(h => (rowStart * rowSize) + h)], [hits.Count]);
        }

        var coordinates = new long[hits.Count * rank];
        for (var h = 0; h < hits.Count; h++)
        {
            var rest = hits[h];
            for (var axis = rank - 1; axis >= 0; axis--)
            {
                coordinates[(h * rank) + axis] = rest % shape[axis] + (axis == 0 ? rowStart : 0);
                rest /= shape[axis];
            }
        }

        return column < 0
            ? new NDArray<long>(coordinates, [hits.Count, rank])
            : new NDArray<long>([.. Enumerable.Range(0, hits.Count).Select(h => coordinates[(h * rank) + column])], [hits.Count]);
    }

    /// <summary>The first position in <paramref name="sorted"/> whose element is not below <paramref name="value"/> (or, with <paramref name="right"/>, above it).</summary>
    internal static long Search(T[] sorted, T value, bool right)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            var c = Order(sorted[mid], value);
            if (c < 0 || (right && c == 0))
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>The bin of <paramref name="value"/> among increasing <paramref name="edges"/>, or -1 outside them.</summary>
    private static int Bin(double[] edges, double value)
    {
        if (double.IsNaN(value) || value < edges[0] || value > edges[^1])
        {
            return -1;
        }

        var at = (int)SetOps<double>.Search(edges, value, right: true) - 1;
        return Math.Min(at, edges.Length - 2);
    }

    /// <summary>The distinct values of the partials, sorted with NaN last, with their total counts (one each where no counts are given).</summary>
    private static (T[] Values, long[] Counts) Distinct(NDArray<T>[] values, NDArray<long>[]? counts)
    {
        var totals = new SortedDictionary<T, long>(Comparer<T>.Create(Order));
        for (var p = 0; p < values.Length; p++)
        {
            for (var i = 0; i < values[p].Length; i++)
            {
                var value = values[p].Data[i];
                totals[value] = totals.GetValueOrDefault(value) + (counts?[p].Data[i] ?? 1);
            }
        }

        return ([.. totals.Keys], [.. totals.Values]);
    }

    /// <summary>The lanes of <paramref name="block"/> along <paramref name="axis"/>, and per lane the local positions of its |k| picks in order.</summary>
    private static int[][] Picks(NDArray<T> block, int k, int axis, out Lane[] lanes, out int take)
    {
        var shape = block.Shape.ToArray();
        var length = shape[axis];
        var inner = shape.Skip(axis + 1).Aggregate(1, (n, d) => n * d);
        var outer = shape.Take(axis).Aggregate(1, (n, d) => n * d);
        take = Math.Min(Math.Abs(k), length);
        lanes = new Lane[outer * inner];
        var picks = new int[lanes.Length][];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var lane = new Lane(o, i, length, inner);
                var data = block.Data;
                var order = Enumerable.Range(0, length).ToArray();
                System.Array.Sort(order, (a, b) =>
                {
                    var c = Order(data[lane.At(a)], data[lane.At(b)]);
                    return (k > 0 ? -c : c) is var r && r != 0 ? r : a.CompareTo(b);
                });
                lanes[(o * inner) + i] = lane;
                picks[(o * inner) + i] = order[..take];
            }
        }

        return picks;
    }

    private static int[] ResultShape(ReadOnlySpan<int> shape, int axis, int take)
    {
        var result = shape.ToArray();
        result[axis] = take;
        return result;
    }

    private static void Scatter(Lane[] lanes, int[][] picks, Action<int, int, int> write)
    {
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            for (var j = 0; j < picks[lane].Length; j++)
            {
                write(lane, j, picks[lane][j]);
            }
        }
    }

    /// <summary>One lane along the axis: its outer and inner position, and how to find element <c>j</c> of it in a block whose axis has <c>length</c> elements.</summary>
    private readonly record struct Lane(int Outer, int Inner, int Length, int InnerSize)
    {
        public int At(int j) => (((Outer * Length) + j) * InnerSize) + Inner;

        public int At(int j, int length) => (((Outer * length) + j) * InnerSize) + Inner;
    }
}
