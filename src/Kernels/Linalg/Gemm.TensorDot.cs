using System.Numerics;

namespace MiniDask.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// NumPy's <c>tensordot(a, b, (axesA, axesB))</c>: sums products over the paired axes; the
    /// result has <paramref name="a"/>'s remaining axes followed by <paramref name="b"/>'s. Each
    /// operand is transposed (only when needed) and seen as a matrix, and one GEMM does the work.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The axis lists differ in length, repeat or leave their array's range, or paired axes differ
    /// in size; the message names both shapes.
    /// </exception>
    public static NDArray<T> TensorDot<T>(NDArray<T> a, NDArray<T> b, ReadOnlySpan<int> axesA, ReadOnlySpan<int> axesB)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (freeA, contractA) = SplitAxes(a.Shape, axesA, b.Shape, "first");
        var (freeB, contractB) = SplitAxes(b.Shape, axesB, a.Shape, "second");
        if (contractA.Length != contractB.Length)
        {
            throw new ArgumentException(
                $"tensordot of shapes {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)} needs as many axes of each; got {contractA.Length} and {contractB.Length}.");
        }

        long k = 1;
        for (var i = 0; i < contractA.Length; i++)
        {
            if (a.Shape[contractA[i]] != b.Shape[contractB[i]])
            {
                throw new ArgumentException(
                    $"tensordot of shapes {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)}: axis {contractA[i]} of the first has size {a.Shape[contractA[i]]} but axis {contractB[i]} of the second has size {b.Shape[contractB[i]]}.");
            }

            k *= a.Shape[contractA[i]];
        }

        var outShape = new int[freeA.Length + freeB.Length];
        long m = 1, n = 1;
        for (var i = 0; i < freeA.Length; i++)
        {
            outShape[i] = a.Shape[freeA[i]];
            m *= outShape[i];
        }

        for (var i = 0; i < freeB.Length; i++)
        {
            outShape[freeA.Length + i] = b.Shape[freeB[i]];
            n *= outShape[freeA.Length + i];
        }

        var left = Permuted(a, [.. freeA, .. contractA]);
        var right = Permuted(b, [.. contractB, .. freeB]);
        var result = NDArray<T>.CreateUninitialized(outShape);
        Multiply((int)m, (int)n, (int)k, left.Span, (int)k, right.Span, (int)n, result.Span, (int)n, accumulate: false);
        return result;
    }

    private static (int[] Free, int[] Contract) SplitAxes(ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, ReadOnlySpan<int> other, string which)
    {
        var rank = shape.Length;
        var used = new bool[rank];
        var contract = new int[axes.Length];
        for (var i = 0; i < axes.Length; i++)
        {
            var axis = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (axis < 0 || axis >= rank || used[axis])
            {
                throw new ArgumentException(
                    $"tensordot axes [{string.Join(", ", axes.ToArray())}] of the {which} operand (shape {Shapes.Format(shape)}, other operand {Shapes.Format(other)}) must be distinct axes in [-{rank}, {rank}).");
            }

            used[axis] = true;
            contract[i] = axis;
        }

        return ([.. Enumerable.Range(0, rank).Where(a => !used[a])], contract);
    }

    private static NDArray<T> Permuted<T>(NDArray<T> x, int[] perm)
        where T : unmanaged, INumber<T>
    {
        for (var i = 0; i < perm.Length; i++)
        {
            if (perm[i] != i)
            {
                return BlockMath.Transpose(x, perm);
            }
        }

        return x;
    }
}
