using System.Numerics;
using MiniDask.Array.Storage;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// A chunked array over the Zarr v2 array in folder <paramref name="path"/> (Dask's
    /// <c>da.from_zarr</c>): the metadata is read now; each block's task reads only the chunks
    /// it overlaps, when it runs, on whichever worker runs it. By default the blocks are the
    /// stored chunks; other <paramref name="chunks"/> read each block from the chunks it overlaps.
    /// </summary>
    /// <param name="path">The array's folder (inside a group, the array's own folder).</param>
    /// <param name="chunks">The blocks; null for the stored chunks.</param>
    /// <exception cref="FileNotFoundException">The folder holds no Zarr array (the message says when it holds a group).</exception>
    /// <exception cref="ArgumentException">The array holds another dtype than <typeparamref name="T"/>; the message names it.</exception>
    /// <exception cref="NotSupportedException">The array uses a dtype, compressor or filter that cannot be read.</exception>
    public static DArray<T> FromZarr<T>(string path, Chunks? chunks = null)
        where T : unmanaged, INumber<T>
    {
        var array = ZarrArray.Open(path);
        if (array.ElementType != typeof(T))
        {
            throw new ArgumentException(
                $"{array.Path} holds {array.DType}, not {DTypes.NameOf<T>()}: use FromZarr<{array.ElementType.Name}>, or the untyped FromZarr and AsType<{typeof(T).Name}>().");
        }

        var metadata = array.Metadata;
        var grid = chunks is null ? ChunkGrid.FromBlockSize(metadata.Shape, metadata.Chunks) : chunks.Resolve(metadata.Shape, metadata.DType.ItemSize);
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(array.Path, ZarrMetadata.FileName)).Ticks;
        var name = Tokenize.Name("from-zarr", array.Path, array.DType, metadata.Shape, grid, stamp);
        return DArray<T>.FromNode(ArrayBlockwise.Create(
            name, [.. metadata.Shape], grid, DTypes.NameOf<T>(), StorageOps.ZarrReadOp,
            BlockwiseArg.Literal(array.Path), ArrayBlockwise.BlockStart(grid), ArrayBlockwise.BlockShape(grid)));
    }

    /// <summary>
    /// A chunked array over the Zarr v2 array in folder <paramref name="path"/>, of the element
    /// type the array holds (see <see cref="FromZarr{T}(string, Chunks?)"/>); convert it with
    /// <see cref="IDArray.AsType{TOut}"/> or cast it to the <see cref="DArray{TElement}"/> of its <see cref="IDArray.ElementType"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The folder holds no Zarr array.</exception>
    /// <exception cref="NotSupportedException">The array uses a dtype, compressor or filter that cannot be read.</exception>
    public static IDArray FromZarr(string path, Chunks? chunks = null)
    {
        return ZarrArray.Open(path).Metadata.DType.Apply(new FromZarrFunc(path, chunks));
    }

    /// <summary>The chunk shape of <paramref name="array"/>'s blocks when they are regular (the first block's size along each axis, at least 1).</summary>
    /// <exception cref="ArgumentException">They are irregular; the message names the Rechunk that fixes it.</exception>
    internal static int[] RegularChunkShape(IDArray array, string operation, string why)
    {
        var chunks = ArrayNode.Of(array).Chunks;
        var regular = chunks.All(c => c.Take(c.Length - 1).All(s => s == c[0]) && c[^1] <= c[0]);
        var size = chunks.Select(c => Math.Max(1, c[0])).ToArray();
        return regular
            ? size
            : throw new ArgumentException(
                $"{operation} needs regular chunks ({why}): every block of an axis the same size but the last, which may be smaller. "
                + $"{array.Name} has chunks {ChunkGrid.Format(chunks)}; Rechunk it first, for example x.Rechunk(new[] {{ {string.Join(", ", size)} }}).");
    }
}

/// <summary>FromZarr for the element type of the store.</summary>
internal readonly struct FromZarrFunc(string path, Chunks? chunks) : IElementFunc<IDArray>
{
    /// <inheritdoc/>
    public IDArray Invoke<T>()
        where T : unmanaged, INumber<T> => DArray.FromZarr<T>(path, chunks);
}
