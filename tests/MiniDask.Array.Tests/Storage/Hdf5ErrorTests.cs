using MiniDask.Graph;

namespace MiniDask.Array.Tests.Storage;

/// <summary>Missing, malformed or unsupported HDF5 files and datasets: each error names the file, the dataset and what was wrong.</summary>
public sealed class Hdf5ErrorTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("minidask-h5-errors-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void FromHdf5_MissingFile_NamesIt()
    {
        var path = Path.Combine(dir, "absent.h5");

        var error = Assert.Throws<FileNotFoundException>(() => DArray.FromHdf5<double>(path, "x"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHdf5_FileThatIsNotHdf5_NamesTheFile()
    {
        var path = Path.Combine(dir, "text.h5");
        File.WriteAllText(path, "these bytes are not an HDF5 file, whose signature is \\x89HDF\\r\\n\\x1a\\n");

        var error = Assert.Throws<InvalidDataException>(() => DArray.FromHdf5<double>(path, "x"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not an HDF5 file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHdf5_TruncatedFile_NamesTheFileWhenOpenedOrRead()
    {
        var path = Path.Combine(dir, "truncated.h5");
        var bytes = File.ReadAllBytes(StorageFixtures.Hdf5);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        // Whether the metadata or the chunks were cut off, the error names the file.
        var error = Record.Exception(() => DArray.FromHdf5<double>(path, "chunked_float64").ComputeSync());

        Assert.NotNull(error);
        var inner = error is TaskFailedException { InnerException: { } cause } ? cause : error;
        Assert.IsType<InvalidDataException>(inner);
        Assert.Contains(path, inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHdf5_StringDataset_NamesTheDatasetAndItsType()
    {
        var error = Assert.Throws<NotSupportedException>(() => DArray.FromHdf5(StorageFixtures.Hdf5, "text"));

        Assert.Contains($"{StorageFixtures.Hdf5}:text", error.Message, StringComparison.Ordinal);
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
        Assert.Contains("supported: float64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHdf5_GroupInsteadOfDataset_ListsTheDatasets()
    {
        var error = Assert.Throws<ArgumentException>(() => DArray.FromHdf5<double>(StorageFixtures.Hdf5, "grp"));

        Assert.Contains("has no dataset 'grp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("grp/inner", error.Message, StringComparison.Ordinal);
    }
}
