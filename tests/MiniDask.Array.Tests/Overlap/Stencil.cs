using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Overlap;

/// <summary>The 5-point stencil <c>4x[i,j] - x[i-1,j] - x[i+1,j] - x[i,j-1] - x[i,j+1]</c>, on a block and densely.</summary>
internal static class Stencil
{
    /// <summary>The stencil at every interior point of <paramref name="x"/>; its one-element rim is left zero (the margin an overlap trims).</summary>
    public static NDArray<double> FivePoint(NDArray<double> x)
    {
        var (rows, cols) = (x.Shape[0], x.Shape[1]);
        var result = new NDArray<double>([rows, cols]);
        var s = x.Data;
        var d = result.Data;
        for (var i = 1; i < rows - 1; i++)
        {
            for (var j = 1; j < cols - 1; j++)
            {
                var at = (i * cols) + j;
                d[at] = (4 * s[at]) - s[at - cols] - s[at + cols] - s[at - 1] - s[at + 1];
            }
        }

        return result;
    }

    /// <summary>The stencil over the whole of <paramref name="x"/>, wrapping around its edges (indices modulo the shape).</summary>
    public static NDArray<double> Periodic(NDArray<double> x)
    {
        var (rows, cols) = (x.Shape[0], x.Shape[1]);
        var result = new NDArray<double>([rows, cols]);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                result.Data[(i * cols) + j] = (4 * x[i, j]) - x[(i + rows - 1) % rows, j] - x[(i + 1) % rows, j] - x[i, (j + cols - 1) % cols] - x[i, (j + 1) % cols];
            }
        }

        return result;
    }

    /// <summary>The stencil over the whole of <paramref name="x"/>, mirrored at its edges as NumPy's <c>pad(mode='symmetric')</c> (a neighbour past the edge is the edge element).</summary>
    public static NDArray<double> Reflect(NDArray<double> x)
    {
        var (rows, cols) = (x.Shape[0], x.Shape[1]);
        var result = new NDArray<double>([rows, cols]);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                result.Data[(i * cols) + j] = (4 * x[i, j]) - x[Math.Max(i - 1, 0), j] - x[Math.Min(i + 1, rows - 1), j] - x[i, Math.Max(j - 1, 0)] - x[i, Math.Min(j + 1, cols - 1)];
            }
        }

        return result;
    }
}
