using MiniDask.Array.Storage;
using MiniDask.Graph;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// Computes <paramref name="source"/> and writes each block into <paramref name="target"/> as
    /// soon as it is computed (Dask's <c>da.store</c>), so the array is never held whole: memory
    /// stays within a few blocks however large the array. See <see cref="Store(IReadOnlyList{IDArray}, IReadOnlyList{IBlockWritable}, IReadOnlyList{int[]}?, IScheduler?, ComputeOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="source">The array to write.</param>
    /// <param name="target">Where to write it.</param>
    /// <param name="offset">Where the array's first element goes in the target; null for the origin.</param>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <returns>The bytes of the blocks written.</returns>
    /// <exception cref="ArgumentException">The dtypes or shapes disagree, or the blocks do not line up with the target's chunks (the message names the Rechunk that fixes it).</exception>
    /// <exception cref="NotSupportedException">The target can be written only in this process and the scheduler runs tasks elsewhere.</exception>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static long Store(
        IDArray source, IBlockWritable target, int[]? offset = null, IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return Store([source], [target], offset is null ? null : [offset], scheduler, options, cancellationToken);
    }

    /// <summary>
    /// Computes <paramref name="sources"/> together (sharing their common work) and writes each
    /// block of source <c>i</c> into target <c>i</c> as soon as it is computed, at its place plus
    /// <c>offsets[i]</c> (Dask's <c>da.store(sources, targets, regions=...)</c>). Each block's
    /// write is a task after the block's own, so a larger-than-memory array streams through a few
    /// blocks at a time.
    /// </summary>
    /// <remarks>
    /// A target that has chunks (<see cref="IBlockWritable.ChunkShape"/>) must get blocks whose
    /// inner edges fall on its chunk edges, or two tasks would rewrite parts of one chunk: such a
    /// source is refused, naming the Rechunk to apply. A target that a task can carry (see
    /// <see cref="IBlockWritable"/>) is written by the worker that computed each block; any other
    /// target is written in this process, and a scheduler that runs tasks in other processes is
    /// refused before anything is computed.
    /// </remarks>
    /// <param name="sources">The arrays to write.</param>
    /// <param name="targets">Where to write each, one per source.</param>
    /// <param name="offsets">Where each source's first element goes in its target; null for the origin of each.</param>
    /// <param name="scheduler">The scheduler; null for the ambient default.</param>
    /// <param name="options">Options of the compute.</param>
    /// <param name="cancellationToken">Cancels the compute.</param>
    /// <returns>The bytes of the blocks written.</returns>
    /// <exception cref="ArgumentException">The counts, dtypes or shapes disagree, or the blocks do not line up with a target's chunks (the message names the Rechunk that fixes it).</exception>
    /// <exception cref="UnknownChunkSizesException">A source has unknown block sizes: call its ComputeChunkSizes first.</exception>
    /// <exception cref="NotSupportedException">A target can be written only in this process and the scheduler runs tasks elsewhere.</exception>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public static long Store(
        IReadOnlyList<IDArray> sources, IReadOnlyList<IBlockWritable> targets, IReadOnlyList<int[]>? offsets = null,
        IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        if (sources.Count != targets.Count || (offsets is not null && offsets.Count != sources.Count))
        {
            throw new ArgumentException(
                $"Store needs one target{(offsets is null ? string.Empty : " and one offset")} per source: {sources.Count} sources, {targets.Count} targets{(offsets is null ? string.Empty : $", {offsets.Count} offsets")}.");
        }

        var plans = Enumerable.Range(0, sources.Count).Select(i => StorePlan.Create(i, sources[i], targets[i], offsets?[i])).ToList();
        StorePlan.CheckDisjoint(plans);
        scheduler ??= Schedulers.Default;
        var local = new List<LocalTargetRef>();
        try
        {
            var graphs = new List<TaskGraph>();
            var keys = new List<Key>();
            foreach (var plan in plans)
            {
                object literal = plan.Target is IPortableTarget portable ? portable.Portable : plan.Target;
                if (!ValueCodecs.IsSerializable(literal.GetType(), out var reason))
                {
                    if (local.Count == 0)
                    {
                        LocalTargets.RequireThisProcess(scheduler, plan.Target, reason);
                    }

                    var reference = LocalTargets.Register(plan.Target);
                    local.Add(reference);
                    literal = reference;
                }

                var (graph, storeKeys) = plan.Build(literal);
                graphs.Add(graph);
                keys.AddRange(storeKeys);
            }

            var results = scheduler.Get(TaskGraph.Merge(graphs), keys, options, cancellationToken);
            return results.Sum(r => (long)r!);
        }
        finally
        {
            local.ForEach(LocalTargets.Release);
        }
    }
}

/// <summary>One source of a <see cref="DArray.Store(IReadOnlyList{IDArray}, IReadOnlyList{IBlockWritable}, IReadOnlyList{int[]}?, IScheduler?, ComputeOptions?, CancellationToken)"/>: checked against its target, then made into write tasks.</summary>
internal sealed class StorePlan
{
    private StorePlan(int position, IDArray source, IBlockWritable target, int[] offset)
    {
        Position = position;
        Source = source;
        Target = target;
        Offset = offset;
    }

    /// <summary>The source's position in the call, for messages.</summary>
    public int Position { get; }

