using MiniDask.Kernels.Accelerators.Cuda;

namespace MiniDask.Kernels.Tests.Accelerators.Cuda;

public class CudaLibraryTests
{
    [Fact]
    public void TryLoad_NoCandidateFound_NamesEveryOne()
    {
        var tried = new List<string>();

        var library = CudaLibrary.TryLoad(Nvrtc.LibraryNames, out var error, name =>
        {
            tried.Add(name);
            return null;
        });

        Assert.Null(library);
        Assert.Equal("libnvrtc.so.13 or libnvrtc.so.12 not found", error);
        Assert.Equal(["libnvrtc.so.13", "libnvrtc.so.12"], tried);
    }

    [Fact]
    public void TryLoad_OnlyTheOlderVersionFound_FallsBackToIt()
    {
        var library = CudaLibrary.TryLoad(Cublas.LibraryNames, out var error, name => name == "libcublas.so.12" ? 42 : null);

        Assert.NotNull(library);
        Assert.Null(error);
        Assert.Equal("libcublas.so.12", library.Name);
    }

    [Fact]
    public void MissingMessage_OneName_SaysItIsNotFound()
    {
        Assert.Equal("libcuda.so.1 not found", CudaLibrary.MissingMessage(CudaDriver.LibraryNames));
    }

    [Fact]
    public void Bind_DriverWithoutAVersionedSymbol_NamesTheSymbol()
    {
        var exports = new Dictionary<string, nint> { ["cuInit"] = 1, ["cuDeviceGetCount"] = 1, ["cuDeviceGet"] = 1, ["cuDeviceGetName"] = 1 };

        var e = Assert.Throws<EntryPointNotFoundException>(() => CudaDriver.Bind(CudaLibrary.FromExports("libcuda.so.1", exports)));

        Assert.Contains("libcuda.so.1 does not export cuDeviceTotalMem_v2", e.Message);
    }

    [Fact]
    public void Bind_EveryVersionedSymbol_IsAskedForByItsExactName()
    {
        var asked = new List<string>();
        var exports = new RecordingExports(asked);

        CudaDriver.Bind(CudaLibrary.FromExports("libcuda.so.1", exports));

        Assert.Contains("cuMemAlloc_v2", asked);
        Assert.Contains("cuMemFree_v2", asked);
        Assert.Contains("cuMemcpyHtoDAsync_v2", asked);
        Assert.Contains("cuMemcpyDtoHAsync_v2", asked);
        Assert.Contains("cuMemAllocHost_v2", asked);
        Assert.Contains("cuDevicePrimaryCtxRelease_v2", asked);
        Assert.DoesNotContain("cuMemAlloc", asked);
    }

    /// <summary>Exports every symbol, recording the names asked for.</summary>
    private sealed class RecordingExports(List<string> asked) : IReadOnlyDictionary<string, nint>
    {
        public nint this[string key] => 1;

        public IEnumerable<string> Keys => asked;

        public IEnumerable<nint> Values => [];

        public int Count => asked.Count;

        public bool ContainsKey(string key) => true;

        public IEnumerator<KeyValuePair<string, nint>> GetEnumerator() => Enumerable.Empty<KeyValuePair<string, nint>>().GetEnumerator();

        public bool TryGetValue(string key, out nint value)
        {
            asked.Add(key);
            value = 1;
            return true;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
