using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Registers and implements the block ops of quantiles (called from <see cref="ArrayOps"/>' module initializer).</summary>
internal static class QuantileOps
{
    /// <summary>The op merging per-block percentiles: <c>(partials[], double[] at, double[] q)</c>.</summary>
    public const string MergeOp = "array.percentile-merge";

    /// <summary>Registers the ops for every element type, booleans included (NumPy's median of booleans is a float64), and the merge.</summary>
    public static void Register()
    {
        OpRegistry.Register(MergeOp, Merge);
        DTypeLists.ForEach(default(Registration));
    }

    /// <summary>
    /// NumPy's linear quantile of <paramref name="sorted"/> at fraction <paramref name="q"/>:
    /// between the elements at ranks <c>floor(q(n-1))</c> and <c>ceil(q(n-1))</c>; NaN when empty
    /// or when the values hold a NaN (which .NET sorts first).
    /// </summary>
    public static double Linear(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 0 || double.IsNaN(sorted[0]))
        {
            return double.NaN;
        }

        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        var fraction = position - low;
        return fraction == 0 ? sorted[low] : sorted[low] + ((sorted[high] - sorted[low]) * fraction);
    }

    /// <summary>
    /// Dask's <c>merge_percentiles</c>: each block's values at <c>at</c> stand for the share of its
    /// elements between consecutive fractions; the values are sorted with those weights, and the
    /// wanted fractions are read off the cumulative weights by linear interpolation.
    /// </summary>
    private static object? Merge(object?[] args)
    {
        var partials = ((object?[])args[0]!).Cast<NDArray<double>>().ToArray();
        var at = (double[])args[1]!;
        var q = (double[])args[2]!;
        var values = new List<(double Value, double Weight)>();
        var total = 0.0;
        foreach (var partial in partials)
        {
            var n = partial.Data[^1];
            if (n == 0)
            {
                continue;
            }

            total += n;
            for (var i = 0; i < at.Length; i++)
            {
                values.Add((partial.Data[i], (i == 0 ? at[0] : at[i] - at[i - 1]) * n));
            }
        }

        var result = new NDArray<double>([q.Length]);
        if (values.Count == 0 || values.Any(v => double.IsNaN(v.Value)))
        {
            result.Span.Fill(double.NaN);
            return result;
        }

        var ordered = values.OrderBy(v => v.Value).ToArray();
        var cumulative = new double[ordered.Length];
        var sum = 0.0;
        for (var i = 0; i < ordered.Length; i++)
        {
            sum += ordered[i].Weight;
            cumulative[i] = sum;
        }

        for (var k = 0; k < q.Length; k++)
        {
            result.Data[k] = Interpolate(q[k] * total, cumulative, [.. ordered.Select(v => v.Value)]);
        }

        return result;
    }

    /// <summary>NumPy's <c>interp</c>: <paramref name="x"/> placed on the increasing points <paramref name="xp"/>, clamped at the ends.</summary>
    private static double Interpolate(double x, double[] xp, double[] fp)
    {
        if (x <= xp[0])
        {
            return fp[0];
        }

        if (x >= xp[^1])
        {
            return fp[^1];
        }

        var i = System.Array.BinarySearch(xp, x);
        if (i >= 0)
        {
            // The last of equal points, as numpy.interp's search to the right.
            while (i + 1 < xp.Length && xp[i + 1] == x)
            {
                i++;
            }

            return fp[i];
        }

        i = ~i;
        var t = (x - xp[i - 1]) / (xp[i] - xp[i - 1]);
        return fp[i - 1] + ((fp[i] - fp[i - 1]) * t);
    }

    private readonly struct Registration : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T>
        {
            OpRegistry.Register(ArrayOps.Name<T>("quantile"), QuantileOps<T>.AlongAxis);
            OpRegistry.Register(ArrayOps.Name<T>("percentile-chunk"), QuantileOps<T>.Chunk);
        }
    }
}

/// <summary>The quantile block ops for element type <typeparamref name="T"/>.</summary>
internal static class QuantileOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary><c>(block, int axis, double[] q, bool scalar)</c>: the quantiles of every slice along the axis, the q axis first unless scalar.</summary>
    public static object? AlongAxis(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var axis = (int)args[1]!;
        var q = (double[])args[2]!;
        var scalar = (bool)args[3]!;
        var shape = block.Shape.ToArray();
        var length = shape[axis];
        var inner = shape.Skip(axis + 1).Aggregate(1, (n, d) => n * d);
        var outer = shape.Take(axis).Aggregate(1, (n, d) => n * d);
        int[] kept = [.. shape.Where((_, a) => a != axis)];
        var result = new NDArray<double>(scalar ? kept : [q.Length, .. kept]);
        var slice = new double[length];
        var source = block.Data;
        var slices = outer * inner;
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                for (var k = 0; k < length; k++)
                {
                    slice[k] = double.CreateChecked(source[(((o * length) + k) * inner) + i]);
                }

                System.Array.Sort(slice);
                for (var j = 0; j < q.Length; j++)
                {
                    result.Data[(j * slices) + (o * inner) + i] = QuantileOps.Linear(slice, q[j]);
                }
            }
        }

        return result;
    }

    /// <summary><c>(block, double[] at)</c>: the block's quantiles at each fraction, followed by its length.</summary>
    public static object? Chunk(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var at = (double[])args[1]!;
        var sorted = block.Data.Select(double.CreateChecked).ToArray();
        System.Array.Sort(sorted);
        var result = new NDArray<double>([at.Length + 1]);
        for (var j = 0; j < at.Length; j++)
        {
            result.Data[j] = QuantileOps.Linear(sorted, at[j]);
        }

        result.Data[^1] = sorted.Length;
        return result;
    }
}
