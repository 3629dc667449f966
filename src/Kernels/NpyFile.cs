using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace MiniDask.Kernels;

/// <summary>
/// Region-wise access to a <c>.npy</c> file, for chunked arrays whose blocks are read or written
/// one at a time: the header is parsed once, then each block reads or writes only its own
/// bytes at computed offsets, so the whole array never has to be in memory.
/// </summary>
public sealed class NpyFile
{
    private NpyFile(string path, string descr, string dtype, int[] shape, bool fortranOrder, bool bigEndian, long dataOffset)
    {
        Path = path;
        Descr = descr;
        DType = dtype;
        ShapeArray = shape;
        FortranOrder = fortranOrder;
        BigEndian = bigEndian;
        DataOffset = dataOffset;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The NumPy type string as written, such as <c>&lt;f8</c>.</summary>
    public string Descr { get; }

    /// <summary>The dtype name, such as <c>float64</c>.</summary>
    public string DType { get; }

    /// <summary>The array's shape.</summary>
    public IReadOnlyList<int> Shape => ShapeArray;

    /// <summary>Whether the data is stored column-major.</summary>
    public bool FortranOrder { get; }

    /// <summary>Whether the elements are stored big-endian.</summary>
    public bool BigEndian { get; }

    /// <summary>The byte offset where the data starts.</summary>
    public long DataOffset { get; }

    internal int[] ShapeArray { get; }

    /// <summary>
    /// Parses the header of the <c>.npy</c> file at <paramref name="path"/> and checks that the
    /// file is long enough for the data it declares.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a <c>.npy</c> file, its dtype is unsupported, or its data is truncated; the
    /// message names the path (and the dtype and shape where known).
    /// </exception>
    public static NpyFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        NpyHeader header;
        try
        {
            header = Npy.ReadHeader(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        var file = new NpyFile(path, header.Descr, header.DType, header.Shape, header.FortranOrder, header.BigEndian, stream.Position);
        var expected = file.DataOffset + ((long)Shapes.ElementCount(header.Shape) * DTypes.ItemSize(header.DType));
        if (stream.Length < expected)
        {
            throw new InvalidDataException(
                $"{path}: the .npy data is truncated: a {header.DType} array of shape {Shapes.Format(header.Shape)} needs {expected - file.DataOffset} bytes after the header but the file holds {stream.Length - file.DataOffset}.");
        }

        return file;
    }

    /// <summary>
    /// Creates (or replaces) a C-order <c>.npy</c> file of <paramref name="shape"/> and dtype
    /// <typeparamref name="T"/>, sized for its data, which is left zero for blocks to fill with
    /// <see cref="WriteRegion{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public static NpyFile Create<T>(string path, ReadOnlySpan<int> shape)
        where T : unmanaged, INumber<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var count = (long)Shapes.ElementCount(shape);
        var dtype = DTypes.NameOf<T>();
        int dataOffset;
        using (var stream = File.Create(path))
        {
            dataOffset = Npy.WriteHeader(stream, dtype, shape);
            stream.SetLength(dataOffset + (count * Unsafe.SizeOf<T>()));
        }

        return new NpyFile(path, Npy.Descr(dtype), dtype, shape.ToArray(), false, !BitConverter.IsLittleEndian && dtype != "bool", dataOffset);
    }

    /// <summary>
    /// Reads the region of the array starting at <paramref name="start"/> with
    /// <paramref name="shape"/>, touching only its bytes (Fortran-order files are read as the
    /// transposed C-order array, then the block is transposed back).
    /// </summary>
    /// <exception cref="InvalidDataException">The file's dtype is not <typeparamref name="T"/>'s; the message names the path and both dtypes.</exception>
    /// <exception cref="ArgumentException">The region does not lie within the array.</exception>
    public NDArray<T> ReadRegion<T>(ReadOnlySpan<int> start, ReadOnlySpan<int> shape)
        where T : unmanaged, INumber<T>
    {
        CheckDType<T>();
        var storedShape = FortranOrder ? ShapeArray.Reverse().ToArray() : ShapeArray;
        var storedStart = FortranOrder ? start.ToArray().Reverse().ToArray() : start.ToArray();
        var regionShape = FortranOrder ? shape.ToArray().Reverse().ToArray() : shape.ToArray();
        CheckRegion(storedShape, storedStart, regionShape);
        var block = NDArray<T>.CreateUninitialized(regionShape);
        using (var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            ForEachRow(storedShape, storedStart, regionShape, Unsafe.SizeOf<T>(), (blockOffset, fileOffset, bytes) =>
            {
                var span = block.AsBytes().Slice(blockOffset, bytes);
                var read = RandomAccess.Read(handle, span, fileOffset);
                if (read < bytes)
                {
                    throw new InvalidDataException($"{Path}: the {DType} data ends early at byte {fileOffset + read}.");
                }
            });
        }

        if (BigEndian == BitConverter.IsLittleEndian)
        {
            Npy.SwapBytes(block.Span);
        }

        return FortranOrder ? BlockMath.Transpose(block) : block;
    }

    /// <summary>Writes <paramref name="block"/> into the array at <paramref name="start"/>, touching only its bytes.</summary>
    /// <exception cref="InvalidDataException">The file's dtype is not <typeparamref name="T"/>'s, or it is not little-endian C order.</exception>
    /// <exception cref="ArgumentException">The block does not fit in the array at that offset.</exception>
    public void WriteRegion<T>(NDArray<T> block, ReadOnlySpan<int> start)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(block);
        CheckDType<T>();
        if (FortranOrder || BigEndian != !BitConverter.IsLittleEndian)
        {
            throw new InvalidDataException($"{Path}: blocks are written only to native-endian C-order .npy files.");
        }

        CheckRegion(ShapeArray, start.ToArray(), block.Shape.ToArray());
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        ForEachRow(ShapeArray, start.ToArray(), block.Shape.ToArray(), Unsafe.SizeOf<T>(), (blockOffset, fileOffset, bytes) =>
            RandomAccess.Write(handle, block.AsBytes().Slice(blockOffset, bytes), fileOffset));
    }

