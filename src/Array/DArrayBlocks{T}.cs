using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Block-level indexing (Dask's <c>x.blocks</c>): <c>x.Blocks[1, 0]</c> is the array made of
/// that one block, <c>x.Blocks[..2, ^1]</c> of a range of blocks. Entries select blocks, not
/// elements, and every axis is kept. The result's tasks are aliases of the chosen blocks.
/// </summary>
/// <typeparam name="TElement">The element type.</typeparam>
public sealed class DArrayBlocks<TElement>
    where TElement : unmanaged, INumber<TElement>
{
    private readonly DArray<TElement> array;

    internal DArrayBlocks(DArray<TElement> array) => this.array = array;

    /// <summary>The array of the blocks <paramref name="index"/> selects, one entry per axis (missing trailing entries select all blocks).</summary>
    /// <exception cref="ArgumentException">An entry is a new axis or ellipsis, or there are more entries than axes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A block position or range lies outside the block grid; the message names it.</exception>
    public DArray<TElement> this[params Slice[] index]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(index);
            var counts = array.NumBlocks.ToArray();
            if (index.Length > counts.Length || index.Any(s => s.IsNewAxis || s.IsEllipsis))
            {
                throw new ArgumentException(
                    $"Block index [{string.Join(", ", index)}] must have at most one entry (a position or range) per axis of the block grid {Shapes.Format(counts)}.",
                    nameof(index));
            }

            var chosen = new int[counts.Length][];
            for (var axis = 0; axis < counts.Length; axis++)
            {
                var (start, step, count) = axis < index.Length ? index[axis].Resolve(axis, counts) : (0, 1, counts[axis]);
                chosen[axis] = [.. Enumerable.Range(0, count).Select(i => start + (i * step))];
                if (count == 0)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(index), $"Block index [{string.Join(", ", index)}] selects no blocks on axis {axis} of the block grid {Shapes.Format(counts)}.");
                }
            }

            var chunks = array.ChunkArrays;
            var newChunks = chosen.Select((c, axis) => c.Select(b => chunks[axis][b]).ToArray()).ToArray();
            var shape = ChunkGrid.ShapeOf(newChunks);
            var name = Tokenize.Name("blocks", array.Name, chosen);
            var tasks = new Dictionary<Key, DaskTask>();
            foreach (var i in ChunkGrid.Indices(ChunkGrid.BlockCounts(newChunks)))
            {
                var source = i.Select((b, axis) => chosen[axis][b]).ToArray();
                tasks[new Key(name, i)] = new DaskTask(StructureOps.AliasOp, new Key(array.Name, source));
            }

            return DArray<TElement>.FromLayer(name, shape, newChunks, tasks, array.Graph);
        }
    }
}
