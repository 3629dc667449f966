namespace MiniDask.Graph;

/// <summary>
/// One argument of a <see cref="BlockwiseTask"/>: what a block's task passes to the op in that
/// position. Letters name block axes as in <see cref="Blockwise"/>; an argument that depends on
/// the block reads the output block's position along its letters.
/// </summary>
public abstract class BlockwiseArg
{
    private protected BlockwiseArg()
    {
    }

    /// <summary>
    /// A block of the input whose keys are named <paramref name="name"/>: along axis <c>k</c> the
    /// block at the output's position for letter <c>index[k]</c>, or block 0 where the input has one
    /// block there and the output several (broadcasting). Letters the output does not have are
    /// contracted: the task reads every block along them, as a list in row-major order, or, with
    /// <paramref name="concatenate"/>, the one block the input has there (Dask's
    /// <c>concatenate=True</c>, with the blocks joined ahead of time).
    /// </summary>
    /// <param name="name">The input's key name.</param>
    /// <param name="index">One letter per axis of the input.</param>
    /// <param name="numBlocks">The input's number of blocks along each axis.</param>
    /// <param name="concatenate">Pass the single block of each contracted axis instead of a list.</param>
    /// <exception cref="ArgumentException">The name is empty, or the letters are not distinct or not one per axis.</exception>
    public static BlockwiseArg Blocks(string name, string index, IReadOnlyList<int> numBlocks, bool concatenate = false) =>
        new BlockwiseInput(name, index, numBlocks, concatenate);

    /// <summary>A literal value passed as it is to every block's task.</summary>
    public static BlockwiseArg Literal(object? value) => new BlockwiseConstant(TaskArg.Literal(value));

    /// <summary>The same task argument (a literal, a key or a list of them) passed to every block's task.</summary>
    public static BlockwiseArg Constant(TaskArg argument) => new BlockwiseConstant(argument ?? throw new ArgumentNullException(nameof(argument)));

    /// <summary>
    /// The argument <paramref name="dep"/> gives for the output block's position along
    /// <paramref name="index"/> (Dask's <c>BlockwiseDep</c>): a block's shape, offset or index.
    /// </summary>
    /// <exception cref="ArgumentException">The letters are not distinct or not one per axis of the dependency's grid.</exception>
    public static BlockwiseArg PerBlock(BlockwiseDep dep, string index) => new BlockwisePerBlock(dep, index);

    /// <summary>A task run inline for each block, its result passed (what fusing layers produces).</summary>
    public static BlockwiseArg Nested(BlockwiseTask task) => new BlockwiseNested(task ?? throw new ArgumentNullException(nameof(task)));

    /// <summary>The argument with its letters renamed by <paramref name="rename"/>.</summary>
    internal abstract BlockwiseArg Rename(Func<char, char> rename);

    /// <summary>Checks that <paramref name="index"/> has distinct letters, one for each of <paramref name="axes"/> axes.</summary>
    private protected static string CheckIndex(string index, int axes, string what)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length != axes || index.Distinct().Count() != index.Length)
        {
            throw new ArgumentException($"Index '{index}' of {what} must name its {axes} block axes with distinct letters.", nameof(index));
        }

        return index;
    }
}

/// <summary>The blocks of an input collection (see <see cref="BlockwiseArg.Blocks"/>).</summary>
public sealed class BlockwiseInput : BlockwiseArg
{
    internal BlockwiseInput(string name, string index, IReadOnlyList<int> numBlocks, bool concatenate)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(numBlocks);
        if (numBlocks.Any(n => n < 0))
        {
            throw new ArgumentException($"Input {name} has a negative number of blocks: [{string.Join(", ", numBlocks)}].", nameof(numBlocks));
        }

        Name = name;
        Index = CheckIndex(index, numBlocks.Count, $"input {name}");
        NumBlocks = [.. numBlocks];
        Concatenate = concatenate;
    }

    /// <summary>The input's key name.</summary>
    public string Name { get; }

    /// <summary>One letter per axis of the input.</summary>
    public string Index { get; }

    /// <summary>The input's number of blocks along each axis.</summary>
    public IReadOnlyList<int> NumBlocks { get; }

    /// <summary>Whether a contracted axis passes its single block rather than a list.</summary>
    public bool Concatenate { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}[{Index}]";

    /// <inheritdoc />
    internal override BlockwiseArg Rename(Func<char, char> rename) =>
        new BlockwiseInput(Name, new string([.. Index.Select(rename)]), NumBlocks, Concatenate);
}

/// <summary>An argument every block's task shares (see <see cref="BlockwiseArg.Literal"/>).</summary>
public sealed class BlockwiseConstant : BlockwiseArg
{
    internal BlockwiseConstant(TaskArg argument) => Argument = argument;

    /// <summary>The argument, the same object in every task.</summary>
    public TaskArg Argument { get; }

    /// <inheritdoc />
    public override string ToString() => Argument.ToString() ?? "";

