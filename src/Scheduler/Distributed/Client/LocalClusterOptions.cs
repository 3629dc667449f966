using Microsoft.Extensions.Logging;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Settings of a <see cref="LocalCluster"/> beyond its size.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>
    /// The worker program: a path to <c>MiniDask.Worker.dll</c> (run as <c>dotnet MiniDask.Worker.dll ARGS</c>)
    /// or to <c>minidask.dll</c> (run as <c>dotnet minidask.dll worker ARGS</c>). When null, the first of
    /// the two found next to the entry assembly or in <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    public string? WorkerPath { get; init; }

    /// <summary>The cluster's shared token; a random one when null.</summary>
    public string? Token { get; init; }

    /// <summary>Where workers make their spill directories; the temp directory when null.</summary>
    public string? LocalDirectory { get; init; }

    /// <summary>Tuning of the scheduler's state machine.</summary>
    public SchedulerOptions State { get; init; } = SchedulerOptions.Default;

    /// <summary>How often workers send heartbeats.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long workers may take to start and register.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether a worker process that exits while the cluster runs is replaced by a new one (Dask's
    /// nanny), so a crash costs the cluster its results, not its size.
    /// </summary>
    public bool RestartWorkers { get; init; } = true;

    /// <summary>
    /// Environment variables set for each worker process, on top of this process's (as Dask's
    /// nanny <c>env</c>): runtime settings such as <c>DOTNET_gcServer</c>, or the JIT's
    /// <c>DOTNET_TieredCompilation</c> to compare optimized and unoptimized code.
    /// </summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The abstract resources each worker offers, by worker index, as <c>minidask worker --resources</c>
    /// takes them (such as <c>"GPU=1,MEMORY=16e9"</c>); workers past the end, or with an empty entry, offer none.
    /// </summary>
    public IReadOnlyList<string> WorkerResources { get; init; } = [];

    /// <summary>Where the scheduler logs; nothing when null.</summary>
    public ILogger? Logger { get; init; }
}
