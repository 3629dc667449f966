using System.Diagnostics;
using System.Numerics;
using System.Text.Json.Nodes;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Storage;

/// <summary>
/// zarr-python 2 and h5py run from a Python interpreter (Storage/Python/read_stores.py), so tests
/// check that what MiniDask writes is what those libraries read. The interpreter is
/// <c>$MINIDASK_PYTHON</c> where it is set, else the first of <c>python3</c> on PATH and
/// <c>/usr/bin/python3</c> (Debian's, where <c>apt-get install python3-zarr python3-h5py</c> puts
/// them) that imports the library.
/// </summary>
internal static class PythonReaders
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Storage", "Python", "read_stores.py");

    private static readonly Lazy<IReadOnlyList<(string Python, JsonObject Versions)>> Interpreters = new(Probe);

    /// <summary>The interpreter with zarr 2.x, numcodecs and NumPy, or null.</summary>
    public static string? Zarr => Interpreters.Value
        .FirstOrDefault(p => p.Versions["zarr"]?.GetValue<string>().StartsWith("2.", StringComparison.Ordinal) == true && p.Versions.ContainsKey("numcodecs") && p.Versions.ContainsKey("numpy"))
        .Python;

    /// <summary>The interpreter with h5py and NumPy, or null.</summary>
    public static string? H5py => Interpreters.Value.FirstOrDefault(p => p.Versions.ContainsKey("h5py") && p.Versions.ContainsKey("numpy")).Python;

    /// <summary>The interpreters tried, for skip reasons.</summary>
    public static string Tried => string.Join(", ", Candidates());

    /// <summary>
    /// Reads each entry (<c>kind</c> <c>zarr</c> or <c>hdf5</c>, <c>path</c>, and <c>dataset</c> for HDF5)
    /// with <paramref name="python"/>; returns what the library reports of each array and the
    /// <c>.npy</c> file its values were saved to.
    /// </summary>
    public static IReadOnlyList<(JsonObject Info, string Npy)> Read(string python, string folder, IReadOnlyList<JsonObject> entries)
    {
        var npys = new List<string>();
        var manifest = new JsonArray();
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            var npy = Path.Combine(folder, $"python-{i}.npy");
            npys.Add(npy);
            var copy = (JsonObject)entry.DeepClone();
            copy["npy"] = npy;
            manifest.Add(copy);
        }

        var manifestFile = Path.Combine(folder, "manifest.json");
        File.WriteAllText(manifestFile, manifest.ToJsonString());
        var (code, output, error) = Run(python, Script, manifestFile);
        Assert.True(code == 0, $"{python} {Script} failed with exit code {code}:\n{error}");
        var infos = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(entries.Count, infos.Count);
        return [.. infos.Select((info, i) => (info!.AsObject(), npys[i]))];
    }

    /// <summary>The values of a <c>.npy</c> file that read_stores.py saved.</summary>
    public static NDArray<T> Values<T>(string npy)
        where T : unmanaged, INumber<T> => NDArray.LoadNpy<T>(npy);

    private static List<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("MINIDASK_PYTHON") is { Length: > 0 } chosen)
        {
            return [chosen];
        }

        var candidates = new List<string>((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "python3"))
            .Where(File.Exists)) { "/usr/bin/python3" };
        return [.. candidates.Distinct(StringComparer.Ordinal)];
    }

    private static IReadOnlyList<(string, JsonObject)> Probe()
    {
        var found = new List<(string, JsonObject)>();
        foreach (var python in Candidates())
        {
            try
            {
                var (code, output, _) = Run(python, Script, "probe");
                if (code == 0 && JsonNode.Parse(output) is JsonObject versions)
                {
                    found.Add((python, versions));
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or System.Text.Json.JsonException or TimeoutException)
            {
                // Not a usable interpreter: the next candidate is tried.
            }
        }

        return found;
    }

    private static (int Code, string Output, string Error) Run(string python, params string[] arguments)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{python} {string.Join(' ', arguments)} ran for more than 2 minutes.");
        }

        return (process.ExitCode, output, error.Result);
    }
}

/// <summary>A fact that reads stores with zarr-python 2; it skips, saying why, where no Python has it.</summary>
public sealed class ZarrPythonFactAttribute : FactAttribute
{
    public ZarrPythonFactAttribute()
    {
        if (PythonReaders.Zarr is null)
        {
            Skip = $"zarr-python 2 with numcodecs and NumPy is not importable by any of {PythonReaders.Tried} "
                + "(apt-get install python3-zarr, or set MINIDASK_PYTHON to a python that has them; .ci/run installs it when run as root)";
        }
    }
}

/// <summary>A fact that reads files with h5py; it skips, saying why, where no Python has it.</summary>
public sealed class H5pyFactAttribute : FactAttribute
{
    public H5pyFactAttribute()
    {
        if (PythonReaders.H5py is null)
        {
            Skip = $"h5py with NumPy is not importable by any of {PythonReaders.Tried} "
                + "(apt-get install python3-h5py, or set MINIDASK_PYTHON to a python that has them; .ci/run installs it when run as root)";
        }
    }
}
