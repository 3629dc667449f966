using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MiniDask.Cli.Bench;
using MiniDask.Cli.Console;
using MiniDask.Graph;
using MiniDask.Scheduler;

namespace MiniDask.Cli.Commands;

/// <summary><c>minidask bench</c>: times workloads and prints one JSON line each.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var repeat = new Option<int>("--repeat") { Description = "Timed runs per workload (after one warm-up run); seconds is their median.", DefaultValueFactory = _ => 3 };
        var threads = new Option<int?>("--threads") { Description = "Threads of the local scheduler (default: all cores)." };
        var workloads = new Argument<string[]>("workload")
        {
            Description = $"Workloads to run (default: all): {string.Join(", ", Workloads.All.Select(w => w.Name))}.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("bench", "Run benchmark workloads and print one JSON line per workload: workload, scheduler, workers, threads, seconds (median), result, tasks, peak_rss_mb.")
        {
            repeat, threads, workloads,
        };
        command.SetAction(parse => Run(
            parse.GetValue(workloads) ?? [], parse.GetValue(repeat), parse.GetValue(threads),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] names, int repeat, int? threads, TextWriter output, TextWriter error)
    {
        List<Workload> selected;
        try
        {
            if (repeat < 1)
            {
                throw new ArgumentException($"--repeat must be at least 1, got {repeat}.");
            }

            selected = names.Length == 0 ? [.. Workloads.All] : [.. names.Select(Workloads.Find)];
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        var scheduler = new LocalScheduler(threads ?? Environment.ProcessorCount);
        foreach (var workload in selected)
        {
            output.WriteLine(JsonSerializer.Serialize(Measure(workload, scheduler, repeat)));
            output.Flush();
        }

        return 0;
    }

    private static BenchResult Measure(Workload workload, LocalScheduler scheduler, int repeat)
    {
        workload.Build().Compute(scheduler);
        PeakMemory.Reset();
        var seconds = new List<double>(repeat);
        object? result = null;
        var tasks = 0;
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            var built = workload.Build();
            result = built.Compute(scheduler);
            clock.Stop();
            seconds.Add(clock.Elapsed.TotalSeconds);
            tasks = built.Tasks;
        }

        seconds.Sort();
        var median = repeat % 2 == 1 ? seconds[repeat / 2] : (seconds[(repeat / 2) - 1] + seconds[repeat / 2]) / 2;
        return new BenchResult(workload.Name, scheduler.Name, 1, scheduler.Threads, Math.Round(median, 6), result, tasks, PeakMemory.PeakRssMb());
    }
}

/// <summary>One JSON line of <c>minidask bench</c>.</summary>
internal sealed record BenchResult(
    [property: System.Text.Json.Serialization.JsonPropertyName("workload")] string Workload,
    [property: System.Text.Json.Serialization.JsonPropertyName("scheduler")] string Scheduler,
    [property: System.Text.Json.Serialization.JsonPropertyName("workers")] int Workers,
    [property: System.Text.Json.Serialization.JsonPropertyName("threads")] int Threads,
    [property: System.Text.Json.Serialization.JsonPropertyName("seconds")] double Seconds,
    [property: System.Text.Json.Serialization.JsonPropertyName("result")] object? Result,
    [property: System.Text.Json.Serialization.JsonPropertyName("tasks")] int Tasks,
    [property: System.Text.Json.Serialization.JsonPropertyName("peak_rss_mb")] double PeakRssMb);
