namespace MiniDask.Graph;

/// <summary>
/// A layer kept as a symbolic spec until a scheduler needs its tasks (Dask's <c>Blockwise</c>):
/// the output's block axes named by letters, and one <see cref="BlockwiseTask"/> whose arguments
/// read input blocks through their own letters. Block <c>(i, j)</c> of <c>"ij"</c> reading
/// <c>x</c> as <c>"ji"</c> reads block <c>(j, i)</c> of x (a transpose); an input with one block
/// along a letter where the output has several is broadcast; letters no output axis has are
/// contracted; output letters no input has are new axes whose block counts are given. Because
/// the spec is data, optimization culls it to the blocks needed and fuses chains of such layers
/// into one (<see cref="Optimization.BlockwiseFusion"/>) before any task exists.
/// </summary>
public sealed class Blockwise : Layer
{
    private readonly Dictionary<char, int> numBlocks;
    private readonly int[][]? outputBlocks;
    private string[]? inputNames;

    /// <summary>
    /// A layer of one task per block of the output grid. The number of blocks along each letter
    /// comes from the inputs and per-block arguments that name it (which must agree, or have one
    /// block to broadcast), or from <paramref name="newAxes"/> for output letters they lack.
    /// </summary>
    /// <param name="name">The output's key name.</param>
    /// <param name="outputIndex">One distinct letter per output axis.</param>
    /// <param name="task">The task of every block.</param>
    /// <param name="newAxes">The number of blocks along each output letter that no argument has.</param>
    /// <exception cref="ArgumentException">
    /// Letters repeat, arguments disagree on a letter's block count, an output letter has no block
    /// count, or a contracted axis to concatenate has several blocks; the message names the layer and letter.
    /// </exception>
    public Blockwise(string name, string outputIndex, BlockwiseTask task, IReadOnlyDictionary<char, int>? newAxes = null)
        : this(name, outputIndex, task, InferNumBlocks(name, outputIndex, task, newAxes), outputBlocks: null)
    {
    }

    private Blockwise(string name, string outputIndex, BlockwiseTask task, Dictionary<char, int> numBlocks, int[][]? outputBlocks)
        : base(name)
    {
        OutputIndex = outputIndex;
        Task = task;
        this.numBlocks = numBlocks;
        this.outputBlocks = outputBlocks;
        NameHash = Key.NameHash(name);
    }

    /// <summary>One letter per output axis.</summary>
    public string OutputIndex { get; }

    /// <summary>The task of every block.</summary>
    public BlockwiseTask Task { get; }

    /// <summary>The number of blocks along each letter, output and contracted.</summary>
    public IReadOnlyDictionary<char, int> NumBlocks => numBlocks;

    /// <summary>The output blocks the layer makes, in row-major order, when culling kept only some; null when it makes all.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? OutputBlocks => outputBlocks;

    /// <inheritdoc />
    public override int Count => outputBlocks?.Length ?? OutputCounts().Aggregate(1, (n, c) => checked(n * c));

    /// <inheritdoc />
    public override IReadOnlyCollection<string> KeyNames => [Name];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> InputNames => inputNames ??= FindInputNames();

    /// <summary>The hash of <see cref="Layer.Name"/>, made once for every key of the layer.</summary>
    internal int NameHash { get; }

    /// <inheritdoc />
    public override string ToString() => $"Blockwise<{Name}[{OutputIndex}] = {Task}>";

    /// <inheritdoc />
    public override bool ContainsKey(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!string.Equals(key.Name, Name, StringComparison.Ordinal) || key.Rank != OutputIndex.Length)
        {
            return false;
        }

        var counts = OutputCounts();
        for (var axis = 0; axis < counts.Length; axis++)
        {
            if ((uint)key[axis] >= (uint)counts[axis])
            {
                return false;
            }
        }

