using System.Globalization;
using MiniDask.Cli.Commands;

namespace MiniDask.Cli.Bench;

/// <summary>
/// <c>minidask bench --format markdown</c>: one row per workload, for each scheduler its median
/// seconds and peak memory, and from the second scheduler on, the time as a ratio to the first's.
/// </summary>
internal static class BenchTable
{
    public static void Write(TextWriter output, IReadOnlyList<BenchResult> results)
    {
        var schedulers = results.Select(r => r.Scheduler).Distinct().ToList();
        var header = new List<string> { "workload" };
        foreach (var (scheduler, i) in schedulers.Select((s, i) => (s, i)))
        {
            header.Add($"{scheduler} s");
            header.Add($"{scheduler} peak MB");
            if (i > 0)
            {
                header.Add($"{scheduler} / {schedulers[0]}");
            }
        }

        output.WriteLine($"| {string.Join(" | ", header)} |");
        output.WriteLine($"|{string.Concat(header.Select(h => h == "workload" ? " --- |" : " ---: |"))}");
        foreach (var workload in results.Select(r => r.Workload).Distinct())
        {
            var row = new List<string> { workload };
            var first = results.FirstOrDefault(r => r.Workload == workload && r.Scheduler == schedulers[0]);
            foreach (var (scheduler, i) in schedulers.Select((s, i) => (s, i)))
            {
                var r = results.FirstOrDefault(r => r.Workload == workload && r.Scheduler == scheduler);
                row.Add(r is null ? "" : Format(r.Seconds, 3));
                row.Add(r is null ? "" : Format(r.PeakRssMb, 0));
                if (i > 0)
                {
                    row.Add(r is null || first is null || first.Seconds <= 0 ? "" : Format(r.Seconds / first.Seconds, 2));
                }
            }

            output.WriteLine($"| {string.Join(" | ", row)} |");
        }
    }

    private static string Format(double value, int decimals) => value.ToString($"F{decimals}", CultureInfo.InvariantCulture);
}
