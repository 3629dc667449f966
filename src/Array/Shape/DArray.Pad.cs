using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>The padding modes of <see cref="DArray.Pad{T}(DArray{T}, int[][], PadMode, T)"/>, as NumPy names them.</summary>
public enum PadMode
{
    /// <summary>A constant value (NumPy's <c>constant</c>).</summary>
    Constant,

    /// <summary>The edge value repeated (NumPy's <c>edge</c>).</summary>
    Edge,

    /// <summary>The values mirrored about the edge value, which is not repeated (NumPy's <c>reflect</c>).</summary>
    Reflect,

    /// <summary>The values mirrored about the edge, which is repeated (NumPy's <c>symmetric</c>).</summary>
    Symmetric,

    /// <summary>The values from the opposite end (NumPy's <c>wrap</c>).</summary>
    Wrap,
}

/// <summary>NumPy's <c>pad</c> for chunked arrays.</summary>
public static partial class DArray
{
    /// <summary>
    /// The array padded by <paramref name="widths"/> (one <c>[before, after]</c> pair per axis, or a
    /// single pair for every axis) in <paramref name="mode"/> (NumPy's <c>pad</c>). Constant padding
    /// adds blocks of <paramref name="value"/> at each end; the other modes take each padded
    /// position's source position along the axis (widths past the axis' length reflect or wrap
    /// again, as NumPy does) and gather them with <see cref="DArray{TElement}.Take(int[], int)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A width is negative, the widths do not match the rank, or a non-constant mode pads an empty axis.</exception>
    /// <exception cref="UnknownChunkSizesException">Some block sizes are unknown.</exception>
    public static DArray<T> Pad<T>(this DArray<T> x, int[][] widths, PadMode mode = PadMode.Constant, T value = default)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(widths);
        x.RequireKnownChunks("Pad");
        if (widths.Length == 1 && x.Rank != 1)
        {
            widths = [.. Enumerable.Repeat(widths[0], x.Rank)];
        }

        if (widths.Length != x.Rank || widths.Any(w => w.Length != 2 || w[0] < 0 || w[1] < 0))
        {
            throw new ArgumentException(
                $"Pad widths must be one non-negative [before, after] pair per axis of shape {Shapes.Format(x.ShapeArray)}; got [{string.Join(", ", widths.Select(w => Shapes.Format(w)))}].",
                nameof(widths));
        }

        var result = x;
        for (var a = 0; a < x.Rank; a++)
        {
            var (before, after) = (widths[a][0], widths[a][1]);
            if (before == 0 && after == 0)
            {
                continue;
            }

            result = mode == PadMode.Constant ? PadConstant(result, a, before, after, value) : PadBySource(result, a, before, after, mode);
        }

        return result;
    }

    /// <summary>The array padded by <paramref name="width"/> on both sides of every axis (NumPy's <c>pad(x, width)</c>).</summary>
    /// <exception cref="ArgumentException">The width is negative, or a non-constant mode pads an empty axis.</exception>
    public static DArray<T> Pad<T>(this DArray<T> x, int width, PadMode mode = PadMode.Constant, T value = default)
        where T : unmanaged, INumber<T> => Pad(x, [[width, width]], mode, value);

    private static DArray<T> PadConstant<T>(DArray<T> x, int axis, int before, int after, T value)
        where T : unmanaged, INumber<T>
    {
        var parts = new List<DArray<T>>();
        var chunkOf = (int w) => x.ChunkArrays.Select((c, b) => b == axis ? [w] : c).ToArray();
        var shapeOf = (int w) => x.ShapeArray.Select((d, b) => b == axis ? w : d).ToArray();
        if (before > 0)
        {
            parts.Add(Full(shapeOf(before), chunkOf(before), value));
        }

        parts.Add(x);
        if (after > 0)
        {
            parts.Add(Full(shapeOf(after), chunkOf(after), value));
        }

        return Concatenate(parts, axis);
    }

    private static DArray<T> PadBySource<T>(DArray<T> x, int axis, int before, int after, PadMode mode)
        where T : unmanaged, INumber<T>
    {
        var n = x.ShapeArray[axis];
        if (n == 0)
        {
            throw new ArgumentException($"Pad mode {mode} cannot pad axis {axis} of shape {Shapes.Format(x.ShapeArray)}: it is empty (only Constant can).", nameof(mode));
        }

        return x.Take(Sources(n, before, after, mode), axis);
    }

    /// <summary>
    /// For each position of the padded axis, the position of the original axis (length
    /// <paramref name="n"/>) whose value it takes. Edge clamps; wrap is periodic (NumPy 2's rule).
    /// Reflect and symmetric replay NumPy's own iteration, which mirrors the already padded area
    /// once a width passes the axis' length, so that wide asymmetric pads match NumPy's values
    /// exactly rather than a strict periodic extension.
    /// </summary>
    private static int[] Sources(int n, int before, int after, PadMode mode)
    {
        var total = n + before + after;
        var index = new int[total];
        for (var p = 0; p < total; p++)
        {
            index[p] = mode switch
            {
                PadMode.Edge => Math.Clamp(p - before, 0, n - 1),
                PadMode.Wrap => (((p - before) % n) + n) % n,
                _ => p - before,
            };
        }

        if (mode is PadMode.Reflect or PadMode.Symmetric)
        {
            if (n == 1)
            {
                System.Array.Fill(index, 0);
            }
            else
            {
                var (left, right) = (before, after);
                while (left > 0 || right > 0)
                {
                    (left, right) = ReflectBoth(index, left, right, includeEdge: mode == PadMode.Symmetric);
                }
            }
        }

        return index;
    }

    /// <summary>One step of NumPy's <c>_set_reflect_both</c> on an index array: fills what it can of each pad area and returns what is left.</summary>
    private static (int Left, int Right) ReflectBoth(int[] padded, int left, int right, bool includeEdge)
    {
        var edge = includeEdge ? 1 : 0;
        var oldLength = padded.Length - right - left - (includeEdge ? 0 : 1);
        if (left > 0)
        {
            var chunk = Math.Min(oldLength, left);
            var stop = left - edge;
            for (var k = 0; k < chunk; k++)
            {
                // padded[left - chunk + k] = padded[stop + chunk - k], the mirrored chunk.
                padded[left - chunk + k] = padded[stop + chunk - k];
            }

            left -= chunk;
        }

        if (right > 0)
        {
            var chunk = Math.Min(oldLength, right);
            var start = padded.Length - right + edge - 2;
            var at = padded.Length - right;
            for (var k = 0; k < chunk; k++)
            {
                padded[at + k] = padded[start - k];
            }

            right -= chunk;
        }

        return (left, right);
    }
}