        return outputBlocks is null || System.Array.BinarySearch(outputBlocks, key.Index.ToArray(), BlockOrder.Instance) >= 0;
    }

    /// <inheritdoc />
    internal override void CopyTasks(Span<Key> keys, Span<DaskTask> tasks) => new BlockwisePlan(this).Materialize(keys, tasks);

    /// <inheritdoc />
    internal override Layer Cull(KeySelections needed, KeySelections inputs)
    {
        var plan = new BlockwisePlan(this);
        needed.TryGet(Name, out var selected);
        int[][] blocks;
        if (selected is null)
        {
            if (outputBlocks is null)
            {
                plan.SelectAllInputs(inputs);
                return this;
            }

            blocks = outputBlocks;
        }
        else
        {
            var kept = new List<int[]>(selected.Count);
            foreach (var key in selected)
            {
                if (ContainsKey(key))
                {
                    kept.Add(key.Index.ToArray());
                }
            }

            if (outputBlocks is null && kept.Count == Count)
            {
                plan.SelectAllInputs(inputs);
                return this;
            }

            kept.Sort(BlockOrder.Instance);
            blocks = [.. kept];
        }

        foreach (var block in blocks)
        {
            plan.SelectInputs(block, inputs);
        }

        return blocks.Length == Count ? this : new Blockwise(Name, OutputIndex, Task, numBlocks, blocks);
    }

    /// <summary>The number of blocks along each output axis.</summary>
    internal int[] OutputCounts() => [.. OutputIndex.Select(letter => numBlocks[letter])];

    /// <summary>
    /// This layer with <paramref name="read"/> (one of its arguments, reading <paramref name="dependency"/>
    /// block for block) replaced by the dependency's task run inline: one layer whose tasks do
    /// the work of both (Dask's <c>rewrite_blockwise</c>). The dependency's letters are renamed
    /// into this layer's: its output letters to the letters <paramref name="read"/> names them by,
    /// its contracted letters to fresh ones.
    /// </summary>
    internal Blockwise Absorb(BlockwiseInput read, Blockwise dependency)
    {
        var map = new Dictionary<char, char>();
        for (var k = 0; k < dependency.OutputIndex.Length; k++)
        {
            map[dependency.OutputIndex[k]] = read.Index[k];
        }

        var used = new HashSet<char>(numBlocks.Keys);
        var merged = new Dictionary<char, int>(numBlocks);
        var fresh = '\u0100';
        foreach (var (letter, count) in dependency.numBlocks)
        {
            if (map.ContainsKey(letter))
            {
                continue;
            }

            while (used.Contains(fresh))
            {
                fresh++;
            }

            map[letter] = fresh;
            used.Add(fresh);
            merged[fresh] = count;
        }

        var inner = dependency.Task.Rename(letter => map[letter]);
        return new Blockwise(Name, OutputIndex, Task.Replace(read, BlockwiseArg.Nested(inner)), merged, outputBlocks);
    }

    private string[] FindInputNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in Task.AllArgs())
        {
            switch (arg)
            {
                case BlockwiseInput input:
                    names.Add(input.Name);
                    break;
                case BlockwiseConstant constant:
                    foreach (var key in BlockwisePlan.KeysIn(constant.Argument))
                    {
                        names.Add(key.Name);
                    }

                    break;
            }
        }

        return [.. names];
    }

    private static Dictionary<char, int> InferNumBlocks(string name, string outputIndex, BlockwiseTask task, IReadOnlyDictionary<char, int>? newAxes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(outputIndex);
        ArgumentNullException.ThrowIfNull(task);
        if (outputIndex.Distinct().Count() != outputIndex.Length)
        {
            throw new ArgumentException($"Output index '{outputIndex}' of blockwise layer {name} repeats a letter.", nameof(outputIndex));
        }

        var seen = new Dictionary<char, List<(string What, int Count)>>();
        foreach (var arg in task.AllArgs())
        {
            var (what, index, counts) = arg switch
            {
                BlockwiseInput i => ($"input {i.Name}", i.Index, i.NumBlocks),
                BlockwisePerBlock p => (p.Dep.GetType().Name, p.Index, p.Dep.NumBlocks),
                _ => (null, "", []),
            };
            for (var k = 0; k < index.Length; k++)
            {
                if (!seen.TryGetValue(index[k], out var list))
                {
                    seen[index[k]] = list = [];
                }

                list.Add((what!, counts[k]));
            }
        }

        var result = new Dictionary<char, int>();
        foreach (var (letter, list) in seen)
        {
            var stretched = list.Select(e => e.Count).Where(c => c != 1).Distinct().ToArray();
            if (stretched.Length > 1)
            {
                throw new ArgumentException(
                    $"Blockwise layer {name}: letter '{letter}' has {string.Join(" and ", list.Select(e => $"{e.Count} blocks in {e.What}"))}; arguments sharing a letter must have equal block counts, or 1 to broadcast.");
            }

            result[letter] = stretched.Length == 1 ? stretched[0] : 1;
        }

        foreach (var (letter, count) in newAxes ?? new Dictionary<char, int>())
        {
            if (!outputIndex.Contains(letter) || result.ContainsKey(letter) || count < 0)
            {
                throw new ArgumentException(
                    $"Blockwise layer {name}: new axis '{letter}' with {count} blocks must be an output letter that no argument has, with 0 or more blocks.", nameof(newAxes));
            }

            result[letter] = count;
        }

        foreach (var letter in outputIndex)
        {
            if (!result.ContainsKey(letter))
            {
                throw new ArgumentException(
                    $"Blockwise layer {name}: output letter '{letter}' of '{outputIndex}' is in no argument; give its number of blocks as a new axis.", nameof(newAxes));
            }
        }

        foreach (var input in task.AllArgs().OfType<BlockwiseInput>().Where(i => i.Concatenate))
        {
            foreach (var letter in input.Index.Where(l => !outputIndex.Contains(l) && result[l] != 1))
            {
                throw new ArgumentException(
                    $"Blockwise layer {name}: input {input.Name} concatenates contracted letter '{letter}', which has {result[letter]} blocks; join them into one block first.");
            }
        }

        return result;
    }

    /// <summary>Row-major order of block indices.</summary>
    internal sealed class BlockOrder : IComparer<int[]>
    {
        public static BlockOrder Instance { get; } = new();

        public int Compare(int[]? x, int[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
