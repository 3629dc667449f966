using System.Diagnostics;
using MiniDask.Kernels;

namespace MiniDask.Cli.Console;

/// <summary>
/// Peak resident memory (Linux VmHWM) of this process and of given child processes (a local
/// cluster's workers), resettable between workloads.
/// </summary>
internal static class PeakMemory
{
    /// <summary>
    /// Peak resident set size in MiB since start or the last <see cref="Reset"/>: this process's,
    /// plus the peaks of <paramref name="others"/> that can still be read (a sum of peaks, which
    /// may exceed the largest total the processes held at one moment).
    /// </summary>
    public static double PeakRssMb(IReadOnlyList<int>? others = null)
    {
        var kb = ReadPeakKb("self") ?? PeakWorkingSetKb();
        foreach (var pid in others ?? [])
        {
            kb += ReadPeakKb(pid.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? 0;
        }

        return Math.Round(kb / 1024.0, 1);
    }

    /// <summary>
    /// Resets the peaks to the current resident sizes (Linux: writing 5 to /proc/PID/clear_refs),
    /// after a full collection and emptying the block pool, so the previous workload's garbage
    /// and spare buffers do not count in this process.
    /// </summary>
    public static void Reset(IReadOnlyList<int>? others = null)
    {
        BlockPool.Trim();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        // Aggressive: compacts and gives freed memory back to the OS, so it leaves the resident size.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ClearRefs("self");
        foreach (var pid in others ?? [])
        {
            ClearRefs(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static long? ReadPeakKb(string pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or the process has exited.
        }

        return null;
    }

    private static long PeakWorkingSetKb()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1024;
    }

    private static void ClearRefs(string pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Not Linux, or not permitted: the peak then counts from process start.
        }
    }
}
