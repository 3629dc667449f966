using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MiniDask.Cli.Console;
using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Cli.Commands;

/// <summary><c>minidask demo</c>: the seed example on the local scheduler.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Side of the square random array x.", DefaultValueFactory = _ => 10000 };
        var chunks = new Option<int>("--chunks") { Description = "Block side along each axis.", DefaultValueFactory = _ => 1000 };
        var save = new Option<DirectoryInfo?>("--save") { Description = "Also write DIR/x.npy and DIR/y.npy (float64, C order) for NumPy to check." };
        var threads = new Option<int?>("--threads") { Description = "Threads of the local scheduler (default: all cores)." };
        var device = new Option<string?>("--device") { Description = "Run the block math on a device: cpu (the host's SIMD and BLAS), ilgpu-cpu (ILGPU's CPU accelerator), cuda, cuda:N or opencl:N (default: the host, no device)." };
        var report = new Option<FileInfo?>("--performance-report") { Description = "Write a performance report of y.Sum() (task stream, time per task group, CPU and memory) to this HTML file." };
        var command = new Command("demo", "Compute y = (x + x.T) - x.Mean(axis: 0) and y.Sum() for a random x; print tasks, result, time and peak memory.")
        {
            size, chunks, save, threads, device, report,
        };
        command.SetAction(parse => Run(
            parse.GetValue(size), parse.GetValue(chunks), parse.GetValue(save), parse.GetValue(threads), parse.GetValue(device), parse.GetValue(report),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(int size, int chunks, DirectoryInfo? save, int? threads, string? device, FileInfo? report, TextWriter output, TextWriter error)
    {
        try
        {
            using var scheduler = new LocalScheduler(threads ?? Environment.ProcessorCount, device);
            var (x, y) = DemoExpression.Build(size, chunks);
            var sum = y.Sum();
            output.WriteLine($"x: shape ({size}, {size}), chunks ({chunks}, {chunks}), seed {DemoExpression.Seed}");
            output.WriteLine($"y = (x + x.T) - x.Mean(axis: 0); tasks in y.Sum(): {sum.Graph.Count}; threads: {scheduler.Threads}; device: {scheduler.Device?.Name ?? "host"}");
            PeakMemory.Reset();
            var measured = report is null ? null : LocalScheduler.PerformanceReport(report.FullName);
            var clock = Stopwatch.StartNew();
            var total = ComputeProgressDisplay.Run("y.Sum()", output, progress =>
                sum.Compute(scheduler, new ComputeOptions { Progress = progress }));
            clock.Stop();
            if (measured is not null)
            {
                measured.Dispose();
                output.WriteLine($"performance report: {measured.Path}");
            }

            output.WriteLine(FormattableString.Invariant($"y.Sum() = {total:R}"));
            output.WriteLine(FormattableString.Invariant($"wall time: {clock.Elapsed.TotalSeconds:F3} s"));
            output.WriteLine(FormattableString.Invariant($"peak memory: {PeakMemory.PeakRssMb():F1} MiB"));
            if (save is not null)
            {
                Directory.CreateDirectory(save.FullName);
                x.Compute(scheduler).SaveNpy(Path.Combine(save.FullName, "x.npy"));
                y.Compute(scheduler).SaveNpy(Path.Combine(save.FullName, "y.npy"));
                output.WriteLine($"saved {Path.Combine(save.FullName, "x.npy")} and {Path.Combine(save.FullName, "y.npy")}");
            }

            return 0;
        }
        catch (Exception e) when (e is ArgumentException or DeviceUnavailableException)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
