using System.Globalization;

namespace MiniDask.Scheduler.Distributed;

/// <summary>The workers, threads and memory of a cluster, as Dask prints them for a Client and a LocalCluster.</summary>
internal static class ClusterDescription
{
    /// <summary><c>workers=2, threads=4, memory=8.00 GiB</c>; memory is <c>unlimited</c> when a worker has no limit.</summary>
    public static string Of(IReadOnlyCollection<WorkerInfo> workers)
    {
        var threads = workers.Sum(w => w.NThreads);
        var memory = workers.Count > 0 && workers.All(w => w.MemoryLimit > 0)
            ? Bytes(workers.Sum(w => w.MemoryLimit))
            : "unlimited";
        return string.Create(CultureInfo.InvariantCulture, $"workers={workers.Count}, threads={threads}, memory={memory}");
    }

    private static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.00} {units[unit]}");
    }
}
