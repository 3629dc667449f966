using System.Numerics;
using System.Text.Json;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// A chunked array over a <c>.npy</c> file: the header is read now; each block's task reads
    /// only that block's bytes from the file when it runs. Fortran-order and big-endian files are
    /// read too.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a valid <c>.npy</c> file, is truncated, or holds another dtype than
    /// <typeparamref name="T"/>; the message names the path and dtype.
    /// </exception>
    /// <exception cref="ArgumentException">The chunks do not match the file's shape.</exception>
    public static DArray<T> FromNpy<T>(string path, int[] chunks)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var file = OpenNpy<T>(path);
        return FromNpy<T>(file, ChunkGrid.FromBlockSize([.. file.Shape], chunks));
    }

    /// <summary>A chunked array over a <c>.npy</c> file, with explicit block sizes per axis.</summary>
    /// <exception cref="InvalidDataException">The file is invalid, truncated or of another dtype; the message names the path and dtype.</exception>
    /// <exception cref="ArgumentException">The chunks do not match the file's shape.</exception>
    public static DArray<T> FromNpy<T>(string path, int[][] chunks)
        where T : unmanaged, INumber<T>
    {
        var file = OpenNpy<T>(path);
        return FromNpy<T>(file, ChunkGrid.FromExplicit([.. file.Shape], chunks));
    }

    /// <summary>
    /// A chunked array over a folder written by <see cref="DArray{TElement}.ToNpyStack"/> (or in
    /// that layout): one block per file along the stacked axis, each task loading its file.
    /// </summary>
    /// <exception cref="FileNotFoundException"><c>info.json</c> or a block file is missing.</exception>
    /// <exception cref="InvalidDataException">The info holds another dtype than <typeparamref name="T"/>, or a file's shape disagrees with it; the message names the path.</exception>
    public static DArray<T> FromNpyStack<T>(string directory)
        where T : unmanaged, INumber<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        var infoPath = Path.Combine(full, NpyStackInfo.FileName);
        var info = JsonSerializer.Deserialize<NpyStackInfo>(File.ReadAllText(infoPath), NpyStackInfo.Json)
            ?? throw new InvalidDataException($"{infoPath}: empty stack info.");
        if (info.DType != DTypes.NameOf<T>())
        {
            throw new InvalidDataException($"{infoPath}: the stack has dtype {info.DType}, not the requested {DTypes.NameOf<T>()}.");
        }

        var grid = ChunkGrid.FromExplicit(info.Shape, info.Chunks);
        var name = Tokenize.Name("from-npy-stack", full, info.DType, info.Shape, grid, info.Axis);
        var files = new List<object?>();
        foreach (var index in ChunkGrid.Indices(ChunkGrid.BlockCounts(grid)))
        {
            var file = Path.Combine(full, $"{index[info.Axis]}.npy");
            var header = OpenNpy<T>(file);
            var expected = ChunkGrid.BlockShape(grid, index);
            if (!header.Shape.SequenceEqual(expected))
            {
                throw new InvalidDataException(
                    $"{file}: holds shape {Shapes.Format([.. header.Shape])} but the stack info says block {index[info.Axis]} has shape {Shapes.Format(expected)}.");
            }

            files.Add(file);
        }

        var perBlock = BlockwiseArg.PerBlock(new BlockValues(ChunkGrid.BlockCounts(grid), [.. files]), ArrayBlockwise.Letters(grid.Length));
        return DArray<T>.FromNode(ArrayBlockwise.Create(name, info.Shape, grid, info.DType, ArrayOps.Name<T>("npy-load"), perBlock));
    }

    private static NpyFile OpenNpy<T>(string path)
        where T : unmanaged, INumber<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = NpyFile.Open(Path.GetFullPath(path));
        if (file.DType != DTypes.NameOf<T>())
        {
            throw new InvalidDataException(
                $"{file.Path}: the .npy array has dtype {file.DType} (descr '{file.Descr}'), not the requested {DTypes.NameOf<T>()}.");
        }

        return file;
    }

    private static DArray<T> FromNpy<T>(NpyFile file, int[][] grid)
        where T : unmanaged, INumber<T>
    {
        var shape = file.Shape.ToArray();
        var stamp = File.GetLastWriteTimeUtc(file.Path).Ticks;
        var name = Tokenize.Name("from-npy", file.Path, file.DType, shape, grid, stamp);
        return DArray<T>.FromNode(ArrayBlockwise.Create(
            name, shape, grid, file.DType, ArrayOps.Name<T>("npy-read"), BlockwiseArg.Literal(file.Path), ArrayBlockwise.BlockStart(grid), ArrayBlockwise.BlockShape(grid)));
    }
}
