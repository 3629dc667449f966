using System.Numerics;
using MiniDask.Graph.Devices;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Array;

/// <summary>
/// The block ops that run on the task's <see cref="BlockDevice"/> when there is one, for float
/// and double blocks: matmul's block products (GEMM), the elementwise add, subtract, multiply and
/// divide (broadcasting on the device), and the chunk, combine and aggregate steps of sum, min,
/// max and mean. Each is generic over the same operator struct as its host op, which the device
/// kernels run. Their arguments may be host blocks or device blocks; results stay on the device.
/// Without a device, or for a case the device does not do (a tensordot that is not a plain
/// matrix product, a block of more than 8 axes, an empty block), they run the host op on host
/// copies of their arguments.
/// </summary>
internal static class DeviceBlockOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary><c>(a, b, int[] axesA, int[] axesB)</c>: the tensordot of two blocks; a GEMM on the device for <c>(m, k) · (k, n)</c>.</summary>
    public static object? TensorDot(object?[] args, IExecutionDevice? executionDevice)
    {
        var (a, b, axesA, axesB) = (args[0]!, args[1]!, (int[])args[2]!, (int[])args[3]!);
        if (executionDevice is BlockDevice device && Rank(a) == 2 && Rank(b) == 2 && IsAxis(axesA, 1, 2) && IsAxis(axesB, 0, 2))
        {
            return device.Blocks.Multiply<T>(a, b);
        }

        return StructureOps<T>.TensorDot([ToHost(a), ToHost(b), axesA, axesB]);
    }

    /// <summary><c>(block, int[] axes)</c>: the chunk step of a tree reduction, keeping the reduced axes with size 1.</summary>
    public static object? ReduceChunk<TOp>(object?[] args, IExecutionDevice? executionDevice)
        where TOp : IReductionOperator<T>
    {
        var (block, axes) = (args[0]!, (int[])args[1]!);
        var shape = ShapeOf(block);
        if (executionDevice is BlockDevice device && Shapes.ElementCount(shape) > 0 && shape.Length <= DeviceBlocks.MaxRank)
        {
            var kept = (int[])shape.Clone();
            foreach (var axis in axes)
            {
                kept[Shapes.NormalizeAxis(axis, shape.Length)] = 1;
            }

            return device.Blocks.Reduce<TOp, T>(block, axes.Length == shape.Length ? null : axes, kept);
        }

        return BlockOps<T>.ReduceChunk<TOp>([ToHost(block), axes]);
    }

    /// <summary><c>(partials[])</c>: the combine step, merging partial results of equal shape elementwise; empty partials are skipped.</summary>
    public static object? Combine<TOp>(object?[] args, IExecutionDevice? executionDevice)
        where TOp : IReductionOperator<T>
    {
        var partials = (object?[])args[0]!;
        return executionDevice is BlockDevice device && NonEmpty(partials) is [var first, ..] blocks
            ? device.Blocks.Combine<TOp, T>(blocks, ShapeOf(first))
            : BlockOps<T>.Combine<TOp>([ToHost(partials)]);
    }

    /// <summary><c>(partials[], int[] blockShape)</c>: the aggregate step, merging the last partials into an output block.</summary>
    public static object? Aggregate<TOp>(object?[] args, IExecutionDevice? executionDevice)
        where TOp : IReductionOperator<T>
    {
        var (partials, blockShape) = ((object?[])args[0]!, (int[])args[1]!);
        return executionDevice is BlockDevice device && NonEmpty(partials) is [var first, ..] blocks
            ? device.Blocks.Combine<TOp, T>(blocks, ChunkGrid.Resolve(blockShape, ShapeOf(first)))
            : BlockOps<T>.Aggregate<TOp>([ToHost(partials), blockShape]);
    }

    /// <summary><c>(partials[], int[] blockShape, long count)</c>: the aggregate step of a mean, summing and dividing by the count.</summary>
    public static object? MeanAggregate(object?[] args, IExecutionDevice? executionDevice)
    {
        var (partials, blockShape, count) = ((object?[])args[0]!, (int[])args[1]!, (long)args[2]!);
        if (executionDevice is not BlockDevice device || NonEmpty(partials) is not [var first, ..] blocks)
        {
            return BlockOps<T>.MeanAggregate([ToHost(partials), blockShape, count]);
        }

        using var sum = device.Blocks.Combine<SumOperator<T>, T>(blocks, ChunkGrid.Resolve(blockShape, ShapeOf(first)));
        return device.Blocks.Divide<T>(sum, T.CreateChecked(count));
    }

    /// <summary>
    /// <c>(x, y)</c>: <typeparamref name="TOp"/> on two blocks (or a block and a scalar) broadcast
    /// together; on the device when both are blocks of at most 8 axes (or scalars), else the host op.
    /// </summary>
    public static object? Binary<TOp>(object?[] args, IExecutionDevice? executionDevice)
        where TOp : IBinaryOperator<T>
    {
        var (x, y) = (args[0]!, args[1]!);
        if (executionDevice is BlockDevice device && OnDevice(x) && OnDevice(y) && (x is not T || y is not T))
        {
            return device.Blocks.Binary<TOp, T>(x, y);
        }

        return BlockOps<T>.Binary<TOp>([ToHost(x), ToHost(y)]);
    }

    /// <summary>Whether a binary operand can go to the device: a scalar, or a block of at most 8 axes.</summary>
    private static bool OnDevice(object operand) => operand is T || (Rank(operand) is >= 0 and <= DeviceBlocks.MaxRank);

    /// <summary>
    /// The partials that hold elements. An empty block's chunk step passes the block through
    /// (it has nothing to reduce), so the combine and aggregate steps skip empty partials as the
    /// host steps do, and fall back to the host (the op's identity) when every partial is empty.
    /// </summary>
    private static object[] NonEmpty(object?[] partials) => [.. partials.Where(p => Shapes.ElementCount(ShapeOf(p!)) > 0).Select(p => p!)];

    /// <summary>A block, list or value as the host sees it: device blocks copied out.</summary>
    private static object? ToHost(object? value) => value switch
    {
        IDeviceBlock block => block.ToHost(),
        object?[] items => items.Select(ToHost).ToArray(),
        _ => value,
    };

    private static int[] ShapeOf(object block) => block switch
    {
        NDArray<T> host => host.Shape.ToArray(),
        DeviceBlock<T> device => device.Shape.ToArray(),
        _ => throw new ArgumentException($"A block op of {DTypes.NameOf<T>()} got {block.GetType().Name}, not a block of {DTypes.NameOf<T>()}."),
    };

    private static int Rank(object block) => block switch
    {
        NDArray<T> host => host.Rank,
        DeviceBlock<T> device => device.Rank,
        _ => -1,
    };

    private static bool IsAxis(int[] axes, int axis, int rank) => axes.Length == 1 && (axes[0] == axis || axes[0] == axis - rank);
}
