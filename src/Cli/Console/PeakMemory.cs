using System.Diagnostics;

namespace MiniDask.Cli.Console;

/// <summary>The process's peak resident memory (Linux VmHWM), resettable between workloads.</summary>
internal static class PeakMemory
{
    /// <summary>Peak resident set size in MiB since start or the last <see cref="Reset"/>.</summary>
    public static double PeakRssMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return Math.Round(kb / 1024.0, 1);
                }
            }
        }

        using var self = Process.GetCurrentProcess();
        return Math.Round(self.PeakWorkingSet64 / (1024.0 * 1024.0), 1);
    }

    /// <summary>
    /// Resets the peak to the current resident size (Linux: writing 5 to /proc/self/clear_refs),
    /// after a full collection so the previous workload's garbage does not count.
    /// </summary>
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Not Linux, or not permitted: the peak then counts from process start.
        }
    }
}
