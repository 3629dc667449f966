using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Array;

/// <summary>
/// Registers the block ops that move, cut, reshape, multiply and store blocks: rechunk
/// assembly, reshape, strided selection, take, tensordot and <c>.npy</c> reads (writes go through <see cref="Storage.NpyTarget"/>).
/// Called from <see cref="ArrayOps"/>'s module initializer.
/// </summary>
internal static class StructureOps
{
    /// <summary>The op that passes its one argument through: a block under a new key.</summary>
    public const string AliasOp = "array.alias";

    /// <summary>Registers the ops for every element type.</summary>
    public static void Register()
    {
        OpRegistry.Register(AliasOp, Alias);
        DTypeLists.ForEach(default(Registration));
    }

    private static object? Alias(object?[] args) => args[0];

    private static void Register<T>()
        where T : unmanaged, INumber<T>
    {
        OpRegistry.Register(ArrayOps.Name<T>("rechunk"), StructureOps<T>.Rechunk);
        OpRegistry.Register(ArrayOps.Name<T>("reshape"), StructureOps<T>.Reshape);
        OpRegistry.Register(ArrayOps.Name<T>("view-axes"), StructureOps<T>.ViewAxes);
        OpRegistry.Register(ArrayOps.Name<T>("getitem"), StructureOps<T>.GetItem);
        OpRegistry.Register(ArrayOps.Name<T>("take"), StructureOps<T>.Take);
        if (DeviceBlocks.Supports<T>())
        {
            OpRegistry.RegisterDeviceOp(ArrayOps.Name<T>("tensordot"), DeviceBlockOps<T>.TensorDot);
        }
        else
        {
            OpRegistry.Register(ArrayOps.Name<T>("tensordot"), StructureOps<T>.TensorDot);
        }

        OpRegistry.Register(ArrayOps.Name<T>("npy-read"), StructureOps<T>.NpyRead);
        OpRegistry.Register(ArrayOps.Name<T>("npy-load"), StructureOps<T>.NpyLoad);
    }

    /// <summary>Registers the ops of each element type.</summary>
    private readonly struct Registration : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T> => Register<T>();
    }
}

/// <summary>The structural block ops for element type <typeparamref name="T"/>, in the <c>OpFunc</c> shape.</summary>
internal static class StructureOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>
    /// <c>(blocks[], int[] pieces, int[] blockShape)</c>: a new block assembled from pieces of old
    /// ones; per piece, the start within its old block, its size and its start within the new
    /// block, one entry per axis each.
    /// </summary>
    public static object? Rechunk(object?[] args)
    {
        var blocks = (object?[])args[0]!;
        var meta = (int[])args[1]!;
        var result = NDArray<T>.CreateUninitialized((int[])args[2]!);
        var rank = result.Rank;
        for (var i = 0; i < blocks.Length; i++)
        {
            var o = i * 3 * rank;
            var piece = BlockMath.Slice((NDArray<T>)blocks[i]!, meta.AsSpan(o, rank), meta.AsSpan(o + rank, rank));
            BlockMath.CopyInto(piece, result, meta.AsSpan(o + (2 * rank), rank));
        }

        return result;
    }

    /// <summary><c>(block, int[] shape)</c>: the block with a new shape of the same element count.</summary>
    public static object? Reshape(object?[] args) => ((NDArray<T>)args[0]!).Reshape((int[])args[1]!);

    /// <summary>
    /// <c>(block, int[] sourceAxes)</c>: the block with size-1 axes removed or added; output axis
    /// <c>i</c> is source axis <c>sourceAxes[i]</c>, or a new size-1 axis where that is -1.
    /// </summary>
    public static object? ViewAxes(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var sourceAxes = (int[])args[1]!;
        var shape = new int[sourceAxes.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = sourceAxes[i] == ViewAxesLayer.NewAxis ? 1 : block.Shape[sourceAxes[i]];
        }

        return block.Reshape(shape);
    }

    /// <summary>
    /// <c>(block, int[] start, int[] step, int[] count, int[] shape)</c>: a strided selection,
    /// reshaped to drop or add size-1 axes. A count of -1 selects the whole axis (start 0, step 1)
    /// whatever its size, and the -1 entries of the shape take those sizes in axis order: that is
    /// how whole axes of unknown size are kept.
    /// </summary>
    public static object? GetItem(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var count = (int[])args[3]!;
        var shape = (int[])args[4]!;
        if (count.Contains(ChunkGrid.Unknown))
        {
            count = (int[])count.Clone();
            shape = (int[])shape.Clone();
            var next = 0;
            for (var axis = 0; axis < count.Length; axis++)
            {
                if (count[axis] == ChunkGrid.Unknown)
                {
                    count[axis] = block.Shape[axis];
                    next = System.Array.IndexOf(shape, ChunkGrid.Unknown, next);
                    shape[next] = count[axis];
                }
            }
        }

        return BlockMath.StridedSlice(block, (int[])args[1]!, (int[])args[2]!, count).Reshape(shape);
    }

    /// <summary><c>(blocks[], int axis, int[] indices)</c>: the blocks joined along the axis, then the elements at the indices along it.</summary>
    public static object? Take(object?[] args)
    {
        var blocks = ((object?[])args[0]!).Cast<NDArray<T>>().ToArray();
        var joined = blocks.Length == 1 ? blocks[0] : BlockMath.Concatenate(blocks, (int)args[1]!);
        return BlockMath.Take(joined, (int[])args[2]!, (int)args[1]!);
    }

    /// <summary><c>(a, b, int[] axesA, int[] axesB)</c>: the tensordot of two blocks.</summary>
    public static object? TensorDot(object?[] args) =>
        Gemm.TensorDot((NDArray<T>)args[0]!, (NDArray<T>)args[1]!, (int[])args[2]!, (int[])args[3]!);

    /// <summary><c>(string path, int[] start, int[] shape)</c>: the region of a <c>.npy</c> file's array, reading only its bytes.</summary>
    public static object? NpyRead(object?[] args) =>
        NpyFile.Open((string)args[0]!).ReadRegion<T>((int[])args[1]!, (int[])args[2]!);

    /// <summary><c>(string path)</c>: a whole <c>.npy</c> file as one block.</summary>
    public static object? NpyLoad(object?[] args) => NDArray.LoadNpy<T>((string)args[0]!);
}
