using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Running a function of one 1-D lane over every lane of a block along one axis (NumPy's <c>apply_along_axis</c>).</summary>
internal static class AlongAxis
{
    /// <summary>
    /// <paramref name="function"/> on every lane of <paramref name="block"/> along
    /// <paramref name="axis"/>; each result (a 0-d or 1-D block of <paramref name="outLength"/>
    /// elements) replaces its lane, so the axis becomes <paramref name="outLength"/> long.
    /// </summary>
    /// <exception cref="InvalidOperationException">A result has another length than the first one had.</exception>
    public static NDArray<TOut> Apply<T, TOut>(NDArray<T> block, int axis, int outLength, Func<NDArray<T>, NDArray<TOut>> function)
        where T : unmanaged, INumber<T>
        where TOut : unmanaged, INumber<TOut>
    {
        var shape = block.Shape.ToArray();
        var n = shape[axis];
        var outer = Shapes.ElementCount(shape.AsSpan(0, axis));
        var inner = Shapes.ElementCount(shape.AsSpan(axis + 1));
        var outShape = (int[])shape.Clone();
        outShape[axis] = outLength;
        var result = NDArray<TOut>.CreateUninitialized(outShape);
        var source = block.Span;
        var destination = result.Span;
        var lane = new T[n];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    lane[k] = source[(((o * n) + k) * inner) + i];
                }

                var values = function(new NDArray<T>((T[])lane.Clone(), [n])).Span;
                if (values.Length != outLength)
                {
                    throw new InvalidOperationException(
                        $"ApplyAlongAxis function {function.Method.Name} returned {values.Length} elements for one lane and {outLength} for another; it must return the same length for every lane.");
                }

                for (var k = 0; k < outLength; k++)
                {
                    destination[(((o * outLength) + k) * inner) + i] = values[k];
                }
            }
        }

        return result;
    }
}

/// <summary>NumPy's <c>apply_along_axis</c> for chunked arrays.</summary>
public static partial class DArray
{
    /// <summary>
    /// <paramref name="function"/> applied to every 1-D lane along <paramref name="axis"/> (NumPy's
    /// <c>apply_along_axis</c>): the axis is first rechunked into one block, then every block runs
    /// the function on each of its lanes. The function returns a 0-d block (the axis is dropped)
    /// or a 1-D block of one length for every lane (the axis takes that length); it is called
    /// once here on a lane of zeros to learn which, as Dask does. Registration rules are those of
    /// <see cref="DArray{TElement}.Map{TOut}"/>: a static method or a lambda that captures nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The function returns a block of two or more axes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<TOut> ApplyAlongAxis<T, TOut>(this DArray<T> x, Func<NDArray<T>, NDArray<TOut>> function, int axis)
        where T : unmanaged, INumber<T>
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(function);
        var a = Shapes.NormalizeAxis(axis, x.Rank);
        x.RequireKnownChunks("ApplyAlongAxis", a);
        var probe = function(new NDArray<T>([x.ShapeArray[a]]));
        if (probe.Rank > 1)
        {
            throw new ArgumentException($"ApplyAlongAxis function {function.Method.Name} must return a 0-d or 1-D block; it returned shape {Shapes.Format(probe.Shape)}.", nameof(function));
        }

        var outLength = probe.Rank == 0 ? 1 : probe.Shape[0];
        var whole = x.ChunkArrays.Select((c, b) => b == a ? new[] { c.Sum() } : c).ToArray();
        var source = x.Rechunk(whole);
        var chunks = source.ChunkArrays.Select((c, b) => b == a ? new[] { outLength } : c).ToArray();
        var letters = ArrayBlockwise.Letters(x.Rank);
        var op = UserOps.Register("apply-along-axis", [typeof(T), typeof(TOut)], function);
        var name = Tokenize.Name("apply_along_axis", source.Name, op, a);
        var task = new BlockwiseTask(op, [ArrayBlockwise.Blocks(source.Node, letters), .. ArrayBlockwise.Literals(a, outLength)]);
        var result = DArray<TOut>.FromNode(ArrayBlockwise.Build(name, letters, chunks, DTypes.NameOf<TOut>(), task, [source.Node]));
        return probe.Rank == 0 ? result.Squeeze(a) : result;
    }
}
