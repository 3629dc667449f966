using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Storage;

/// <summary>
/// The block ops of storage: reading a region of a Zarr array or HDF5 dataset, and writing a
/// block into any <see cref="IBlockWritable"/>. They take and give blocks of any dtype, so one op
/// serves every element type. Called from <see cref="ArrayOps"/>' module initializer.
/// </summary>
internal static class StorageOps
{
    /// <summary><c>(block, target, int[] start)</c>: writes the block into the target (or the <see cref="LocalTargetRef"/> naming it); returns the bytes written.</summary>
    public const string StoreOp = "array.store";

    /// <summary><c>(string path, int[] start, int[] shape)</c>: a region of the Zarr array in folder path.</summary>
    public const string ZarrReadOp = "array.zarr-read";

    /// <summary><c>(string file, string dataset, int[] start, int[] shape)</c>: a region of an HDF5 dataset.</summary>
    public const string Hdf5ReadOp = "array.hdf5-read";

    /// <summary>Registers the ops.</summary>
    public static void Register()
    {
        OpRegistry.Register(StoreOp, Store);
        OpRegistry.Register(ZarrReadOp, ZarrRead);
        OpRegistry.Register(Hdf5ReadOp, args => Hdf5.Hdf5Reading.ReadRegion((string)args[0]!, (string)args[1]!, (int[])args[2]!, (int[])args[3]!));
        OpRegistry.Register(LocalTargets.ProbeOp, _ => LocalTargets.ProcessToken);
    }

    private static object? Store(object?[] args)
    {
        var block = (INDArray)args[0]!;
        var target = args[1] switch
        {
            LocalTargetRef reference => LocalTargets.Resolve(reference),
            IBlockWritable writable => writable,
            var other => throw new ArgumentException($"A store task's target is a {other?.GetType().FullName ?? "null"}, not an IBlockWritable."),
        };
        target.WriteRegion(block, (int[])args[2]!);
        return (long)block.AsBytes().Length;
    }

    private static object? ZarrRead(object?[] args) =>
        ZarrArray.Open((string)args[0]!).ReadRegion((int[])args[1]!, (int[])args[2]!);
}
