using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// A lazy chunked n-dimensional array (Dask's <c>dask.array.Array</c>): a shape cut into blocks
/// along each axis, and a task graph whose keys <c>(name, i, j, ...)</c> compute the blocks as
/// <see cref="NDArray{T}"/>. Operations build new arrays with more graph layers; nothing runs
/// until <c>Compute()</c>, which assembles the blocks into one dense array.
/// </summary>
/// <typeparam name="TElement">The element type: double, float, int or long.</typeparam>
public sealed partial class DArray<TElement> : IDaskCollection<NDArray<TElement>>
    where TElement : unmanaged, INumber<TElement>
{
    private readonly int[] shape;
    private readonly int[][] chunks;
    private readonly IReadOnlyList<int> shapeView;
    private readonly IReadOnlyList<IReadOnlyList<int>> chunksView;
    private Key[]? outputKeys;

    internal DArray(string name, int[] shape, int[][] chunks, TaskGraph graph)
    {
        Name = name;
        HasUnknownChunks = ChunkGrid.HasUnknown(chunks);
        this.shape = HasUnknownChunks ? ChunkGrid.ShapeOf(chunks) : shape;
        this.chunks = chunks;
        Graph = graph;
        shapeView = System.Array.AsReadOnly(this.shape);
        chunksView = System.Array.AsReadOnly(chunks.Select(c => (IReadOnlyList<int>)System.Array.AsReadOnly(c)).ToArray());
        PartialShape = System.Array.AsReadOnly(this.shape.Select(Known).ToArray());
        PartialChunks = System.Array.AsReadOnly(chunks.Select(c => (IReadOnlyList<int?>)System.Array.AsReadOnly(c.Select(Known).ToArray())).ToArray());
        NumBlocks = System.Array.AsReadOnly(ChunkGrid.BlockCounts(chunks));
    }

    /// <summary>The name of the array's keys: a deterministic token of the operation and its inputs.</summary>
    public string Name { get; }

    /// <summary>The size of each axis.</summary>
    /// <exception cref="UnknownChunkSizesException">
    /// A size is known only once the array is computed (<see cref="HasUnknownChunks"/>): read
    /// <see cref="PartialShape"/>, or call <see cref="ComputeChunkSizes"/>.
    /// </exception>
    public IReadOnlyList<int> Shape => HasUnknownChunks ? throw UnknownSizes(nameof(Shape)) : shapeView;

    /// <summary>The block sizes along each axis; the last block of an axis may be smaller.</summary>
    /// <exception cref="UnknownChunkSizesException">
    /// A block size is known only once the array is computed (<see cref="HasUnknownChunks"/>): read
    /// <see cref="PartialChunks"/>, or call <see cref="ComputeChunkSizes"/>.
    /// </exception>
    public IReadOnlyList<IReadOnlyList<int>> Chunks => HasUnknownChunks ? throw UnknownSizes(nameof(Chunks)) : chunksView;

    /// <summary>
    /// Whether some block sizes are known only once the array is computed (Dask's NaN chunks), as
    /// after a boolean mask. Such an array computes, and takes elementwise ops and reductions, but
    /// operations that place elements by position (slicing, rechunking, reshaping, ...) need
    /// <see cref="ComputeChunkSizes"/> first.
    /// </summary>
    public bool HasUnknownChunks { get; }

    /// <summary>The size of each axis as far as it is known: null for an axis whose size is known only once the array is computed (Dask prints NaN).</summary>
    public IReadOnlyList<int?> PartialShape { get; }

    /// <summary>The block sizes along each axis as far as they are known: null for a block whose size is known only once it is computed.</summary>
    public IReadOnlyList<IReadOnlyList<int?>> PartialChunks { get; }

    /// <summary>The number of blocks along each axis (Dask's <c>numblocks</c>); known even where block sizes are not.</summary>
    public IReadOnlyList<int> NumBlocks { get; }

    /// <summary>The total number of blocks.</summary>
    public int BlockCount => OutputKeys.Count;

    /// <summary>The number of axes.</summary>
    public int Rank => shape.Length;

    /// <summary>The total number of elements.</summary>
    /// <exception cref="UnknownChunkSizesException">A size is known only once the array is computed (<see cref="HasUnknownChunks"/>).</exception>
    public long Size => HasUnknownChunks ? throw UnknownSizes(nameof(Size)) : shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>The NumPy name of the element type, such as <c>float64</c>.</summary>
    public string DType => DTypes.NameOf<TElement>();

    /// <inheritdoc />
    public TaskGraph Graph { get; }

    /// <summary>The keys of the blocks, in row-major block order.</summary>
    public IReadOnlyList<Key> OutputKeys => outputKeys ??= [.. ChunkGrid.Indices(ChunkGrid.BlockCounts(chunks)).Select(i => new Key(Name, i))];

    /// <summary>The key of the block at <paramref name="blockIndex"/>.</summary>
    /// <exception cref="ArgumentException">The index does not name a block of this array.</exception>
    public Key BlockKey(params ReadOnlySpan<int> blockIndex)
    {
        var valid = blockIndex.Length == chunks.Length;
        for (var axis = 0; valid && axis < chunks.Length; axis++)
        {
            valid = (uint)blockIndex[axis] < (uint)chunks[axis].Length;
        }

        return valid
            ? new Key(Name, blockIndex.ToArray())
            : throw new ArgumentException(
                $"Block index [{string.Join(", ", blockIndex.ToArray())}] is not a block of {Name}, which has {Shapes.Format(ChunkGrid.BlockCounts(chunks))} blocks.",
                nameof(blockIndex));
    }

    /// <summary>Assembles the computed blocks, in <see cref="OutputKeys"/> order, into one dense array.</summary>
    /// <exception cref="InvalidOperationException">A result is not a block of the expected type and shape; the message names its key.</exception>
    public NDArray<TElement> Finalize(IReadOnlyList<object?> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var keys = OutputKeys;
        if (results.Count != keys.Count)
        {
            throw new InvalidOperationException($"{Name} has {keys.Count} blocks but {results.Count} results were given.");
        }

        var grid = HasUnknownChunks ? ObservedChunks(results) : chunks;
        var offsets = grid.Select(ChunkGrid.Offsets).ToArray();
        var result = NDArray<TElement>.CreateUninitialized(ChunkGrid.ShapeOf(grid));
        Span<int> at = stackalloc int[shape.Length];
        for (var b = 0; b < keys.Count; b++)
        {
            var index = keys[b].Index;
            var expected = ChunkGrid.BlockShape(grid, index);
            if (results[b] is not NDArray<TElement> block || !block.Shape.SequenceEqual(expected))
            {
                throw new InvalidOperationException(
                    $"Block {keys[b]} should be an NDArray<{DType}> of shape {Shapes.Format(expected)} but is {Describe(results[b])}.");
            }

            for (var axis = 0; axis < at.Length; axis++)
            {
                at[axis] = offsets[axis][index[axis]];
            }

            BlockMath.CopyInto(block, result, at);
        }

        return result;
    }

    /// <summary>
    /// Computes the array on <paramref name="scheduler"/> (the ambient default when null) and
    /// assembles it into one dense array; the same as the <c>Compute()</c> extension for any collection.
    /// </summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public NDArray<TElement> Compute(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        MiniDask.Graph.CollectionExtensions.Compute(this, scheduler, options, cancellationToken);

    /// <summary>The asynchronous form of <see cref="Compute"/>.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public Task<NDArray<TElement>> ComputeAsync(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        MiniDask.Graph.CollectionExtensions.ComputeAsync(this, scheduler, options, cancellationToken);

    /// <summary>
    /// Writes the task graph to <paramref name="path"/> in the format its extension names (Dask's
    /// <c>visualize</c>): <c>.dot</c> text, or <c>.svg</c>, <c>.png</c>, <c>.pdf</c> drawn by graphviz;
    /// the same as the <c>Visualize</c> extension for any collection.
    /// </summary>
    /// <exception cref="ArgumentException">The extension names no format this writes.</exception>
    /// <exception cref="GraphvizNotFoundException">A picture was asked for and graphviz is not installed; the message says how to install it.</exception>
    public FileInfo Visualize(string path, DotOptions? options = null, bool optimize = false) =>
        GraphVisualization.Visualize(this, path, options, optimize);

    /// <summary>
    /// One line in Dask's style, however many blocks: name, shape, dtype, chunksize (the largest
    /// block along each axis) and the number of blocks, as in
    /// <c>DArray(name=add-3f2a..., shape=(10000, 10000), dtype=float64, chunksize=(1000, 1000), blocks=100)</c>;
    /// unknown sizes print as <c>nan</c>. <see cref="ToString(bool)"/> adds every block size.
    /// </summary>
    public override string ToString() => ToString(fullChunks: false);

    /// <summary>The summary of <see cref="ToString()"/>, followed with <paramref name="fullChunks"/> by every block size along each axis (<c>chunks=((1000, 1000, ...), ...)</c>).</summary>
    public string ToString(bool fullChunks) =>
        $"DArray(name={Name}, shape={ChunkGrid.FormatShape(shape)}, dtype={DType}, chunksize={ChunkGrid.FormatShape(ChunkSize())}, blocks={NumBlocks.Aggregate(1L, (n, b) => n * b)}"
        + (fullChunks ? $", chunks={ChunkGrid.Format(chunks)})" : ")");

    /// <summary>The largest block along each axis (Dask's <c>chunksize</c>); unknown where any block of the axis is.</summary>
    private int[] ChunkSize() =>
        [.. chunks.Select(c => c.Contains(ChunkGrid.Unknown) ? ChunkGrid.Unknown : c.DefaultIfEmpty(0).Max())];

    internal int[] ShapeArray => shape;

    internal int[][] ChunkArrays => chunks;

    /// <summary>Builds an array whose blocks are the tasks of one new layer over <paramref name="inputs"/>.</summary>
    internal static DArray<TElement> FromLayer(string name, int[] shape, int[][] chunks, Dictionary<Key, DaskTask> tasks, params IEnumerable<TaskGraph> inputs) =>
        new(name, shape, chunks, TaskGraph.FromLayer(new MaterializedLayer(name, tasks), inputs));

    /// <summary>Refuses <paramref name="operation"/> when a block size on one of <paramref name="axes"/> (every axis when none are given) is unknown.</summary>
    /// <exception cref="UnknownChunkSizesException">A block size there is unknown; the message names this array and the operation.</exception>
    internal void RequireKnownChunks(string operation, params int[] axes) => Node.RequireKnown(operation, axes);

    private static int? Known(int size) => size == ChunkGrid.Unknown ? null : size;

    private UnknownChunkSizesException UnknownSizes(string member) =>
        UnknownChunkSizesException.For(Name, shape, chunks, $"{member} of a DArray (use PartialShape or PartialChunks to read what is known)", ChunkGrid.UnknownAxes(chunks));

    /// <summary>The chunks the computed blocks have, or an exception naming the first result that is not a block of this array.</summary>
    private int[][] ObservedChunks(IReadOnlyList<object?> results)
    {
        var keys = OutputKeys;
        var shapes = new int[keys.Count][];
        for (var b = 0; b < keys.Count; b++)
        {
            shapes[b] = results[b] is NDArray<TElement> block
                ? block.Shape.ToArray()
                : throw new InvalidOperationException($"Block {keys[b]} should be an NDArray<{DType}> but is {Describe(results[b])}.");
        }

        return ChunkGrid.Observe(Name, chunks, keys, shapes);
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        INDArray a => $"an NDArray<{a.DType}> of shape {Shapes.Format(a.Shape)}",
        _ => $"a {value.GetType().Name}",
    };
}
