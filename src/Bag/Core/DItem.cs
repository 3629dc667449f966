using MiniDask.Graph;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>
/// A lazy single value computed from a bag, such as a count or a sum (Dask's <c>Item</c>).
/// <c>Compute()</c> returns the value.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class DItem<T> : IDaskCollection<T>, IDistributable
{
    private readonly Func<object?, T> finish;
    private readonly Type[] lineage;

    internal DItem(TaskGraph graph, Key key, Func<object?, T> finish, IReadOnlyList<Type> lineage)
    {
        Graph = graph;
        Key = key;
        this.finish = finish;
        this.lineage = [.. lineage];
    }

    /// <summary>The key whose result holds the value.</summary>
    public Key Key { get; }

    /// <inheritdoc />
    public TaskGraph Graph { get; }

    /// <inheritdoc />
    public IReadOnlyList<Key> OutputKeys => [Key];

    /// <summary>The element types of the bags the value is computed from (see <see cref="DBag{T}.ElementTypes"/>).</summary>
    public IReadOnlyList<Type> ElementTypes => lineage;

    /// <summary>Turns the computed result of <see cref="Key"/> into the value.</summary>
    /// <exception cref="InvalidOperationException">The aggregate has no value, such as the minimum of an empty bag.</exception>
    public T Finalize(IReadOnlyList<object?> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return finish(results[0]);
    }

    /// <summary>
    /// Checks that a distributed run can compute this value: its graph names no process-local
    /// user function and every element type it passes between tasks is serializable.
    /// </summary>
    /// <exception cref="ProcessLocalFunctionException">A task calls a process-local function.</exception>
    /// <exception cref="UnserializableTypeException">An element type cannot be serialized.</exception>
    public void EnsureDistributable() => Distributable.Ensure(Graph, lineage);

    /// <inheritdoc />
    public override string ToString() => $"DItem<{typeof(T).Name}>({Key})";
}
