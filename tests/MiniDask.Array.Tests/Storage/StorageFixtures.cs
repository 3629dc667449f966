using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Storage;

/// <summary>
/// The stores written by zarr-python and h5py in Storage/Fixtures (see make_fixtures.py there),
/// and the formulas their values were made from.
/// </summary>
internal static class StorageFixtures
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures");

    public static string Zarr(string name) => Path.Combine(Folder, "zarr", name);

    public static string Hdf5 => Path.Combine(Folder, "h5py_fixture.h5");

    /// <summary>Copies the files of the (flat) store <paramref name="from"/> into a new folder <paramref name="to"/>, so a test may change them.</summary>
    public static void CopyStore(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>make_fixtures.py's value(): element (i, j) is i * 100 + j * 0.5 - 7 for floats, i * 100 + j * 3 - 7 for integers, (i + j) % 3 == 0 for bool.</summary>
    public static T[] Values<T>(int rows, int cols)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var result = new T[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                result[(i * cols) + j] = typeof(T) == typeof(Bool) ? (T)(object)(Bool)((i + j) % 3 == 0)
                    : typeof(T) == typeof(int) || typeof(T) == typeof(long) ? T.CreateChecked((i * 100) + (j * 3) - 7)
                    : T.CreateChecked((i * 100) + (j * 0.5) - 7);
            }
        }

        return result;
    }
}
