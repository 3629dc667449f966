using MiniDask.Graph.Devices;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>How a <see cref="WorkerServer"/> runs: threads, memory, where it spills, how it is reached.</summary>
public sealed record WorkerOptions
{
    /// <summary>How many tasks run at once.</summary>
    public int NThreads { get; init; } = 1;

    /// <summary>The memory limit in bytes; 0 for none. Values spill past <see cref="SpillFraction"/> of it and the worker pauses past <see cref="PauseFraction"/>.</summary>
    public long MemoryLimit { get; init; }

    /// <summary>The fraction of the memory limit above which results spill to disk.</summary>
    public double SpillFraction { get; init; } = 0.6;

    /// <summary>The fraction of the memory limit above which the worker starts no new task.</summary>
    public double PauseFraction { get; init; } = 0.8;

    /// <summary>
    /// How long the worker waits without hearing from the scheduler (which pings every heartbeat
    /// interval) before it leaves, as after losing the connection: a stopped scheduler or a cut
    /// link sends no reset. Infinite to wait forever.
    /// </summary>
    public TimeSpan SchedulerTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether the worker owns its process, so that the process's resident memory (above what it
    /// held idle at start) counts against <see cref="MemoryLimit"/>: past 70% of the limit values
    /// spill until it is back at 60%, as Dask's memory monitor does. The worker command sets it;
    /// a worker inside another program (tests, an application hosting one) leaves it off, since
    /// the process's memory is not its own.
    /// </summary>
    public bool MonitorProcessMemory { get; init; }

    /// <summary>
    /// Dask's <c>distributed.worker.memory.terminate</c>: the fraction of <see cref="MemoryLimit"/>
    /// of process memory (with <see cref="MonitorProcessMemory"/>) past which the worker stops at
    /// once, without telling the scheduler, so that its tasks are recomputed elsewhere and its
    /// nanny starts a fresh process (<c>minidask worker --nanny</c> sets 0.95); 0 for never. A task
    /// that runs out of memory (<see cref="OutOfMemoryException"/>, as under a hard heap or cgroup
    /// limit) stops the worker the same way, whatever this is.
    /// </summary>
    public double TerminateFraction { get; init; }

    /// <summary>The directory under which the worker makes its own spill directory; the system temp directory when null.</summary>
    public string? LocalDirectory { get; init; }

    /// <summary>The worker's name, for logs; its address when empty.</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// The host the worker listens on for peers and advertises to them; when null, the local
    /// address of its connection to the scheduler, which peers on that network can reach.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>
    /// The device block math runs on: <c>cpu</c> (the host's SIMD and BLAS), <c>ilgpu-cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>opencl:N</c>;
    /// null runs it on the host. Results of ops that run on the device stay in its memory until a
    /// peer, a client or a host-only task needs them.
    /// </summary>
    public string? Device { get; init; }

    /// <summary>
    /// The abstract resources the worker offers tasks, such as <c>GPU = 1</c> or <c>MEMORY = 16e9</c>
    /// (Dask's <c>--resources</c>): a task asking for resources runs only on a worker offering them,
    /// and no more at once than they allow. A worker on a CUDA device offers <c>GPU = 1</c> unless
    /// this names GPU itself.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Resources { get; init; }

    /// <summary>How the device is opened: its memory limit, and device emulation for the CPU accelerator.</summary>
    public ExecutionDeviceOptions DeviceOptions { get; init; } = new();

    /// <summary>Token, TLS, limits and logging of the worker's comms; the role is always a worker.</summary>
    public CommOptions Comm { get; init; } = new() { Role = PeerRole.Worker };

    /// <summary>
    /// How long a starting worker keeps trying to reach a scheduler that refuses connections or
    /// cannot be reached yet (default 30 s, as Dask's connect timeout), so a worker started before
    /// its scheduler, or while it restarts, joins once it listens. A refusal of the handshake
    /// itself (wrong token, version or certificate) is not retried.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a worker that lost its scheduler (connection broken, or silent past
    /// <see cref="SchedulerTimeout"/>) keeps trying to connect and register again, backing off
    /// from 0.1 s to 1 s between tries, before it leaves. It registers with the results it still
    /// holds, which the scheduler keeps when it knows them and frees otherwise. The default is
    /// <see cref="WorkerDefaults.ReconnectTimeout"/> (60 s); zero leaves at once. A scheduler that
    /// closes the worker, or stops gracefully, makes it leave either way: only a lost link is retried.
    /// </summary>
    public TimeSpan ReconnectTimeout { get; init; } = WorkerDefaults.ReconnectTimeout;
}
