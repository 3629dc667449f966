using System.Numerics;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>
/// A dense, row-major (C order), contiguous n-dimensional array over a <typeparamref name="T"/>[]
/// buffer: the block type of chunked arrays. The buffer is exposed as it is (<see cref="Data"/>),
/// so transports and device backends move it without per-element work. Block ops never modify
/// their inputs; they return new arrays.
/// </summary>
/// <typeparam name="T">The element type: double, float, int or long.</typeparam>
public sealed class NDArray<T> : INDArray
    where T : unmanaged, INumber<T>
{
    private readonly int[] shape;
    private T[] data;

    // 1 while this array holds a buffer from the BlockPool that nothing else references, so the
    // buffer may go back to the pool once the engine is done with the array; 0 otherwise.
    private int recyclable;

    /// <summary>Creates an array of <paramref name="shape"/> filled with zeros.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape is too large.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public NDArray(ReadOnlySpan<int> shape)
        : this(BlockPool.Rent<T>(Shapes.ElementCount(shape)), shape.ToArray(), validated: true)
    {
        data.AsSpan().Clear();
        recyclable = 1;
    }

    /// <summary>
    /// Wraps <paramref name="data"/> (not copied) as an array of <paramref name="shape"/>, row-major.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A dimension is negative, or the data length differs from the shape's element count.
    /// </exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public NDArray(T[] data, ReadOnlySpan<int> shape)
        : this(data, shape.ToArray(), validated: false)
    {
    }

    private NDArray(T[] data, int[] shape, bool validated)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!validated)
        {
            var count = Shapes.ElementCount(shape);
            if (data.Length != count)
            {
                throw new ArgumentException(
                    $"Data of length {data.Length} does not fit shape {Shapes.Format(shape)}, which holds {count} elements.", nameof(data));
            }
        }

        if (!DTypes.IsSupported<T>())
        {
            throw new NotSupportedException(
                $"Element type {typeof(T).FullName} is not supported; use the element type of one of the dtypes {string.Join(", ", DTypes.Names)}.");
        }

        this.data = data;
        this.shape = shape;
    }

    /// <summary>The size of each axis, outermost first.</summary>
    public ReadOnlySpan<int> Shape => shape;

    /// <summary>The number of axes (0 for a 0-d array).</summary>
    public int Rank => shape.Length;

    /// <summary>The number of elements (1 for a 0-d array).</summary>
    public int Length => data.Length;

    /// <summary>The NumPy name of the element type, such as <c>float64</c>.</summary>
    public string DType => DTypes.NameOf<T>();

    /// <summary>The CLR element type.</summary>
    public Type ElementType => typeof(T);

    /// <summary>The underlying buffer, row-major; its length is exactly <see cref="Length"/>.</summary>
    public T[] Data => data;

    /// <summary>The elements in row-major order.</summary>
    public Span<T> Span => data;

    /// <summary>The elements in row-major order, as memory that async code and transports can hold.</summary>
    public Memory<T> Memory => data;

    /// <summary>The element at <paramref name="index"/> (one entry per axis).</summary>
    /// <exception cref="ArgumentException">The index does not have one entry per axis.</exception>
    /// <exception cref="IndexOutOfRangeException">An entry is outside its axis.</exception>
    public T this[params ReadOnlySpan<int> index]
    {
        get => data[Offset(index)];
        set => data[Offset(index)] = value;
    }

    /// <summary>A 0-d array holding <paramref name="value"/>.</summary>
    public static NDArray<T> Scalar(T value) => new([value], [], validated: true);

    /// <summary>An array of <paramref name="shape"/> with every element <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape is too large.</exception>
    public static NDArray<T> Full(ReadOnlySpan<int> shape, T value)
    {
        var result = CreateUninitialized(shape);
        result.data.AsSpan().Fill(value);
        return result;
    }

    /// <summary>
    /// An array of <paramref name="shape"/> whose elements are not cleared: for results that are
    /// about to be written in full, where zeroing would be wasted work.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape is too large.</exception>
    public static NDArray<T> CreateUninitialized(ReadOnlySpan<int> shape) =>
        new(BlockPool.Rent<T>(Shapes.ElementCount(shape)), shape.ToArray(), validated: true) { recyclable = 1 };

    /// <summary>
    /// Whether this array's buffer may still go back to the <see cref="BlockPool"/>: it was made by
    /// <see cref="CreateUninitialized"/> or the shape constructor, and has not been shared or recycled.
    /// </summary>
    public bool IsRecyclable => Volatile.Read(ref recyclable) == 1;

    /// <summary>
    /// Marks the buffer as referenced from elsewhere (a view, another result, the user), so that
    /// <see cref="Recycle"/> never hands it to another block.
    /// </summary>
    public void MarkShared() => Volatile.Write(ref recyclable, 0);

    /// <summary>
    /// Gives the buffer back to the <see cref="BlockPool"/> if this array still owns it alone, and
    /// empties this array, so that a use after recycling fails instead of reading another block's data.
    /// Schedulers call this for intermediates no task will read again.
    /// </summary>
    /// <returns>Whether the buffer went back to the pool.</returns>
    public bool Recycle()
    {
        if (Interlocked.Exchange(ref recyclable, 0) == 0)
        {
            return false;
        }

        var buffer = data;
        data = [];
        BlockPool.Return(buffer);
        return true;
    }

    /// <inheritdoc />
    public bool SharesBufferWith(INDArray other) =>
        other is NDArray<T> array && (ReferenceEquals(array, this) || (ReferenceEquals(array.data, data) && data.Length > 0));

    /// <summary>The single element of an array of one element, such as a 0-d array.</summary>
    /// <exception cref="InvalidOperationException">The array does not hold exactly one element.</exception>
    public T ToScalar() => data.Length == 1
        ? data[0]
        : throw new InvalidOperationException(
            $"Only an array of one element converts to a scalar; this one has shape {Shapes.Format(shape)} ({data.Length} elements).");

    /// <summary>A view of the same buffer with another shape of the same element count.</summary>
    /// <exception cref="ArgumentException">The new shape holds a different number of elements.</exception>
    public NDArray<T> Reshape(params ReadOnlySpan<int> newShape)
    {
        var count = Shapes.ElementCount(newShape);
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Cannot reshape an array of shape {Shapes.Format(shape)} ({data.Length} elements) to {Shapes.Format(newShape)} ({count} elements).",
                nameof(newShape));
        }

        MarkShared();
        return new NDArray<T>(data, newShape.ToArray(), validated: true);
    }

    /// <summary>A copy with its own buffer.</summary>
    public NDArray<T> Copy()
    {
        var copy = CreateUninitialized(shape);
        data.AsSpan().CopyTo(copy.data);
        return copy;
    }

    /// <summary>The buffer as bytes, in row-major order; writes go to the array.</summary>
    public Span<byte> AsBytes() => MemoryMarshal.AsBytes(data.AsSpan());

    /// <summary>Writes the array to <paramref name="stream"/> in NumPy <c>.npy</c> format (version 1.0, C order).</summary>
    public void SaveNpy(Stream stream) => Npy.Write(stream, this);

    /// <summary>Writes the array to the file <paramref name="path"/> in NumPy <c>.npy</c> format (version 1.0, C order).</summary>
    public void SaveNpy(string path)
    {
        using var stream = File.Create(path);
        Npy.Write(stream, this);
    }

    /// <summary>
    /// The values as NumPy prints an array (<c>str(a)</c>): <c>[[1. 2.]\n [3. 4.]]</c>, summarised
    /// with <c>...</c> past 1000 elements. <see cref="Describe"/> gives the type and shape only.
    /// </summary>
    public override string ToString() => NDArrayFormatter.Format(this, PrintOptions.Default);

    /// <summary>The values as NumPy prints them, with NumPy's print options (<c>numpy.set_printoptions</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public string ToString(PrintOptions options) => NDArrayFormatter.Format(this, options);

    /// <summary>A short description: element type and shape, such as <c>NDArray&lt;float64&gt;(2, 3)</c>.</summary>
    public string Describe() => $"NDArray<{DType}>{Shapes.Format(shape)}";

    /// <summary>Elementwise sum with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> operator +(NDArray<T> x, NDArray<T> y) => BlockMath.Binary<AddOperator<T>, T>(x, y);

    /// <summary>Elementwise difference with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> operator -(NDArray<T> x, NDArray<T> y) => BlockMath.Binary<SubtractOperator<T>, T>(x, y);

    /// <summary>Elementwise product with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> operator *(NDArray<T> x, NDArray<T> y) => BlockMath.Binary<MultiplyOperator<T>, T>(x, y);

    /// <summary>Elementwise quotient with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static NDArray<T> operator /(NDArray<T> x, NDArray<T> y) => BlockMath.Binary<DivideOperator<T>, T>(x, y);

    /// <summary>Adds <paramref name="y"/> to every element.</summary>
    public static NDArray<T> operator +(NDArray<T> x, T y) => BlockMath.Binary<AddOperator<T>, T>(x, y);

    /// <summary>Adds <paramref name="x"/> to every element.</summary>
    public static NDArray<T> operator +(T x, NDArray<T> y) => BlockMath.Binary<AddOperator<T>, T>(x, y);

    /// <summary>Subtracts <paramref name="y"/> from every element.</summary>
    public static NDArray<T> operator -(NDArray<T> x, T y) => BlockMath.Binary<SubtractOperator<T>, T>(x, y);

    /// <summary>Subtracts every element from <paramref name="x"/>.</summary>
    public static NDArray<T> operator -(T x, NDArray<T> y) => BlockMath.Binary<SubtractOperator<T>, T>(x, y);

    /// <summary>Multiplies every element by <paramref name="y"/>.</summary>
    public static NDArray<T> operator *(NDArray<T> x, T y) => BlockMath.Binary<MultiplyOperator<T>, T>(x, y);

    /// <summary>Multiplies every element by <paramref name="x"/>.</summary>
    public static NDArray<T> operator *(T x, NDArray<T> y) => BlockMath.Binary<MultiplyOperator<T>, T>(x, y);

    /// <summary>Divides every element by <paramref name="y"/>.</summary>
    public static NDArray<T> operator /(NDArray<T> x, T y) => BlockMath.Binary<DivideOperator<T>, T>(x, y);

    /// <summary>Divides <paramref name="x"/> by every element.</summary>
    public static NDArray<T> operator /(T x, NDArray<T> y) => BlockMath.Binary<DivideOperator<T>, T>(x, y);

    private int Offset(ReadOnlySpan<int> index)
    {
        if (index.Length != shape.Length)
        {
            throw new ArgumentException(
                $"An index into an array of shape {Shapes.Format(shape)} needs {shape.Length} entries; got {index.Length}.", nameof(index));
        }

        var offset = 0;
        for (var i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)shape[i])
            {
                throw new IndexOutOfRangeException(
                    $"Index {index[i]} is out of range for axis {i} of size {shape[i]} (shape {Shapes.Format(shape)}).");
            }

            offset = (offset * shape[i]) + index[i];
        }

        return offset;
    }
}
