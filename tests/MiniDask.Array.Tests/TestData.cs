using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>Shared inputs and plain-loop references for the array tests.</summary>
internal static class TestData
{
    /// <summary>The sequential reference scheduler; tests do not depend on the ambient default.</summary>
    public static readonly IScheduler Sync = new SyncScheduler();

    /// <summary>A dense row-major matrix with distinct, non-integer values.</summary>
    public static double[] Matrix(int rows, int cols, double offset = 0) =>
        [.. Enumerable.Range(0, rows * cols).Select(i => offset + (i * 0.5) - (i % 3))];

    public static NDArray<T> ComputeSync<T>(this DArray<T> x)
        where T : unmanaged, System.Numerics.INumber<T> => x.Compute(scheduler: Sync);

    public static T ComputeSync<T>(this DScalar<T> x)
        where T : unmanaged, System.Numerics.INumber<T> => x.Compute(scheduler: Sync);

    public static double[] Transpose(double[] x, int rows, int cols)
    {
        var t = new double[x.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = x[(i * cols) + j];
            }
        }

        return t;
    }

    public static double[] ColumnSums(double[] x, int rows, int cols)
    {
        var s = new double[cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                s[j] += x[(i * cols) + j];
            }
        }

        return s;
    }

    public static double[] RowSums(double[] x, int rows, int cols)
    {
        var s = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                s[i] += x[(i * cols) + j];
            }
        }

        return s;
    }
}
