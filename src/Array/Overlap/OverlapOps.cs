using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Registers the block ops of overlapping computations (called from <see cref="ArrayOps"/>'
/// module initializer): the gather that builds an overlapped block from its neighbours, the
/// trim that cuts the margins off again, and the sliding-window view.
/// </summary>
internal static class OverlapOps
{
    /// <summary>Registers the ops for every element type.</summary>
    public static void Register() => DTypeLists.ForEach(default(Registration));

    private readonly struct Registration : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T>
        {
            OpRegistry.Register(ArrayOps.Name<T>("overlap"), OverlapOps<T>.Gather);
            OpRegistry.Register(ArrayOps.Name<T>("trim"), OverlapOps<T>.Trim);
            OpRegistry.Register(ArrayOps.Name<T>("sliding-window"), OverlapOps<T>.SlidingWindow);
        }
    }
}

/// <summary>The overlap block ops for element type <typeparamref name="T"/>, in the <c>OpFunc</c> shape.</summary>
internal static class OverlapOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>
    /// <c>(blocks[], int[] counts, int[][] ordinal, int[][] offset, T fill)</c>: the block whose
    /// element at <c>(i, j, ...)</c> is element <c>(offset[0][i], offset[1][j], ...)</c> of source
    /// block <c>(ordinal[0][i], ordinal[1][j], ...)</c> (sources in row-major order over
    /// <c>counts</c>), or <c>fill</c> where an ordinal is -1 (see <see cref="OverlapPlan"/>).
    /// </summary>
    public static object? Gather(object?[] args)
    {
        var blocks = ((object?[])args[0]!).Cast<NDArray<T>>().ToArray();
        var counts = (int[])args[1]!;
        var ordinal = (int[][])args[2]!;
        var offset = (int[][])args[3]!;
        var fill = (T)args[4]!;
        var rank = counts.Length;
        var shape = ordinal.Select(o => o.Length).ToArray();
        var result = NDArray<T>.CreateUninitialized(shape);
        if (result.Length == 0)
        {
            return result;
        }

        if (rank == 0)
        {
            blocks[0].Span.CopyTo(result.Span);
            return result;
        }

        var last = rank - 1;
        var runs = Runs(ordinal[last], offset[last]);
        var rowLength = shape[last];
        var rows = result.Length / rowLength;
        var prefix = new int[last];
        var destination = result.Span;
        for (var row = 0; row < rows; row++)
        {
            // The row's position along the leading axes, and the source block and element offset it starts from.
            var filled = false;
            var sourceOrdinal = 0;
            for (var axis = 0; axis < last; axis++)
            {
                var o = ordinal[axis][prefix[axis]];
                filled |= o < 0;
                sourceOrdinal = (sourceOrdinal * counts[axis]) + Math.Max(o, 0);
            }

            var rowOut = destination.Slice(row * rowLength, rowLength);
            if (filled)
            {
                rowOut.Fill(fill);
            }
            else
            {
                foreach (var (start, length, o, from, step) in runs)
                {
                    var target = rowOut.Slice(start, length);
                    if (o < 0)
                    {
                        target.Fill(fill);
                        continue;
                    }

                    var block = blocks[(sourceOrdinal * counts[last]) + o];
                    var blockShape = block.Shape;
                    var at = 0;
                    for (var axis = 0; axis < last; axis++)
                    {
                        at = (at * blockShape[axis]) + offset[axis][prefix[axis]];
                    }

                    var source = block.Span.Slice((at * blockShape[last]) + (step > 0 ? from : from - length + 1), length);
                    source.CopyTo(target);
                    if (step < 0)
                    {
                        target.Reverse();
                    }
                }
            }

            for (var axis = last - 1; axis >= 0 && ++prefix[axis] == shape[axis]; axis--)
            {
                prefix[axis] = 0;
            }
        }

        return result;
    }

    /// <summary>
    /// <c>(block, int[] start, int[] length)</c>: the region of the block (the margins of an
    /// overlapped block cut off); a length of -1 runs to the block's end less the start.
    /// </summary>
    public static object? Trim(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var start = (int[])args[1]!;
        var length = (int[])args[2]!;
        return BlockMath.Slice(block, start, length);
    }

    /// <summary>
    /// <c>(block, int[] axes, int[] window, int[] outShape)</c>: every window of sizes
    /// <c>window</c> along <c>axes</c> whose start lies in the block's first <c>outShape</c>
    /// positions, with the window axes appended (NumPy's <c>sliding_window_view</c> on one block).
    /// </summary>
    public static object? SlidingWindow(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var axes = (int[])args[1]!;
        var window = (int[])args[2]!;
        var outShape = (int[])args[3]!;
        var rank = block.Rank;
        var fullShape = outShape.Concat(window).ToArray();
        var result = NDArray<T>.CreateUninitialized(fullShape);
        var strides = Shapes.RowMajorStrides(block.Shape);
        var source = block.Span;
        var destination = result.Span;
        var position = new int[fullShape.Length];
        for (var i = 0; i < destination.Length; i++)
        {
            var at = 0;
            for (var axis = 0; axis < rank; axis++)
            {
                at += position[axis] * strides[axis];
            }

            for (var w = 0; w < axes.Length; w++)
            {
                at += position[rank + w] * strides[axes[w]];
            }

            destination[i] = source[at];
            for (var axis = fullShape.Length - 1; axis >= 0 && ++position[axis] == fullShape[axis]; axis--)
            {
                position[axis] = 0;
            }
        }

        return result;
    }

    /// <summary>
    /// The last axis' map cut into runs that copy as one span: consecutive positions reading one
    /// source block at offsets that rise (step 1) or fall (step -1, a reflected margin) by one, or the fill.
    /// </summary>
    private static List<(int Start, int Length, int Ordinal, int From, int Step)> Runs(int[] ordinal, int[] offset)
    {
        var runs = new List<(int, int, int, int, int)>();
        var i = 0;
        while (i < ordinal.Length)
        {
            var o = ordinal[i];
            var j = i + 1;
            var step = 1;
            if (o >= 0 && j < ordinal.Length && ordinal[j] == o && offset[j] == offset[i] - 1)
            {
                step = -1;
            }

            while (j < ordinal.Length && ordinal[j] == o && (o < 0 || offset[j] == offset[j - 1] + step))
            {
                j++;
            }

            runs.Add((i, j - i, o, offset[i], step));
            i = j;
        }

        return runs;
    }
}