    private void CheckDType<T>()
        where T : unmanaged, INumber<T>
    {
        var expected = DTypes.NameOf<T>();
        if (DType != expected)
        {
            throw new InvalidDataException($"{Path}: the .npy array has dtype {DType} (descr '{Descr}'), not the requested {expected}.");
        }
    }

    private void CheckRegion(int[] outer, int[] start, int[] shape)
    {
        var fits = start.Length == outer.Length && shape.Length == outer.Length;
        for (var i = 0; fits && i < outer.Length; i++)
        {
            fits = start[i] >= 0 && shape[i] >= 0 && start[i] + shape[i] <= outer[i];
        }

        if (!fits)
        {
            throw new ArgumentException(
                $"{Path}: a region of shape {Shapes.Format(shape)} at [{string.Join(", ", start)}] does not lie within the stored array of shape {Shapes.Format(outer)}.");
        }
    }

    /// <summary>Calls <paramref name="copy"/> once per contiguous run (an innermost row of the region, or the whole region when rows are full).</summary>
    private void ForEachRow(int[] outer, int[] start, int[] shape, int itemSize, Action<int, long, int> copy)
    {
        var rank = shape.Length;
        var count = Shapes.ElementCount(shape);
        if (count == 0)
        {
            return;
        }

        // Merge trailing axes the region covers in full, so a band of whole rows is one run.
        var run = 1;
        var axis = rank - 1;
        while (axis >= 0 && start[axis] == 0 && shape[axis] == outer[axis])
        {
            run *= shape[axis];
            axis--;
        }

        if (axis >= 0)
        {
            run *= shape[axis];
        }

        var strides = Shapes.RowMajorStrides(outer);
        var counter = new int[rank];
        for (var done = 0; done < count; done += run)
        {
            long element = 0;
            for (var i = 0; i < rank; i++)
            {
                element += (long)(start[i] + counter[i]) * strides[i];
            }

            copy(done * itemSize, DataOffset + (element * itemSize), run * itemSize);
            for (var i = axis - 1; i >= 0; i--)
            {
                if (++counter[i] < shape[i])
                {
                    break;
                }

                counter[i] = 0;
            }
        }
    }
}
