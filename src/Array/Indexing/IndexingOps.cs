using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>The block ops of assignment, registered from <see cref="ArrayOps"/>' module initializer.</summary>
internal static class IndexingOps
{
    /// <summary>
    /// The op making a block of a selection's mask: <c>(int[] blockShape, int[] blockStart,
    /// int[] starts, int[] steps, int[] counts)</c>, true where every axis' position is selected.
    /// </summary>
    public const string RegionMaskOp = "array.setitem-mask";

    /// <summary>Registers every op; idempotent like <see cref="OpRegistry.Register"/>.</summary>
    public static void Register()
    {
        OpRegistry.Register(RegionMaskOp, RegionMask);
        OpRegistry.MarkCheapToRecompute(RegionMaskOp);
    }

    private static object? RegionMask(object?[] args)
    {
        var shape = (int[])args[0]!;
        var blockStart = (int[])args[1]!;
        var starts = (int[])args[2]!;
        var steps = (int[])args[3]!;
        var counts = (int[])args[4]!;
        var rank = shape.Length;
        var inside = new bool[rank][];
        for (var a = 0; a < rank; a++)
        {
            inside[a] = new bool[shape[a]];
            for (var i = 0; i < shape[a]; i++)
            {
                var offset = blockStart[a] + i - starts[a];
                var k = offset / steps[a];
                inside[a][i] = offset % steps[a] == 0 && k >= 0 && k < counts[a];
            }
        }

        var result = NDArray<Bool>.CreateUninitialized(shape);
        var span = result.Span;
        var index = new int[rank];
        for (var flat = 0; flat < span.Length; flat++)
        {
            var rest = flat;
            var all = true;
            for (var a = rank - 1; a >= 0; a--)
            {
                index[a] = rest % shape[a];
                rest /= shape[a];
                all &= inside[a][index[a]];
            }

            span[flat] = all ? Bool.True : Bool.False;
        }

        return result;
    }
}
