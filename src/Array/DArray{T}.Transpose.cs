using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>The transpose: axes reversed, chunks with them (NumPy's <c>x.T</c>).</summary>
    public DArray<TElement> T => Transpose();

    /// <summary>The array with its axes reversed.</summary>
    public DArray<TElement> Transpose()
    {
        var axes = new int[Rank];
        for (var i = 0; i < axes.Length; i++)
        {
            axes[i] = Rank - 1 - i;
        }

        return Transpose(axes);
    }

    /// <summary>
    /// The array with its axes permuted: axis <c>i</c> of the result is axis <c>axes[i]</c> of
    /// this array; chunks are permuted with them. Negative axes count from the end.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is not a permutation of the array's axes.</exception>
    public DArray<TElement> Transpose(params int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var perm = BlockMath.NormalizePermutation(axes, Rank);
        if (perm.Select((a, i) => a == i).All(same => same))
        {
            return this;
        }

        var name = Tokenize.Name("transpose", Name, perm);
        var letters = ArrayBlockwise.Letters(Rank);
        var outIndex = new string([.. perm.Select(a => letters[a])]);
        var outChunks = perm.Select(a => chunks[a]).ToArray();
        var task = new BlockwiseTask(ArrayOps.Name<TElement>("transpose"), ArrayBlockwise.Blocks(Node, letters), BlockwiseArg.Literal(perm));
        return FromNode(ArrayBlockwise.Build(name, outIndex, outChunks, DType, task, [Node], [.. perm.Select(a => shape[a])]));
    }
}
