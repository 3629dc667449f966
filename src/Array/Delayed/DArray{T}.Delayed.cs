using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement> : IFinalizable
{
    /// <summary>
    /// One delayed value per block, in row-major block order (Dask's <c>to_delayed</c>): each is the
    /// block's <see cref="NDArray{T}"/>, for block-wise work with <see cref="Delayed"/> calls.
    /// </summary>
    public Delayed<NDArray<TElement>>[] ToDelayed() => [.. OutputKeys.Select(k => Delayed.FromKey<NDArray<TElement>>(Graph, k))];

    /// <summary>The task that assembles the blocks into one dense array: what a delayed call receives for this array.</summary>
    public DaskTask FinalizeTask() =>
        new(ArrayOps.Name<TElement>("from-blocks"), TaskArg.Refs(OutputKeys), TaskArg.Literal(NumBlocks.ToArray()));
}

public sealed partial class DScalar<T> : IFinalizable
{
    /// <summary>The task that reads the value from the 0-d block: what a delayed call receives for this scalar.</summary>
    public DaskTask FinalizeTask() => new(ArrayOps.Name<T>("scalar-value"), TaskArg.Ref(Key));
}
