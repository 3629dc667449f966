using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Registers the block ops of boolean masks and of the arrays they make, whose block sizes are
/// known only once computed: masking, compress, reading a block's shape, and blocks of ones
/// for counting elements. Called from <see cref="ArrayOps"/>' module initializer.
/// </summary>
internal static class MaskingOps
{
    /// <summary>The op that reads a block's shape: <c>(block)</c> to <c>int[]</c>.</summary>
    public const string BlockShapeOp = "array.block-shape";

    /// <summary>Registers the ops for every element type.</summary>
    public static void Register()
    {
        OpRegistry.Register(BlockShapeOp, BlockShape);
        DTypeLists.ForEach(default(Registration));
    }

    private static object? BlockShape(object?[] args) => args[0] is INDArray block
        ? block.Shape.ToArray()
        : throw new ArgumentException($"{BlockShapeOp} takes a block; got {args[0]?.GetType().Name ?? "null"}.");

    private static void Register<T>()
        where T : unmanaged, INumber<T>
    {
        OpRegistry.Register(ArrayOps.Name<T>("boolean-mask"), MaskingOps<T>.BooleanMask);
        OpRegistry.Register(ArrayOps.Name<T>("compress"), MaskingOps<T>.Compress);
        OpRegistry.Register(ArrayOps.Name<T>("ones-like"), MaskingOps<T>.OnesLike);
    }

    /// <summary>Registers the ops of each element type.</summary>
    private readonly struct Registration : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T> => Register<T>();
    }
}

/// <summary>The masking block ops for element type <typeparamref name="T"/>, in the <c>OpFunc</c> shape.</summary>
internal static class MaskingOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary><c>(block, mask)</c>: the block's elements where the boolean mask block is true, row-major, as a 1-D block.</summary>
    public static object? BooleanMask(object?[] args) => BlockMath.BooleanMask((NDArray<T>)args[0]!, (NDArray<Bool>)args[1]!);

    /// <summary><c>(block, condition, int axis)</c>: the block's slices along the axis where the 1-D boolean condition block is true.</summary>
    public static object? Compress(object?[] args) => BlockMath.Compress((NDArray<T>)args[0]!, (NDArray<Bool>)args[1]!, (int)args[2]!);

    /// <summary><c>(block)</c>: an int64 block of ones of the block's shape, to count elements whose number is known only at run time.</summary>
    public static object? OnesLike(object?[] args) => NDArray<long>.Full(((NDArray<T>)args[0]!).Shape, 1L);
}
