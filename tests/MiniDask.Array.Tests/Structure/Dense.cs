namespace MiniDask.Array.Tests;

/// <summary>
/// A plain dense reference array (row-major doubles and a shape) with loop-based versions of
/// the NumPy operations the chunked array is checked against. Nothing here uses MiniDask code.
/// </summary>
internal sealed class Dense(double[] data, int[] shape)
{
    public double[] Data { get; } = data;

    public int[] Shape { get; } = shape;

    public static Dense Random(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var n = shape.Aggregate(1, (a, b) => a * b);
        return new Dense([.. Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 100, 2))], shape);
    }

    public double this[int[] index] => Data[Flat(index, Shape)];

    /// <summary>The array whose element at each output index is this array's element at <paramref name="source"/>(index).</summary>
    public Dense Map(int[] outShape, Func<int[], int[]> source)
    {
        var n = outShape.Aggregate(1, (a, b) => a * b);
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = this[source(ArrayIndex.Unravel(i, outShape))];
        }

        return new Dense(result, outShape);
    }

    public Dense Reshape(int[] shape) => new(Data, shape);

    /// <summary>NumPy basic indexing with (start, step, count, drop) per axis, as Python's slice.indices gives them.</summary>
    public Dense Select((int Start, int Step, int Count, bool Drop)[] axes)
    {
        var outShape = axes.Where(a => !a.Drop).Select(a => a.Count).ToArray();
        return Map(outShape, o =>
        {
            var src = new int[Shape.Length];
            var k = 0;
            for (var a = 0; a < axes.Length; a++)
            {
                var t = axes[a].Drop ? 0 : o[k++];
                src[a] = axes[a].Start + (t * axes[a].Step);
            }

            return src;
        });
    }

    public Dense Take(int[] indices, int axis)
    {
        var outShape = (int[])Shape.Clone();
        outShape[axis] = indices.Length;
        return Map(outShape, o =>
        {
            var src = (int[])o.Clone();
            src[axis] = indices[o[axis]];
            return src;
        });
    }

    public Dense Transpose(int[] perm) =>
        Map([.. perm.Select(p => Shape[p])], o =>
        {
            var src = new int[Shape.Length];
            for (var i = 0; i < perm.Length; i++)
            {
                src[perm[i]] = o[i];
            }

            return src;
        });

    public static Dense Concatenate(Dense[] parts, int axis)
    {
        var outShape = (int[])parts[0].Shape.Clone();
        outShape[axis] = parts.Sum(p => p.Shape[axis]);
        var n = outShape.Aggregate(1, (a, b) => a * b);
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            var idx = ArrayIndex.Unravel(i, outShape);
            var p = 0;
            while (idx[axis] >= parts[p].Shape[axis])
            {
                idx[axis] -= parts[p++].Shape[axis];
            }

            result[i] = parts[p][idx];
        }

        return new Dense(result, outShape);
    }

    /// <summary>The naive triple loop: <c>(m, k) · (k, n)</c>.</summary>
    public static double[] MatMul(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var p = 0; p < k; p++)
                {
                    s += a[(i * k) + p] * b[(p * n) + j];
                }

                c[(i * n) + j] = s;
            }
        }

        return c;
    }

    private static int Flat(int[] index, int[] shape)
    {
        var f = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            f = (f * shape[i]) + index[i];
        }

        return f;
    }
}
