using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// More ways to create chunked arrays (Dask's <c>arange</c>, <c>linspace</c>, <c>eye</c>,
/// <c>random.normal</c>, <c>fromfunction</c>, <c>from_array</c> of .NET multidimensional
/// arrays), and <see cref="Chunks"/> overloads of the first ones. Every block is computed by
/// its own task from a few literals, so nothing large is held in the graph; each is a
/// <see cref="Blockwise"/> layer, so the elementwise ops after it fuse into its tasks.
/// </summary>
public static partial class DArray
{
    /// <summary>Uniform random doubles in [0, 1), cut as <paramref name="chunks"/> says.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit the shape.</exception>
    public static DArray<double> Random(int[] shape, Chunks chunks, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Random(shape, chunks.Resolve(shape, sizeof(double)), seed);
    }

    /// <summary>
    /// Normally distributed doubles with mean <paramref name="loc"/> and standard deviation
    /// <paramref name="scale"/> (Dask's and NumPy's <c>random.normal(loc, scale, size)</c>), by the
    /// Box-Muller transform of the uniform generator; each block is a pure function of the seed
    /// and its block index, like <see cref="Random(int[], int[], long)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, the chunks do not fit, or <paramref name="scale"/> is negative.</exception>
    public static DArray<double> RandomNormal(int[] shape, Chunks chunks, long seed = 0, double loc = 0, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(chunks);
        if (!(scale >= 0))
        {
            throw new ArgumentException($"scale, the standard deviation, must be >= 0; got {scale}.", nameof(scale));
        }

        var grid = chunks.Resolve(shape, sizeof(double));
        var name = Tokenize.Name("random-normal", shape, grid, seed, loc, scale);
        return DArray<double>.FromNode(ArrayBlockwise.Create(
            name, shape, grid, "float64", ExtendedOps.RandomNormalOp,
            BlockwiseArg.Literal(seed), ArrayBlockwise.BlockIndex(grid), ArrayBlockwise.BlockShape(grid), BlockwiseArg.Literal(loc), BlockwiseArg.Literal(scale)));
    }

    /// <summary>Normally distributed doubles with one block size per axis; see <see cref="RandomNormal(int[], Chunks, long, double, double)"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, the chunks do not fit, or <paramref name="scale"/> is negative.</exception>
    public static DArray<double> RandomNormal(int[] shape, int[] chunks, long seed = 0, double loc = 0, double scale = 1) =>
        RandomNormal(shape, Chunks.Of(chunks), seed, loc, scale);

    /// <summary>
    /// Normally distributed doubles in Dask's argument order, <c>da.random.normal(loc, scale, size, chunks)</c>;
    /// see <see cref="RandomNormal(int[], Chunks, long, double, double)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, the chunks do not fit, or <paramref name="scale"/> is negative.</exception>
    public static DArray<double> RandomNormal(double loc, double scale, int[] shape, Chunks chunks, long seed = 0) =>
        RandomNormal(shape, chunks, seed, loc, scale);

    /// <summary>Normally distributed doubles in Dask's argument order, with one block size per axis.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, the chunks do not fit, or <paramref name="scale"/> is negative.</exception>
    public static DArray<double> RandomNormal(double loc, double scale, int[] shape, int[] chunks, long seed = 0) =>
        RandomNormal(shape, Chunks.Of(chunks), seed, loc, scale);

