using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>The block ops that connect arrays to delayed values: a value checked as a block, blocks assembled into one array, a 0-d block's value.</summary>
internal static class DelayedBlockOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>Registers the ops for element type <typeparamref name="T"/>.</summary>
    public static void Register()
    {
        OpRegistry.Register(ArrayOps.Name<T>("from-delayed"), FromDelayed);
        OpRegistry.Register(ArrayOps.Name<T>("from-blocks"), FromBlocks);
        OpRegistry.Register(ArrayOps.Name<T>("scalar-value"), static args => ((NDArray<T>)args[0]!).ToScalar());
    }

    /// <summary><c>(value, int[] shape, string key)</c>: the value, checked to be a block of the promised shape.</summary>
    private static object? FromDelayed(object?[] args)
    {
        var shape = (int[])args[1]!;
        return args[0] is NDArray<T> block && block.Shape.SequenceEqual(shape)
            ? block
            : throw new InvalidOperationException(
                $"The delayed value {args[2]} was promised as an NDArray<{DTypes.NameOf<T>()}> of shape {Shapes.Format(shape)} but is {Describe(args[0])}.");
    }

    /// <summary>
    /// <c>(blocks[], int[] numBlocks)</c>: the blocks, in row-major block order, assembled into one
    /// array; block sizes are read from the blocks, so unknown chunk sizes need no extra step.
    /// </summary>
    private static object? FromBlocks(object?[] args)
    {
        var blocks = ((object?[])args[0]!).Cast<NDArray<T>>().ToArray();
        var counts = (int[])args[1]!;
        var strides = new int[counts.Length];
        for (int axis = counts.Length - 1, stride = 1; axis >= 0; stride *= counts[axis], axis--)
        {
            strides[axis] = stride;
        }

        // The size of block b along an axis is read from the first block of that row of blocks.
        var offsets = new int[counts.Length][];
        for (var axis = 0; axis < counts.Length; axis++)
        {
            offsets[axis] = new int[counts[axis] + 1];
            for (var b = 0; b < counts[axis]; b++)
            {
                offsets[axis][b + 1] = offsets[axis][b] + blocks[b * strides[axis]].Shape[axis];
            }
        }

        var result = NDArray<T>.CreateUninitialized([.. offsets.Select(o => o[^1])]);
        var at = new int[counts.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            for (var axis = 0; axis < counts.Length; axis++)
            {
                var b = i / strides[axis] % counts[axis];
                at[axis] = offsets[axis][b];
                if (blocks[i].Shape[axis] != offsets[axis][b + 1] - offsets[axis][b])
                {
                    throw new InvalidOperationException(
                        $"Block {i} has shape {Shapes.Format(blocks[i].Shape)}, which does not line up with its neighbours along axis {axis}.");
                }
            }

            BlockMath.CopyInto(blocks[i], result, at);
        }

        return result;
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        INDArray a => $"an NDArray<{a.DType}> of shape {Shapes.Format(a.Shape)}",
        _ => $"a {value.GetType().Name}",
    };
}