    /// <inheritdoc />
    internal override BlockwiseArg Rename(Func<char, char> rename) => this;
}

/// <summary>An argument computed from the block's position (see <see cref="BlockwiseArg.PerBlock"/>).</summary>
public sealed class BlockwisePerBlock : BlockwiseArg
{
    internal BlockwisePerBlock(BlockwiseDep dep, string index)
    {
        ArgumentNullException.ThrowIfNull(dep);
        Dep = dep;
        Index = CheckIndex(index, dep.NumBlocks.Count, dep.GetType().Name);
    }

    /// <summary>What gives the argument of each block.</summary>
    public BlockwiseDep Dep { get; }

    /// <summary>One letter per axis of the dependency's block grid.</summary>
    public string Index { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Dep.GetType().Name}[{Index}]";

    /// <inheritdoc />
    internal override BlockwiseArg Rename(Func<char, char> rename) =>
        new BlockwisePerBlock(Dep, new string([.. Index.Select(rename)]));
}

/// <summary>A task run inline for each block (see <see cref="BlockwiseArg.Nested"/>).</summary>
public sealed class BlockwiseNested : BlockwiseArg
{
    internal BlockwiseNested(BlockwiseTask task) => Task = task;

    /// <summary>The inline task.</summary>
    public BlockwiseTask Task { get; }

    /// <inheritdoc />
    public override string ToString() => Task.ToString();

    /// <inheritdoc />
    internal override BlockwiseArg Rename(Func<char, char> rename) => new BlockwiseNested(Task.Rename(rename));
}

/// <summary>
/// The task of every block of a <see cref="Blockwise"/> layer: an op and its arguments, each of
/// which may depend on the block's position (Dask's Blockwise <c>task</c> with its <c>indices</c>).
/// </summary>
public sealed class BlockwiseTask
{
    /// <summary>A task calling op <paramref name="op"/> with <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="op"/> is empty.</exception>
    public BlockwiseTask(string op, params BlockwiseArg[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(op);
        ArgumentNullException.ThrowIfNull(args);
        if (System.Array.IndexOf(args, null) >= 0)
        {
            throw new ArgumentException($"Argument {System.Array.IndexOf(args, null)} of blockwise op {op} is null.", nameof(args));
        }

        Op = op;
        Args = args;
    }

    /// <summary>The registered op's name.</summary>
    public string Op { get; }

    /// <summary>The arguments, in call order.</summary>
    public IReadOnlyList<BlockwiseArg> Args { get; }

    /// <summary>The deepest nesting of tasks, this one included.</summary>
    public int Depth => 1 + Args.OfType<BlockwiseNested>().Select(n => n.Task.Depth).DefaultIfEmpty(0).Max();

    /// <inheritdoc />
    public override string ToString() => $"{Op}({string.Join(", ", Args)})";

    /// <summary>Every argument of this task and of the tasks nested in it, depth first.</summary>
    public IEnumerable<BlockwiseArg> AllArgs()
    {
        foreach (var arg in Args)
        {
            yield return arg;
            if (arg is BlockwiseNested n)
            {
                foreach (var inner in n.Task.AllArgs())
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The task with its letters renamed by <paramref name="rename"/>.</summary>
    internal BlockwiseTask Rename(Func<char, char> rename) => new(Op, [.. Args.Select(a => a.Rename(rename))]);

    /// <summary>The task with argument <paramref name="target"/> (found by reference, nested or not) replaced by <paramref name="replacement"/>.</summary>
    internal BlockwiseTask Replace(BlockwiseArg target, BlockwiseArg replacement) =>
        new(Op, [.. Args.Select(a => ReferenceEquals(a, target) ? replacement : a is BlockwiseNested n ? new BlockwiseNested(n.Task.Replace(target, replacement)) : a)]);
}

/// <summary>
/// Gives a task argument for each block of a grid (Dask's <c>BlockwiseDep</c>): the block's shape,
/// its offset, its index, or anything else that a block's task needs and that is known from its
/// position alone. A <see cref="Blockwise"/> layer asks for it only when it makes its tasks.
/// </summary>
public abstract class BlockwiseDep
{
    /// <summary>A dependency over a grid of <paramref name="numBlocks"/> blocks per axis.</summary>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    protected BlockwiseDep(IReadOnlyList<int> numBlocks)
    {
        ArgumentNullException.ThrowIfNull(numBlocks);
        if (numBlocks.Any(n => n < 0))
        {
            throw new ArgumentException($"A block grid has a negative number of blocks: [{string.Join(", ", numBlocks)}].", nameof(numBlocks));
        }

        NumBlocks = [.. numBlocks];
    }

    /// <summary>The number of blocks along each axis of the grid.</summary>
    public IReadOnlyList<int> NumBlocks { get; }

    /// <summary>The argument of the block at <paramref name="blockIndex"/>; the same object may be returned for several blocks.</summary>
    public abstract TaskArg ArgumentFor(ReadOnlySpan<int> blockIndex);
}
