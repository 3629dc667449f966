using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MiniDask.Cli.Bench;
using MiniDask.Cli.Console;
using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Cli.Commands;

/// <summary><c>minidask bench</c>: times workloads and prints one JSON line each.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var repeat = new Option<int>("--repeat") { Description = "Timed runs per workload (after the warm-up runs); seconds is their median.", DefaultValueFactory = _ => 3 };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Untimed runs before the timed ones (default 1); 0 times the first compute of each workload, JIT and first-use costs included (the first workload of a fresh process is what a new program sees).",
            DefaultValueFactory = _ => 1,
        };
        var threads = new Option<int?>("--threads") { Description = "Threads of the local scheduler (default: all cores), or of each worker with --scheduler distributed (default: 1)." };
        var scheduler = new Option<string>("--scheduler")
        {
            Description = "local (threads in this process), distributed (a local cluster of worker processes), tcp://HOST:PORT (an existing cluster), "
                + "or baseline (each workload written directly over in-memory arrays on all cores, without the engine); "
                + "several, comma-separated (baseline,local,distributed), run one after the other.",
            DefaultValueFactory = _ => "local",
        };
        var workers = new Option<int>("--workers") { Description = "Worker processes with --scheduler distributed.", DefaultValueFactory = _ => 2 };
        var token = new Option<string?>("--token") { Description = "The cluster's token with --scheduler tcp:// (default: $MINIDASK_TOKEN)." };
        var schedulerTimeout = new Option<double?>("--scheduler-timeout") { Description = "With --scheduler tcp://: seconds without a word from the scheduler after which the run fails as having lost it (default: 20)." };
        var rootBacklog = new Option<double?>("--root-backlog")
        {
            Description = "With --scheduler distributed: seconds of measured short root work a worker may hold per thread past Dask's count (SchedulerOptions.MinRootBacklogSeconds; default 0.002, and 0 is Dask's count-only queuing).",
        };
        var device = new Option<string?>("--device") { Description = "Run the local scheduler's block math on cpu (the host's SIMD and BLAS), ilgpu-cpu (ILGPU's CPU accelerator), cuda (the first GPU), cuda:N or opencl:N (default: on the host)." };
        var format = new Option<string>("--format")
        {
            Description = "json (one line per workload and scheduler, as each finishes) or markdown (one table at the end: seconds and peak memory per scheduler, and the ratio to the first).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "markdown");
        var workloads = new Argument<string[]>("workload")
        {
            Description = $"Workloads to run (default: {string.Join(", ", Workloads.Default.Select(w => w.Name))}): {string.Join(", ", Workloads.All.Select(w => w.Name))}.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("bench", "Run benchmark workloads and print one JSON line per workload: workload, scheduler, workers, threads, device, seconds (median), result, tasks, "
            + "peak_rss_mb (this process's peak resident memory, plus its worker processes' with --scheduler distributed).")
        {
            repeat, warmup, threads, scheduler, workers, token, schedulerTimeout, rootBacklog, device, format, workloads,
        };
        command.SetAction(parse => Run(
            parse.GetValue(workloads) ?? [], parse.GetValue(repeat), parse.GetValue(warmup),
            [.. (parse.GetValue(scheduler) ?? "local").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => new SchedulerChoice(s, parse.GetValue(workers), parse.GetValue(threads), parse.GetValue(token), parse.GetValue(device))
                {
                    SchedulerTimeout = parse.GetValue(schedulerTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    RootBacklogSeconds = parse.GetValue(rootBacklog),
                })],
            parse.GetValue(format) == "markdown",
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] names, int repeat, int warmup, IReadOnlyList<SchedulerChoice> choices, bool markdown, TextWriter output, TextWriter error)
    {
        List<Workload> selected;
        try
        {
            if (repeat < 1)
            {
                throw new ArgumentException($"--repeat must be at least 1, got {repeat}.");
            }

            if (warmup < 0)
            {
                throw new ArgumentException($"--warmup must be 0 or more, got {warmup}.");
            }

            if (choices.Count == 0)
            {
                throw new ArgumentException("--scheduler names no scheduler.");
            }

            selected = names.Length == 0 ? [.. Workloads.Default] : [.. names.Select(Workloads.Find)];
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        var results = new List<BenchResult>();
        foreach (var choice in choices)
        {
            BenchScheduler bench;
            try
            {
                bench = BenchScheduler.StartAsync(choice).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is ArgumentException or IOException or TimeoutException or FormatException or DeviceUnavailableException)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }

            try
            {
                foreach (var workload in selected)
                {
                    var result = Measure(workload, bench, repeat, warmup);
                    results.Add(result);
                    if (!markdown)
                    {
                        output.WriteLine(JsonSerializer.Serialize(result));
                        output.Flush();
                    }
                }
            }
            finally
            {
                bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        if (markdown)
        {
            BenchTable.Write(output, results);
        }

        return 0;
    }

    private static BenchResult Measure(Workload workload, BenchScheduler bench, int repeat, int warmup)
    {
        var scheduler = bench.Scheduler;
        Func<(object Result, int Tasks)> run = scheduler is null
            ? () => (workload.Baseline(), 0)
            : () =>
            {
                var built = workload.Build();
                return (built.Compute(scheduler), built.Tasks);
            };
        for (var i = 0; i < warmup; i++)
        {
            run();
        }

        PeakMemory.Reset(bench.WorkerProcessIds);
        var trafficBefore = bench.Traffic;
        var seconds = new List<double>(repeat);
        object? result = null;
        var tasks = 0;
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            (result, tasks) = run();
            clock.Stop();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        var traffic = bench.Traffic - trafficBefore;
        var total = seconds.Sum();
        seconds.Sort();
        var median = repeat % 2 == 1 ? seconds[repeat / 2] : (seconds[(repeat / 2) - 1] + seconds[repeat / 2]) / 2;
        return new BenchResult(workload.Name, bench.Name, bench.Workers, bench.Threads, bench.Device, Math.Round(median, 6), result, tasks, PeakMemory.PeakRssMb(bench.WorkerProcessIds))
        {
            SchedulerMessagesPerSecond = traffic is { } t ? Math.Round(t.Messages / total) : null,
            WireBytesPerTask = traffic is { TasksSent: > 0 } b ? Math.Round((double)b.Bytes / b.TasksSent, 1) : null,
        };
    }
}

/// <summary>One JSON line of <c>minidask bench</c>.</summary>
internal sealed record BenchResult(
    [property: System.Text.Json.Serialization.JsonPropertyName("workload")] string Workload,
    [property: System.Text.Json.Serialization.JsonPropertyName("scheduler")] string Scheduler,
    [property: System.Text.Json.Serialization.JsonPropertyName("workers")] int Workers,
    [property: System.Text.Json.Serialization.JsonPropertyName("threads")] int Threads,
    [property: System.Text.Json.Serialization.JsonPropertyName("device")] string? Device,
    [property: System.Text.Json.Serialization.JsonPropertyName("seconds")] double Seconds,
    [property: System.Text.Json.Serialization.JsonPropertyName("result")] object? Result,
    [property: System.Text.Json.Serialization.JsonPropertyName("tasks")] int Tasks,
    [property: System.Text.Json.Serialization.JsonPropertyName("peak_rss_mb")] double PeakRssMb)
{
    /// <summary>With a cluster this process started: messages through the scheduler (both ways) per second over the timed runs.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("scheduler_messages_per_s")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? SchedulerMessagesPerSecond { get; init; }

    /// <summary>With a cluster this process started: bytes through the scheduler (both ways) per task it sent to a worker.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("wire_bytes_per_task")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? WireBytesPerTask { get; init; }
}
