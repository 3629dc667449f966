using MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Settings of an <see cref="SshCluster"/>: how to reach the hosts and what to run there.</summary>
public sealed record SshClusterOptions
{
    /// <summary>
    /// The command that runs minidask on every host, followed there by <c>scheduler ...</c> or
    /// <c>worker ...</c>; when null, this machine's dotnet host and <c>minidask.dll</c> path (found
    /// next to the entry assembly or in the application directory), so every host needs the same
    /// build at the same path. It is run by the remote user's shell, so it may use its syntax.
    /// </summary>
    public string? RemoteCommand { get; init; }

    /// <summary>The ssh client to run; <c>ssh</c> from the PATH by default, with the user's keys and configuration.</summary>
    public string SshCommand { get; init; } = "ssh";

    /// <summary>An ssh configuration file passed as <c>ssh -F FILE</c> (keys, users, known hosts); the user's own when null.</summary>
    public string? SshConfigFile { get; init; }

    /// <summary>Options passed as <c>ssh -o KEY=VALUE</c>, such as <c>IdentityFile=~/.ssh/cluster</c> or <c>Port=2222</c>.</summary>
    public IReadOnlyList<string> SshOptions { get; init; } = [];

    /// <summary>The port the scheduler listens on, on every interface of the first host.</summary>
    public int SchedulerPort { get; init; } = 8786;

    /// <summary>The name or address workers reach the scheduler at; the first host's (without a <c>user@</c>) when null.</summary>
    public string? SchedulerHost { get; init; }

    /// <summary>Worker processes started on each worker host.</summary>
    public int WorkersPerHost { get; init; } = 1;

    /// <summary>Task threads of each worker.</summary>
    public int ThreadsPerWorker { get; init; } = 1;

    /// <summary>Each worker's memory limit, as <c>minidask worker --memory-limit</c> takes it (<c>4GB</c>); <c>0</c> for none.</summary>
    public string MemoryLimit { get; init; } = "0";

    /// <summary>
    /// How long a worker that loses the scheduler tries to register again (its <c>--reconnect-timeout</c>,
    /// by default <see cref="WorkerDefaults.ReconnectTimeout"/>); zero leaves at once.
    /// </summary>
    public TimeSpan WorkerReconnectTimeout { get; init; } = WorkerDefaults.ReconnectTimeout;

    /// <summary>The cluster's shared token, given to every process on its standard input (never on a command line); a random one when null or empty.</summary>
    public string? Token { get; init; }

    /// <summary>Where the remote processes' output goes, each line prefixed by <c>[host]</c>; standard error when null.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>How long the scheduler and the workers may take to start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
