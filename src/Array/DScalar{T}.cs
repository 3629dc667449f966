using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// A lazy scalar, such as the result of <see cref="DArray{TElement}.Sum(int?)"/>: a thin wrapper
/// over a 0-d <see cref="DArray{TElement}"/> whose single block is a 0-d <see cref="NDArray{T}"/>.
/// <c>Compute()</c> returns the value; as an operand it broadcasts like a 0-d array.
/// </summary>
/// <typeparam name="T">The element type: double, float, int or long.</typeparam>
public sealed partial class DScalar<T> : IDaskCollection<T>
    where T : unmanaged, INumber<T>
{
    private readonly DArray<T> array;

    internal DScalar(DArray<T> array) => this.array = array;

    /// <summary>The name of the scalar's key.</summary>
    public string Name => array.Name;

    /// <summary>The key whose result is the scalar (a 0-d block).</summary>
    public Key Key => array.OutputKeys[0];

    /// <summary>The NumPy name of the element type, such as <c>float64</c>.</summary>
    public string DType => array.DType;

    /// <inheritdoc />
    public TaskGraph Graph => array.Graph;

    /// <inheritdoc />
    public IReadOnlyList<Key> OutputKeys => array.OutputKeys;

    /// <summary>The scalar as a 0-d array, for use as an array operand.</summary>
    public DArray<T> AsArray() => array;

    /// <summary>Reads the value from the computed 0-d block.</summary>
    /// <exception cref="InvalidOperationException">The result is not a one-element block of <typeparamref name="T"/>.</exception>
    public T Finalize(IReadOnlyList<object?> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Count == 1 && results[0] is NDArray<T> { Length: 1 } block
            ? block.ToScalar()
            : throw new InvalidOperationException($"The result of {Key} should be a one-element NDArray<{DType}>.");
    }

    /// <summary>
    /// Computes the scalar on <paramref name="scheduler"/> (the ambient default when null) and
    /// returns its value; the same as the <c>Compute()</c> extension for any collection.
    /// </summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public T Compute(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
        MiniDask.Graph.CollectionExtensions.Compute(this, scheduler, options, cancellationToken);

    /// <summary>The asynchronous form of <see cref="Compute"/>.</summary>
    /// <exception cref="TaskFailedException">A task failed; the message names its key and op.</exception>
    public Task<T> ComputeAsync(IScheduler? scheduler = null, ComputeOptions? options = null, CancellationToken cancellationToken = default) =>
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

    /// <summary>A summary: name and dtype.</summary>
    public override string ToString() => $"DScalar<{DType}>(name={Name})";

    /// <summary>The scalar as a 0-d array operand.</summary>
    public static implicit operator DArray<T>(DScalar<T> scalar) => scalar.array;

    /// <summary>The sum of two lazy scalars.</summary>
    public static DScalar<T> operator +(DScalar<T> x, DScalar<T> y) => new(x.array + y.array);

    /// <summary>The difference of two lazy scalars.</summary>
    public static DScalar<T> operator -(DScalar<T> x, DScalar<T> y) => new(x.array - y.array);

    /// <summary>The product of two lazy scalars.</summary>
    public static DScalar<T> operator *(DScalar<T> x, DScalar<T> y) => new(x.array * y.array);

    /// <summary>The quotient of two lazy scalars.</summary>
    public static DScalar<T> operator /(DScalar<T> x, DScalar<T> y) => new(x.array / y.array);

    /// <summary>The lazy scalar plus <paramref name="y"/>.</summary>
    public static DScalar<T> operator +(DScalar<T> x, T y) => new(x.array + y);

    /// <summary>The lazy scalar minus <paramref name="y"/>.</summary>
    public static DScalar<T> operator -(DScalar<T> x, T y) => new(x.array - y);

    /// <summary>The lazy scalar times <paramref name="y"/>.</summary>
    public static DScalar<T> operator *(DScalar<T> x, T y) => new(x.array * y);

    /// <summary>The lazy scalar divided by <paramref name="y"/>.</summary>
    public static DScalar<T> operator /(DScalar<T> x, T y) => new(x.array / y);

    /// <summary><paramref name="x"/> plus the lazy scalar.</summary>
    public static DScalar<T> operator +(T x, DScalar<T> y) => new(x + y.array);

    /// <summary><paramref name="x"/> minus the lazy scalar.</summary>
    public static DScalar<T> operator -(T x, DScalar<T> y) => new(x - y.array);

    /// <summary><paramref name="x"/> times the lazy scalar.</summary>
    public static DScalar<T> operator *(T x, DScalar<T> y) => new(x * y.array);

    /// <summary><paramref name="x"/> divided by the lazy scalar.</summary>
    public static DScalar<T> operator /(T x, DScalar<T> y) => new(x / y.array);
}