    /// <summary>The array to write.</summary>
    public IDArray Source { get; }

    /// <summary>Where to write it.</summary>
    public IBlockWritable Target { get; }

    /// <summary>Where the source's first element goes.</summary>
    public int[] Offset { get; }

    /// <summary>Checks source <paramref name="position"/> against its target: dtype, shape, and blocks that line up with the target's chunks.</summary>
    /// <exception cref="ArgumentException">They disagree; the message names the source, the target and the fix.</exception>
    public static StorePlan Create(int position, IDArray source, IBlockWritable target, int[]? offset)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArrayNode.Of(source).RequireKnown("Store");

        var what = $"Store: source {position} ({source.Name}, {source.DType}, shape {Shapes.Format([.. source.Shape])})";
        if (source.DType != target.DType)
        {
            throw new ArgumentException($"{what} cannot be written to {target}, which holds {target.DType}: convert it first with AsType.");
        }

        var at = offset ?? new int[source.Rank];
        if (!Regions.Fits([.. target.Shape], at, [.. source.Shape]))
        {
            throw new ArgumentException(
                $"{what} does not fit at offset [{string.Join(", ", at)}] in {target} of shape {Shapes.Format([.. target.Shape])}.");
        }

        var plan = new StorePlan(position, source, target, at);
        plan.CheckAligned(what);
        return plan;
    }

    /// <summary>Refuses sources that write parts of one chunk of the same target, which would race.</summary>
    /// <exception cref="ArgumentException">Two sources share a chunk of one target.</exception>
    public static void CheckDisjoint(IReadOnlyList<StorePlan> plans)
    {
        for (var i = 0; i < plans.Count; i++)
        {
            for (var j = i + 1; j < plans.Count; j++)
            {
                if (ReferenceEquals(plans[i].Target, plans[j].Target) && plans[i].ChunkBox().Overlaps(plans[j].ChunkBox()))
                {
                    throw new ArgumentException(
                        $"Store: sources {i} and {j} write overlapping regions (or parts of the same chunks) of {plans[i].Target}; store them in separate calls or into separate chunks.");
                }
            }
        }
    }

    /// <summary>The write tasks (one per block, each returning the bytes it wrote) on top of the source's graph.</summary>
    public (TaskGraph Graph, IReadOnlyList<Key> Keys) Build(object targetLiteral)
    {
        var name = $"store-{Guid.NewGuid():N}-{Position}";
        var offsets = Source.Chunks.Select(c => ChunkGrid.Offsets([.. c])).ToArray();
        var tasks = new Dictionary<Key, DaskTask>();
        foreach (var key in Source.OutputKeys)
        {
            var index = key.Index.ToArray();
            var start = index.Select((b, axis) => Offset[axis] + offsets[axis][b]).ToArray();
            tasks[new Key(name, index)] = new DaskTask(StorageOps.StoreOp, key, TaskArg.Literal(targetLiteral), TaskArg.Literal(start));
        }

        return (TaskGraph.FromLayer(new MaterializedLayer(name, tasks), Source.Graph), [.. tasks.Keys]);
    }

    private void CheckAligned(string what)
    {
        if (Target.ChunkShape is not { } chunk)
        {
            return;
        }

        for (var axis = 0; axis < Source.Rank; axis++)
        {
            var edge = Offset[axis];
            var sizes = Source.Chunks[axis];
            for (var b = 0; b < sizes.Count - 1; b++)
            {
                edge += sizes[b];
                if (edge % chunk[axis] != 0)
                {
                    throw new ArgumentException(
                        $"{what} has chunks {ChunkGrid.Format([.. Source.Chunks.Select(c => c.ToArray())])}, whose blocks do not line up with the chunks {Shapes.Format([.. chunk])} of {Target}: "
                        + $"two tasks would each write part of one chunk. Rechunk it first{(Offset.Any(o => o != 0) ? " so that its block edges plus the offset fall on chunk edges" : string.Empty)}, "
                        + $"for example x.Rechunk(new[] {{ {string.Join(", ", chunk)} }}).");
                }
            }
        }
    }

    /// <summary>The target chunks this source touches, as a box of chunk indices (or of elements for an unchunked target).</summary>
    private (int[] Lo, int[] Hi) ChunkBox()
    {
        var chunk = Target.ChunkShape;
        var lo = new int[Offset.Length];
        var hi = new int[Offset.Length];
        for (var axis = 0; axis < Offset.Length; axis++)
        {
            var size = chunk?[axis] ?? 1;
            lo[axis] = Offset[axis] / size;
            hi[axis] = (Offset[axis] + Source.Shape[axis] + size - 1) / size;
        }

        return (lo, hi);
    }
}

/// <summary>Box overlap on the tuples of <see cref="StorePlan"/>.</summary>
internal static class BoxExtensions
{
    /// <summary>Whether two half-open boxes share an element.</summary>
    public static bool Overlaps(this (int[] Lo, int[] Hi) a, (int[] Lo, int[] Hi) b)
    {
        for (var axis = 0; axis < a.Lo.Length; axis++)
        {
            if (a.Hi[axis] <= b.Lo[axis] || b.Hi[axis] <= a.Lo[axis])
            {
                return false;
            }
        }

        return a.Lo.Length == b.Lo.Length;
    }
}
