using System.CommandLine;
using System.Globalization;
using MiniDask.Cli.Console;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Cli.Commands;

/// <summary>
/// <c>minidask ssh HOST1 HOST2 ...</c>: an <see cref="SshCluster"/> from the command line, with the
/// scheduler on the first host and workers on the others, until Ctrl+C or SIGTERM.
/// </summary>
internal static class SshCommand
{
    public static Command Create()
    {
        var hosts = new Argument<string[]>("hosts") { Description = "The scheduler's host, then the workers' hosts ([user@]host or a Host of the ssh configuration; a host twice runs both there).", Arity = ArgumentArity.OneOrMore };
        var remoteCommand = new Option<string?>("--remote-command") { Description = "The command that runs minidask on the hosts (default: this dotnet and this minidask.dll, so every host needs the same build at the same path)." };
        var sshConfig = new Option<string?>("--ssh-config") { Description = "An ssh configuration file (ssh -F FILE) with keys, users and known hosts (default: the user's own)." };
        var sshOption = new Option<string[]>("--ssh-option") { Description = "An ssh option KEY=VALUE (ssh -o), such as IdentityFile=~/.ssh/cluster; repeatable." };
        var port = new Option<int>("--port") { Description = "The scheduler's port on the first host.", DefaultValueFactory = _ => 8786 };
        var schedulerHost = new Option<string?>("--scheduler-host") { Description = "The name or address workers and clients reach the scheduler at (default: the first host)." };
        var workersPerHost = new Option<int>("--workers-per-host") { Description = "Worker processes on each worker host.", DefaultValueFactory = _ => 1 };
        var nthreads = new Option<int>("--nthreads") { Description = "Task threads of each worker.", DefaultValueFactory = _ => 1 };
        var memoryLimit = new Option<string>("--memory-limit") { Description = "Each worker's memory limit, such as 4GB (0 for none).", DefaultValueFactory = _ => "0" };
        var reconnect = new Option<double>("--reconnect-timeout") { Description = "Seconds a worker that loses the scheduler tries to register again before it leaves; 0 leaves at once.", DefaultValueFactory = _ => WorkerDefaults.ReconnectTimeout.TotalSeconds };
        var token = new Option<string?>("--token") { Description = $"The cluster's token (default: ${ClusterComm.TokenVariable}, else a random one); it reaches the hosts on ssh's standard input." };
        var command = new Command("ssh", "Start a cluster over SSH: the scheduler on the first host, workers on the others; remote output is printed prefixed by host, and Ctrl+C stops everything.")
        {
            hosts, remoteCommand, sshConfig, sshOption, port, schedulerHost, workersPerHost, nthreads, memoryLimit, reconnect, token,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var seconds = parse.GetValue(reconnect);
            if (!(seconds >= 0) || double.IsInfinity(seconds))
            {
                error.WriteLine($"error: --reconnect-timeout must be zero or a positive number of seconds, got {seconds}.");
                return 2;
            }

            var options = new SshClusterOptions
            {
                RemoteCommand = parse.GetValue(remoteCommand),
                SshConfigFile = parse.GetValue(sshConfig),
                SshOptions = parse.GetValue(sshOption) ?? [],
                SchedulerPort = parse.GetValue(port),
                SchedulerHost = parse.GetValue(schedulerHost),
                WorkersPerHost = parse.GetValue(workersPerHost),
                ThreadsPerWorker = parse.GetValue(nthreads),
                MemoryLimit = parse.GetValue(memoryLimit) ?? "0",
                WorkerReconnectTimeout = TimeSpan.FromSeconds(seconds),
                Token = new[] { parse.GetValue(token), Environment.GetEnvironmentVariable(ClusterComm.TokenVariable) }.FirstOrDefault(t => !string.IsNullOrEmpty(t)),
                Log = error,
            };
            return RunAsync(parse.GetValue(hosts) ?? [], options, output, error).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] hosts, SshClusterOptions options, TextWriter output, TextWriter error)
    {
        using var stop = new StopSignal();
        SshCluster cluster;
        try
        {
            cluster = await SshCluster.StartAsync(hosts, options, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or TimeoutException or IOException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            error.WriteLine($"error: the SSH cluster did not start: {e.Message}");
            return e is ArgumentException ? 2 : 1;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scheduler at {cluster.SchedulerAddress} on {hosts[0]}, {cluster.WorkerAddresses.Count} worker(s) on {string.Join(", ", hosts.Skip(1).Distinct())}"));
        output.WriteLine($"clients connect with {cluster.ConnectAddress}");
        output.Flush();
        await stop.WaitAsync().ConfigureAwait(false);
        await cluster.DisposeAsync().ConfigureAwait(false);
        output.WriteLine("ssh cluster stopped");
        return 0;
    }
}
