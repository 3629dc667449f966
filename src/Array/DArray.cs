using System.Numerics;
using System.Security.Cryptography;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Creates chunked arrays (Dask's <c>da.random.random</c>, <c>da.ones</c>, <c>da.zeros</c>,
/// <c>da.from_array</c>). Chunks are given either as one block size per axis (the last block of
/// an axis holds the remainder) or as explicit block sizes per axis. Bad shapes and chunks are
/// rejected here, when the expression is built, with messages naming both.
/// </summary>
public static partial class DArray
{
    /// <summary>
    /// Uniform random doubles in [0, 1). Each block is a pure function of <paramref name="seed"/>
    /// and its block index, so results do not depend on the order or place blocks are computed.
    /// </summary>
    /// <param name="shape">The size of each axis.</param>
    /// <param name="chunks">The block size along each axis.</param>
    /// <param name="seed">The seed; the same seed and chunks give the same numbers.</param>
    /// <exception cref="ArgumentException">A dimension is negative, a block size is &lt;= 0, or the chunks do not match the rank.</exception>
    public static DArray<double> Random(int[] shape, int[] chunks, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(chunks);
        return Random(shape, ChunkGrid.FromBlockSize(shape, chunks), seed);
    }

    /// <summary>Uniform random doubles in [0, 1), with explicit block sizes per axis.</summary>
    /// <param name="shape">The size of each axis.</param>
    /// <param name="chunks">The block sizes of each axis, adding up to its size.</param>
    /// <param name="seed">The seed; the same seed and chunks give the same numbers.</param>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not match the shape.</exception>
    public static DArray<double> Random(int[] shape, int[][] chunks, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var grid = ChunkGrid.FromExplicit(shape, chunks);
        var name = Tokenize.Name("random", shape, grid, seed);
        return DArray<double>.FromNode(ArrayBlockwise.Create(
            name, shape, grid, "float64", ArrayOps.RandomOp, BlockwiseArg.Literal(seed), ArrayBlockwise.BlockIndex(grid), ArrayBlockwise.BlockShape(grid)));
    }

    /// <summary>An array with every element <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a block size is &lt;= 0, or the chunks do not match the rank.</exception>
    public static DArray<T> Full<T>(int[] shape, int[] chunks, T value)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(chunks);
        return Full(shape, ChunkGrid.FromBlockSize(shape, chunks), value);
    }

    /// <summary>An array with every element <paramref name="value"/>, with explicit block sizes per axis.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not match the shape.</exception>
    public static DArray<T> Full<T>(int[] shape, int[][] chunks, T value)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(shape);
        var grid = ChunkGrid.FromExplicit(shape, chunks);
        var name = Tokenize.Name("full", DTypes.NameOf<T>(), shape, grid, value);
        return DArray<T>.FromNode(ArrayBlockwise.Create(
            name, shape, grid, DTypes.NameOf<T>(), ArrayOps.Name<T>("full"), ArrayBlockwise.BlockShape(grid), BlockwiseArg.Literal(value)));
    }

    /// <summary>An array of ones of element type <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a block size is &lt;= 0, or the chunks do not match the rank.</exception>
    public static DArray<T> Ones<T>(int[] shape, int[] chunks)
        where T : unmanaged, INumber<T> => Full(shape, chunks, T.One);

    /// <summary>An array of ones of element type <typeparamref name="T"/>, with explicit block sizes per axis.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not match the shape.</exception>
    public static DArray<T> Ones<T>(int[] shape, int[][] chunks)
        where T : unmanaged, INumber<T> => Full(shape, chunks, T.One);

    /// <summary>An array of double ones.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a block size is &lt;= 0, or the chunks do not match the rank.</exception>
    public static DArray<double> Ones(int[] shape, int[] chunks) => Ones<double>(shape, chunks);

    /// <summary>An array of double ones, with explicit block sizes per axis.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not match the shape.</exception>
    public static DArray<double> Ones(int[] shape, int[][] chunks) => Ones<double>(shape, chunks);

    /// <summary>An array of zeros of element type <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a block size is &lt;= 0, or the chunks do not match the rank.</exception>
    public static DArray<T> Zeros<T>(int[] shape, int[] chunks)
        where T : unmanaged, INumber<T> => Full(shape, chunks, T.Zero);

    /// <summary>An array of zeros of element type <typeparamref name="T"/>, with explicit block sizes per axis.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not match the shape.</exception>
    public static DArray<T> Zeros<T>(int[] shape, int[][] chunks)
        where T : unmanaged, INumber<T> => Full(shape, chunks, T.Zero);

    /// <summary>An array of double zeros.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a block size is &lt;= 0, or the chunks do not match the rank.</exception>
    public static DArray<double> Zeros(int[] shape, int[] chunks) => Zeros<double>(shape, chunks);

    /// <summary>An array of double zeros, with explicit block sizes per axis.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the chunks do not match the shape.</exception>
    public static DArray<double> Zeros(int[] shape, int[][] chunks) => Zeros<double>(shape, chunks);

    /// <summary>
    /// A chunked array over a copy of <paramref name="array"/>: the blocks are cut now and held in
    /// the graph, so later changes to <paramref name="array"/> do not affect it. The name is a
    /// hash of the contents, so equal arrays get equal keys.
    /// </summary>
    /// <exception cref="ArgumentException">A block size is &lt;= 0, or the chunks do not match the rank.</exception>
    public static DArray<T> FromArray<T>(NDArray<T> array, int[] chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(chunks);
        return FromArray(array, ChunkGrid.FromBlockSize(array.Shape, chunks));
    }

    /// <summary>A chunked array over a copy of <paramref name="array"/>, with explicit block sizes per axis.</summary>
    /// <exception cref="ArgumentException">The chunks do not match the array's shape.</exception>
    public static DArray<T> FromArray<T>(NDArray<T> array, int[][] chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(array);
        var shape = array.Shape.ToArray();
        var grid = ChunkGrid.FromExplicit(shape, chunks);
        var digest = Convert.ToHexStringLower(SHA256.HashData(array.AsBytes()));
        var name = Tokenize.Name("array", array.DType, shape, grid, digest);
        var offsets = grid.Select(ChunkGrid.Offsets).ToArray();
        var blocks = ChunkGrid.Indices(ChunkGrid.BlockCounts(grid))
            .Select(index => (object?)BlockMath.Slice(array, [.. index.Select((b, axis) => offsets[axis][b])], ChunkGrid.BlockShape(grid, index)))
            .ToArray();
        var values = BlockwiseArg.PerBlock(new BlockValues(ChunkGrid.BlockCounts(grid), blocks), ArrayBlockwise.Letters(grid.Length));
        return DArray<T>.FromNode(ArrayBlockwise.Create(name, shape, grid, array.DType, ArrayOps.Name<T>("block"), values));
    }

    /// <summary>A chunked array over a copy of <paramref name="data"/>, read row-major as <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The data length does not match the shape, or the chunks do not match it.</exception>
    public static DArray<T> FromArray<T>(T[] data, int[] shape, int[] chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        ChunkGrid.CheckShape(shape);
        return FromArray(new NDArray<T>(data, shape), chunks);
    }

    /// <summary>A one-dimensional chunked array over a copy of <paramref name="data"/>, in blocks of <paramref name="chunks"/> (<c>[100]</c>, or explicit sizes).</summary>
    /// <exception cref="ArgumentException">The chunks do not fit the data's length.</exception>
    public static DArray<T> FromArray<T>(T[] data, int[] chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromArray(new NDArray<T>(data, [data.Length]), chunks);
    }

    /// <summary>A one-dimensional chunked array over a copy of <paramref name="data"/>, cut as <paramref name="chunks"/> says (a block size, explicit sizes, or <see cref="Chunks.Auto"/>).</summary>
    /// <exception cref="ArgumentException">The chunks do not fit the data's length.</exception>
    public static DArray<T> FromArray<T>(T[] data, Chunks chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromArray(new NDArray<T>(data, [data.Length]), chunks);
    }
}
