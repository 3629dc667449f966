using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// The layers of the transforms in <see cref="Fft"/>: one Blockwise layer per transformed axis,
/// each running a <see cref="FftBlocks"/> op on every block, whose axis is one chunk (Dask's rule:
/// a transform needs the whole axis, and joining it is left to an explicit <c>Rechunk</c>).
/// </summary>
internal static class FftLayers
{
    /// <summary>The norm NumPy uses when none is given.</summary>
    public const string DefaultNorm = "backward";

    /// <summary>
    /// The transform of <paramref name="op"/> along <paramref name="axis"/> of <paramref name="x"/>,
    /// whose length there becomes <paramref name="outLength"/>; <paramref name="literals"/> follow
    /// the block in the task.
    /// </summary>
    public static ArrayNode Along(ArrayNode x, string kind, string op, string outDType, int axis, int outLength, params object?[] literals)
    {
        var letters = ArrayBlockwise.Letters(x.Rank);
        var chunks = x.Chunks.Select((c, a) => a == axis ? [outLength] : (int[])c.Clone()).ToArray();
        var name = Tokenize.Name(kind, x.Name, literals);
        var task = new BlockwiseTask(op, [ArrayBlockwise.Blocks(x, letters), .. ArrayBlockwise.Literals(literals)]);
        return ArrayBlockwise.Build(name, letters, chunks, outDType, task, [x]);
    }

    /// <summary>
    /// Checks the norm and that every axis in <paramref name="axes"/> (normalized) is one chunk of
    /// known size, as Dask's FFT wrappers do.
    /// </summary>
    /// <exception cref="ArgumentException">The norm is unknown, or an axis has several chunks; the message names the <c>Rechunk</c> that joins them.</exception>
    public static void Check(string transform, ArrayNode x, IEnumerable<int> axes, string norm)
    {
        FftBlocks.Scale(norm, 1, inverse: false);
        foreach (var axis in axes.Distinct())
        {
            x.RequireKnown(transform, axis);
            if (x.Chunks[axis].Length > 1)
            {
                var target = string.Join(", ", Enumerable.Range(0, x.Rank).Select(a => a == axis ? "-1" : $"{x.Chunks[a][0]}"));
                throw new ArgumentException(
                    $"{transform} needs axis {axis} in one chunk, but array {x.Name} has {x.Chunks[axis].Length} chunks there (chunks {ChunkGrid.Format(x.Chunks)}); "
                    + $"join them first with x.Rechunk([{target}]) (Dask asks the same: x.rechunk({{{axis}: -1}})).",
                    nameof(axes));
            }
        }
    }

    /// <summary>A transform length: positive, as NumPy requires.</summary>
    /// <exception cref="ArgumentException"><paramref name="n"/> is below 1.</exception>
    public static int Length(string transform, int n, int axis) =>
        n >= 1 ? n : throw new ArgumentException($"{transform}: invalid number of data points ({n}) along axis {axis}; it must be at least 1.", nameof(n));

    /// <summary>
    /// NumPy's <c>_cook_nd_args</c>: the lengths and axes of an n-dimensional transform. With no
    /// <paramref name="s"/> the lengths are the axes' sizes (for an inverse real transform, the last
    /// is <c>2·(m - 1)</c>); with no <paramref name="axes"/>, the last <c>len(s)</c> axes (every axis
    /// when neither is given).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="s"/> and <paramref name="axes"/> differ in length, or a length is below 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static (int[] Lengths, int[] Axes) Cook(string transform, int[] shape, int[]? s, int[]? axes, bool inverseReal)
    {
        var rank = shape.Length;
        var normalized = axes is null
            ? [.. Enumerable.Range(rank - (s?.Length ?? rank), s?.Length ?? rank)]
            : axes.Select(a => Shapes.NormalizeAxis(a, rank)).ToArray();
        if (axes is null && s is not null && s.Length > rank)
        {
            throw new ArgumentException($"{transform}: s has {s.Length} lengths but the array has only {rank} axes.", nameof(s));
        }

        if (s is not null && s.Length != normalized.Length)
        {
            throw new ArgumentException($"{transform}: s has {s.Length} lengths but {normalized.Length} axes are given; they must match.", nameof(s));
        }

        var lengths = s is not null ? (int[])s.Clone() : normalized.Select(a => shape[a]).ToArray();
        if (s is null && inverseReal && lengths.Length > 0)
        {
            lengths[^1] = 2 * (shape[normalized[^1]] - 1);
        }

        for (var i = 0; i < lengths.Length; i++)
        {
            Length(transform, lengths[i], normalized[i]);
        }

        return (lengths, normalized);
    }

    /// <summary>NumPy's <c>_swap_direction</c>: the norm of the opposite direction (for <c>hfft</c> and <c>ihfft</c>).</summary>
    public static string Swap(string norm) => norm switch
    {
        "backward" => "forward",
        "forward" => "backward",
        _ => norm,
    };
}
