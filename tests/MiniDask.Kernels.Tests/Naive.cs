namespace MiniDask.Kernels.Tests;

/// <summary>Plain-loop reference computations the kernels are checked against.</summary>
internal static class Naive
{
    public static double[] Sequence(int n, double start = 1, double step = 1) =>
        [.. Enumerable.Range(0, n).Select(i => start + (i * step))];

    /// <summary>NumPy broadcasting by the definition: every output element reads its operands' elements directly.</summary>
    public static double[] Broadcast(double[] x, int[] xShape, double[] y, int[] yShape, int[] outShape, Func<double, double, double> f)
    {
        var count = outShape.Aggregate(1, (a, b) => a * b);
        var result = new double[count];
        var xs = ArrayIndex.Strides(xShape);
        var ys = ArrayIndex.Strides(yShape);
        for (var o = 0; o < count; o++)
        {
            var index = ArrayIndex.Unravel(o, outShape);
            int xo = 0, yo = 0;
            for (var i = 1; i <= xShape.Length; i++)
            {
                xo += (xShape[^i] == 1 ? 0 : index[^i]) * xs[^i];
            }

            for (var i = 1; i <= yShape.Length; i++)
            {
                yo += (yShape[^i] == 1 ? 0 : index[^i]) * ys[^i];
            }

            result[o] = f(x[xo], y[yo]);
        }

        return result;
    }
}
