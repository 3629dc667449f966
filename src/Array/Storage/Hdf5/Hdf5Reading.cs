using MiniDask.Kernels;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace MiniDask.Array.Storage.Hdf5;

/// <summary>What <see cref="Hdf5Reading.Describe"/> learns of a dataset: dtype, shape and, when chunked, the chunk shape.</summary>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dataset's shape (empty for a scalar).</param>
/// <param name="Chunks">The chunk shape of a chunked dataset; null for contiguous and compact ones.</param>
internal sealed record Hdf5Layout(StoredDType DType, int[] Shape, int[]? Chunks);

/// <summary>
/// Reads HDF5 datasets through PureHDF: each call opens the file for reading on its own, so the
/// read tasks of one array run in parallel, in any process that sees the file.
/// </summary>
internal static class Hdf5Reading
{
    /// <summary>The dtype, shape and chunk shape of <paramref name="dataset"/> in <paramref name="file"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file has no such dataset; the message lists the datasets it has.</exception>
    /// <exception cref="NotSupportedException">The dataset's type is not one that is read.</exception>
    /// <exception cref="InvalidDataException">The file is not HDF5 or is damaged; the message names it.</exception>
    public static Hdf5Layout Describe(string file, string dataset)
    {
        using var h5 = Open(file);
        return Guard(file, dataset, "reading the dataset's layout", () => LayoutOf(Find(h5, file, dataset), file, dataset));
    }

    /// <summary>The region of <paramref name="shape"/> at <paramref name="start"/> of the dataset, as a block of its dtype.</summary>
    /// <exception cref="ArgumentException">The region is outside the dataset.</exception>
    /// <exception cref="InvalidDataException">The file is not HDF5 or is damaged; the message names it.</exception>
    public static INDArray ReadRegion(string file, string dataset, int[] start, int[] shape)
    {
        using var h5 = Open(file);
        var set = Guard(file, dataset, "finding the dataset", () => Find(h5, file, dataset));
        var layout = Guard(file, dataset, "reading the dataset's layout", () => LayoutOf(set, file, dataset));
        if (!Regions.Fits(layout.Shape, start, shape))
        {
            throw new ArgumentException(
                $"{file}:{dataset}: cannot read a region of shape {Shapes.Format(shape)} at [{string.Join(", ", start)}] of a dataset of shape {Shapes.Format(layout.Shape)}.");
        }

        var block = layout.DType.Create(shape);
        if (block.Length == 0)
        {
            return block;
        }

        var selection = shape.Length == 0
            ? null
            : new HyperslabSelection(shape.Length, [.. start.Select(s => (ulong)s)], [.. shape.Select(n => (ulong)n)]);
        Guard(file, dataset, $"reading the region of shape {Shapes.Format(shape)} at [{string.Join(", ", start)}]", () => layout.DType.Apply(new ReadInto(set, selection, block)));
        return block;
    }

    private static NativeFile Open(string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"The HDF5 file {file} does not exist.", file);
        }

        return Guard(file, null, "opening the file", () => H5File.OpenRead(file));
    }

    /// <summary>
    /// Runs a PureHDF call, turning its errors over a file it cannot read (plain exceptions, end of
    /// stream, index errors) into one that names the file, the dataset and the step; the errors
    /// MiniDask raises itself pass through.
    /// </summary>
    private static T Guard<T>(string file, string? dataset, string step, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not (ArgumentException or NotSupportedException or FileNotFoundException or OperationCanceledException or OutOfMemoryException))
        {
            throw new InvalidDataException(
                $"{file}{(dataset is null ? string.Empty : $":{dataset}")}: {step} failed; the file is not an HDF5 file or is damaged ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    private static IH5Dataset Find(NativeFile h5, string file, string dataset)
    {
        if (h5.LinkExists(dataset) && h5.Get(dataset) is IH5Dataset found)
        {
            return found;
        }

        var names = Datasets(h5, string.Empty).Take(10).ToList();
        throw new ArgumentException(
            $"{file} has no dataset '{dataset}'; it has {(names.Count == 0 ? "none" : string.Join(", ", names))}.");
    }

    private static IEnumerable<string> Datasets(IH5Group group, string prefix)
    {
        foreach (var child in group.Children())
        {
            var name = prefix.Length == 0 ? child.Name : $"{prefix}/{child.Name}";
            if (child is IH5Dataset)
            {
                yield return name;
            }
            else if (child is IH5Group inner)
            {
                foreach (var nested in Datasets(inner, name))
                {
                    yield return nested;
                }
            }
        }
    }

    private static Hdf5Layout LayoutOf(IH5Dataset set, string file, string dataset)
    {
        var type = set.Type;
        var kind = type.Class switch
        {
            H5DataTypeClass.FloatingPoint => 'f',
            H5DataTypeClass.FixedPoint => type.FixedPoint.IsSigned ? 'i' : 'u',

            // h5py stores NumPy's bool as an enumeration FALSE = 0, TRUE = 1 over one byte.
            H5DataTypeClass.Enumerated when type.Size == 1 => 'b',

            // h5py stores NumPy's complex128 as a compound of two float64 members, r then i.
            H5DataTypeClass.Compound when IsComplex(type) => 'c',
            _ => '?',
        };
        var dtype = StoredDType.Find(kind, (int)type.Size)
            ?? throw new NotSupportedException(
                $"{file}:{dataset}: an HDF5 {type.Class} of {type.Size} bytes{(type.Class == H5DataTypeClass.FixedPoint ? (type.FixedPoint.IsSigned ? ", signed" : ", unsigned") : string.Empty)} is not a supported dtype; supported: {string.Join(", ", StoredDType.All.Select(d => d.Name))}.");
        var shape = set.Space.Dimensions.Select(d => checked((int)d)).ToArray();
        var chunks = set.Layout.Class == H5DataLayoutClass.Chunked ? set.Layout.Chunks.Take(shape.Length).Select(c => checked((int)c)).ToArray() : null;
        return new Hdf5Layout(dtype, shape, chunks);
    }

    private static bool IsComplex(IH5DataType type) =>
        type.Size == 16
        && type.Compound.Members is [var r, var i]
        && r.Offset == 0 && i.Offset == 8
        && r.Type.Class == H5DataTypeClass.FloatingPoint && i.Type.Class == H5DataTypeClass.FloatingPoint;

    /// <summary>Reads the selection into a block of element type T; h5py's bool enumeration through bytes, complex numbers through h5py's compound.</summary>
    private readonly struct ReadInto(IH5Dataset set, Selection? selection, INDArray block) : IElementFunc<bool>
    {
        public bool Invoke<T>()
            where T : unmanaged, System.Numerics.INumber<T>
        {
            ulong[] memory = [(ulong)block.Length];
            if (typeof(T) == typeof(Complex128))
            {
                var pairs = new H5Complex[block.Length];
                set.Read(pairs, selection, memoryDims: memory);
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(pairs.AsSpan()).CopyTo(block.AsBytes());
                return true;
            }

            if (typeof(T) != typeof(Bool))
            {
                set.Read(((NDArray<T>)block).Data, selection, memoryDims: memory);
                return true;
            }

            var bytes = new byte[block.Length];
            set.Read(bytes, selection, memoryDims: memory);
            var target = block.AsBytes();
            for (var k = 0; k < bytes.Length; k++)
            {
                target[k] = bytes[k] == 0 ? (byte)0 : (byte)1;
            }

            return true;
        }
    }
}