    /// <summary>An array with every element <paramref name="value"/>, cut as <paramref name="chunks"/> says.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit the shape.</exception>
    public static DArray<T> Full<T>(int[] shape, Chunks chunks, T value)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Full(shape, chunks.Resolve(shape, Unsafe.SizeOf<T>()), value);
    }

    /// <summary>An array of ones, cut as <paramref name="chunks"/> says.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit the shape.</exception>
    public static DArray<T> Ones<T>(int[] shape, Chunks chunks)
        where T : unmanaged, INumber<T> => Full(shape, chunks, T.One);

    /// <summary>An array of zeros, cut as <paramref name="chunks"/> says.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit the shape.</exception>
    public static DArray<T> Zeros<T>(int[] shape, Chunks chunks)
        where T : unmanaged, INumber<T> => Full(shape, chunks, T.Zero);

    /// <summary>A chunked array over a copy of <paramref name="array"/>, cut as <paramref name="chunks"/> says.</summary>
    /// <exception cref="ArgumentException">The chunks do not fit the array's shape.</exception>
    public static DArray<T> FromArray<T>(NDArray<T> array, Chunks chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(chunks);
        return FromArray(array, chunks.Resolve(array.Shape, Unsafe.SizeOf<T>()));
    }

    /// <summary>A chunked array over a copy of the matrix <paramref name="data"/> (row-major, as .NET stores it).</summary>
    /// <exception cref="ArgumentException">The chunks do not fit the matrix's shape.</exception>
    public static DArray<T> FromArray<T>(T[,] data, Chunks chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromArray(Dense<T>(data, [data.GetLength(0), data.GetLength(1)]), chunks);
    }

    /// <summary>A chunked array over a copy of the matrix <paramref name="data"/>, with one block size per axis.</summary>
    /// <exception cref="ArgumentException">The chunks do not fit the matrix's shape.</exception>
    public static DArray<T> FromArray<T>(T[,] data, int[] chunks)
        where T : unmanaged, INumber<T> => FromArray(data, Chunks.Of(chunks));

    /// <summary>A chunked array over a copy of the three-dimensional <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The chunks do not fit the array's shape.</exception>
    public static DArray<T> FromArray<T>(T[,,] data, Chunks chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromArray(Dense<T>(data, [data.GetLength(0), data.GetLength(1), data.GetLength(2)]), chunks);
    }

    /// <summary>
    /// Evenly spaced values <c>start, start + step, ...</c> below <paramref name="stop"/> (above it
    /// for a negative step), NumPy's <c>arange</c>; <c>ceil((stop - start) / step)</c> elements.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="step"/> is zero.</exception>
    public static DArray<T> Arange<T>(T start, T stop, T step, Chunks? chunks = null)
        where T : unmanaged, INumber<T>
    {
        if (T.IsZero(step) || typeof(T) == typeof(Bool))
        {
            throw new ArgumentException($"arange needs a nonzero numeric step; got {step} of {DTypes.NameOf<T>()}.", nameof(step));
        }

        var length = (long)Math.Max(0, Math.Ceiling((double.CreateChecked(stop) - double.CreateChecked(start)) / double.CreateChecked(step)));
        if (length > int.MaxValue)
        {
            throw new ArgumentException($"arange({start}, {stop}, {step}) would have {length} elements, more than an axis can hold.", nameof(stop));
        }

        var grid = (chunks ?? Chunks.Auto).Resolve([(int)length], Unsafe.SizeOf<T>());
        var name = Tokenize.Name("arange", DTypes.NameOf<T>(), start, stop, step, grid);
        return DArray<T>.FromNode(ArrayBlockwise.Create(
            name, [(int)length], grid, DTypes.NameOf<T>(), ArrayOps.Name<T>("arange"), BlockwiseArg.Literal(start), BlockwiseArg.Literal(step),
            ArrayBlockwise.AlongAxis(AxisBlocks.Offsets(grid[0], asLong: true), 0), ArrayBlockwise.AlongAxis(AxisBlocks.Sizes(grid[0]), 0)));
    }

    /// <summary><c>0, 1, ..., stop - 1</c> as int64, NumPy's <c>arange(stop)</c>.</summary>
    public static DArray<long> Arange(long stop, Chunks? chunks = null) => Arange(0L, stop, 1L, chunks);

    /// <summary>
    /// <paramref name="num"/> evenly spaced doubles from <paramref name="start"/> to
    /// <paramref name="stop"/> (NumPy's <c>linspace</c>): <c>start + i * step</c> with
    /// <c>step = (stop - start) / (num - 1)</c>, or <c>/ num</c> without the endpoint; the last
    /// element is exactly <paramref name="stop"/> when the endpoint is included.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="num"/> is negative.</exception>
    public static DArray<double> Linspace(double start, double stop, int num = 50, bool endpoint = true, Chunks? chunks = null)
    {
        if (num < 0)
        {
            throw new ArgumentException($"Number of samples, {num}, must be non-negative.", nameof(num));
        }

        var div = endpoint ? num - 1 : num;
        var step = div > 0 ? (stop - start) / div : stop - start;
        var grid = (chunks ?? Chunks.Auto).Resolve([num], sizeof(double));
        var name = Tokenize.Name("linspace", start, stop, num, endpoint, grid);
        return DArray<double>.FromNode(ArrayBlockwise.Create(
            name, [num], grid, "float64", ExtendedOps.LinspaceOp, BlockwiseArg.Literal(start), BlockwiseArg.Literal(step),
            ArrayBlockwise.AlongAxis(AxisBlocks.Offsets(grid[0], asLong: true), 0), ArrayBlockwise.AlongAxis(AxisBlocks.Sizes(grid[0]), 0),
            BlockwiseArg.Literal((long)num), BlockwiseArg.Literal(stop), BlockwiseArg.Literal(endpoint)));
    }

    /// <summary>
    /// An <paramref name="n"/> by <paramref name="m"/> (default <paramref name="n"/>) matrix with
    /// ones on diagonal <paramref name="k"/> (0 the main one, positive above it) and zeros elsewhere (NumPy's <c>eye</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit.</exception>
    public static DArray<T> Eye<T>(int n, int? m = null, int k = 0, Chunks? chunks = null)
        where T : unmanaged, INumber<T>
    {
        int[] shape = [n, m ?? n];
        var grid = (chunks ?? Chunks.Auto).Resolve(shape, Unsafe.SizeOf<T>());
        var name = Tokenize.Name("eye", DTypes.NameOf<T>(), shape, k, grid);
        return DArray<T>.FromNode(ArrayBlockwise.Create(
            name, shape, grid, DTypes.NameOf<T>(), ArrayOps.Name<T>("eye"), ArrayBlockwise.BlockShape(grid),
            ArrayBlockwise.AlongAxis(AxisBlocks.Offsets(grid[0]), 0), ArrayBlockwise.AlongAxis(AxisBlocks.Offsets(grid[1]), 1), BlockwiseArg.Literal(k)));
    }

    /// <summary>A float64 identity-like matrix; see <see cref="Eye{T}(int, int?, int, Chunks?)"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit.</exception>
    public static DArray<double> Eye(int n, int? m = null, int k = 0, Chunks? chunks = null) => Eye<double>(n, m, k, chunks);

    /// <summary>
    /// An array whose element at each index is <paramref name="function"/> of that index
    /// (NumPy's <c>fromfunction</c>, called once per element). Pass a static method or a lambda
    /// that captures nothing: it is registered by assembly, type and method (see <see cref="UserFunctions"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit.</exception>
    public static DArray<T> FromFunction<T>(int[] shape, Chunks chunks, IndexFunction<T> function)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(function);
        var grid = chunks.Resolve(shape, Unsafe.SizeOf<T>());
        var op = UserOps.Register("fromfunction", [typeof(T)], function);
        var name = Tokenize.Name("fromfunction", op, shape, grid);
        return DArray<T>.FromNode(ArrayBlockwise.Create(name, shape, grid, DTypes.NameOf<T>(), op, ArrayBlockwise.BlockShape(grid), ArrayBlockwise.BlockStart(grid)));
    }

    /// <summary>An array whose elements are <paramref name="function"/> of their indices, with one block size per axis.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not fit.</exception>
    public static DArray<T> FromFunction<T>(int[] shape, int[] chunks, IndexFunction<T> function)
        where T : unmanaged, INumber<T> => FromFunction(shape, Chunks.Of(chunks), function);

    /// <summary>A block of <paramref name="shape"/> starting at <paramref name="start"/>, filled by <paramref name="function"/>.</summary>
    internal static NDArray<T> FillFromFunction<T>(IndexFunction<T> function, int[] shape, int[] start)
        where T : unmanaged, INumber<T>
    {
        var result = NDArray<T>.CreateUninitialized(shape);
        var dest = result.Span;
        var index = (int[])start.Clone();
        for (var i = 0; i < dest.Length; i++)
        {
            dest[i] = function(index);
            for (var axis = shape.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < start[axis] + shape[axis])
                {
                    break;
                }

                index[axis] = start[axis];
            }
        }

        return result;
    }

    private static NDArray<T> Dense<T>(System.Array data, int[] shape)
        where T : unmanaged, INumber<T>
    {
        var span = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(data)), data.Length);
        return new NDArray<T>(span.ToArray(), shape);
    }
}
