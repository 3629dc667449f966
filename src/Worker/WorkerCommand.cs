using System.CommandLine;
using System.Runtime.InteropServices;
using MiniDask.Graph.Devices;
using MiniDask.Graph.Functions;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// The worker's command line, shared by <c>minidask worker</c> and <c>dotnet MiniDask.Worker.dll</c>:
/// <c>SCHEDULER-ADDRESS [--nthreads N] [--memory-limit 2GB] [--local-directory DIR] [--name NAME]
/// [--host HOST] [--scheduler-timeout SECONDS] [--reconnect-timeout SECONDS] [--token T] [--tls-cert F --tls-key F] [--tls-ca F] [--preload ASSEMBLY.dll]...
/// [--device cpu|ilgpu-cpu|cuda|cuda:N|opencl:N] [--device-memory-limit 8GB] [--resources "GPU=1,MEMORY=16e9"] [--max-pending-connections N] [--max-connections-per-host N]
/// [--memory-terminate-fraction F] [--nanny]</c>. A device that is not available
/// here fails at once with one line saying why (exit code 2). The worker runs until the scheduler closes it or goes away (after trying to
/// register again for the reconnect timeout), or until SIGTERM or Ctrl+C, and then leaves gracefully and deletes its spill directory.
/// Out of memory it exits with <see cref="OutOfMemoryExitCode"/>; with <c>--nanny</c> it runs as a child process that is started afresh
/// when it dies so. It exits with 64 when the scheduler retired it and 65 when the scheduler restarted the cluster, so that a supervisor
/// knows whether to start another.
/// </summary>
public static class WorkerCommand
{
    /// <summary>The exit code of a worker that stopped for memory (<see cref="WorkerServer.OutOfMemory"/>): its nanny starts a fresh one.</summary>
    public const int OutOfMemoryExitCode = 3;

    /// <summary>The <c>worker</c> subcommand.</summary>
    public static Command Create() => Configure(new Command("worker", "Run a worker: connect to a scheduler, run tasks, hold and serve results."));

    /// <summary>Runs the worker command line <paramref name="args"/> as a program (the worker executable's entry point).</summary>
    public static int Run(string[] args) =>
        Configure(new RootCommand("MiniDask worker: connect to a scheduler, run tasks, hold and serve results.")).Parse(args).Invoke();

    private static Command Configure(Command command)
    {
        var scheduler = new Argument<string>("scheduler") { Description = "The scheduler's address, such as tcp://10.0.0.1:8786 (tls:// with TLS)." };
        var nthreads = new Option<int>("--nthreads") { Description = "Tasks run at once.", DefaultValueFactory = _ => 1 };
        var memoryLimit = new Option<string>("--memory-limit") { Description = "Memory limit such as 2GB or 512MiB; results spill to disk past 60% of it and the worker pauses past 80%. 0 for none.", DefaultValueFactory = _ => "0" };
        var localDirectory = new Option<string?>("--local-directory") { Description = "Where the worker makes its locked spill directory (default: the temp directory); removed on exit, and directories of killed workers there are purged when a worker starts." };
        var name = new Option<string?>("--name") { Description = "The worker's name in logs (default: its address)." };
        var host = new Option<string?>("--host") { Description = "Host to listen on for peers and advertise (default: this machine's address towards the scheduler)." };
        var token = new Option<string?>("--token") { Description = $"The cluster's shared token (default: ${ClusterComm.TokenVariable})." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate for TLS (with --tls-key)." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "PEM certificate authority that peers' certificates must chain to." };
        var schedulerTimeout = new Option<double>("--scheduler-timeout") { Description = "Seconds without a word from the scheduler (it pings every second) after which the worker counts it lost (and reconnects for --reconnect-timeout).", DefaultValueFactory = _ => new WorkerOptions().SchedulerTimeout.TotalSeconds };
        var reconnectTimeout = new Option<double>("--reconnect-timeout") { Description = "Seconds a worker that lost its scheduler (link broken or silent) keeps trying to register again, with the results it holds, before it leaves; 0 leaves at once. A scheduler that stops or closes the worker makes it leave at once either way.", DefaultValueFactory = _ => WorkerDefaults.ReconnectTimeout.TotalSeconds };
        var preload = new Option<string[]>("--preload") { Description = "An assembly whose ops tasks use (repeatable): its module initializer runs and MiniDaskOps.Register() is called." };
        var device = new Option<string?>("--device") { Description = "Run block math on cpu (the host's SIMD and BLAS), ilgpu-cpu (ILGPU's CPU accelerator), cuda (the first GPU), cuda:N or opencl:N, keeping intermediates in device memory (default: on the host)." };
        var deviceMemoryLimit = new Option<string?>("--device-memory-limit") { Description = "Device memory for blocks, such as 8GB; past it the least recently used are evicted to host memory (default: half the device's memory)." };
        var resources = new Option<string?>("--resources") { Description = "Abstract resources offered to tasks that ask for them, such as \"GPU=1,MEMORY=16e9\" (a worker on --device cuda offers GPU=1 by itself)." };
        var terminate = new Option<double?>("--memory-terminate-fraction") { Description = "Past this fraction of --memory-limit of process memory, even after spilling, the worker stops at once (exit code 3) so a fresh process takes its place; 0 for never (default: 0.95 with --nanny, else 0)." };
        var nanny = new Option<bool>("--nanny") { Description = "Run the worker as a child process and start a new one whenever it dies (killed, or out of memory), as Dask's nanny; the child gets --memory-terminate-fraction 0.95 unless given." };
        var limits = new ConnectionLimitOptions();
        limits.AddTo(command);
        foreach (var symbol in new Symbol[] { scheduler, nthreads, memoryLimit, localDirectory, name, host, token, tlsCert, tlsKey, tlsCa, schedulerTimeout, reconnectTimeout, preload, device, deviceMemoryLimit, resources, terminate, nanny })
        {
            if (symbol is Argument argument)
            {
                command.Arguments.Add(argument);
            }
            else
            {
                command.Options.Add((Option)symbol);
            }
        }

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(nanny))
            {
                return Nanny.Run(Nanny.ChildArguments(Environment.GetCommandLineArgs()[1..], terminate.Name), output, error);
            }

            WorkerOptions options;
            IExecutionDevice? opened = null;
            try
            {
                // A worker runs tasks from the network: user functions resolve only in allowed assemblies.
                CallableAssemblies.Restrict();
                OpAssemblies.ProbeApplicationDirectory();
                foreach (var path in parse.GetValue(preload) ?? [])
                {
                    OpAssemblies.Preload(path);
                }

                OpAssemblies.RegisterBuiltIn();
                var workerName = parse.GetValue(name) ?? "";
                options = new WorkerOptions
                {
                    NThreads = parse.GetValue(nthreads),
                    MemoryLimit = ByteSize.Parse(parse.GetValue(memoryLimit) ?? "0"),
                    LocalDirectory = parse.GetValue(localDirectory),
                    MonitorProcessMemory = true,
                    Name = workerName,
                    Host = parse.GetValue(host),
                    Resources = parse.GetValue(resources) is { } offered ? WorkerResources.Parse(offered) : null,
                    Comm = limits.Apply(parse, ClusterComm.Options(
                        PeerRole.Worker, workerName, parse.GetValue(token), parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(tlsCa),
                        new TextWriterLogger(error, "worker"))),
                };
                if (options.NThreads < 1)
                {
                    throw new ArgumentException($"--nthreads must be at least 1, got {options.NThreads}.");
                }

                var timeout = parse.GetValue(schedulerTimeout);
                if (!(timeout > 0))
                {
                    throw new ArgumentException($"--scheduler-timeout must be a positive number of seconds, got {timeout}.");
                }

                var reconnect = parse.GetValue(reconnectTimeout);
                if (!(reconnect >= 0) || double.IsInfinity(reconnect))
                {
                    throw new ArgumentException($"--reconnect-timeout must be zero or a positive number of seconds, got {reconnect}.");
                }

                options = options with { SchedulerTimeout = TimeSpan.FromSeconds(timeout), ReconnectTimeout = TimeSpan.FromSeconds(reconnect) };
                var terminateFraction = parse.GetValue(terminate) ?? 0;
                if (!(terminateFraction is >= 0 and <= 1))
                {
                    throw new ArgumentException($"--memory-terminate-fraction must be between 0 and 1, got {terminateFraction}.");
                }

                options = options with { TerminateFraction = terminateFraction };

                if (parse.GetValue(device) is { } deviceName)
                {
                    var limit = parse.GetValue(deviceMemoryLimit) is { } text ? ByteSize.Parse(text) : (long?)null;
                    options = options with { Device = deviceName, DeviceOptions = new ExecutionDeviceOptions { MemoryLimitBytes = limit is > 0 ? limit : null } };
                    opened = ExecutionDevices.Open(deviceName, options.DeviceOptions);
                }
                else if (parse.GetValue(deviceMemoryLimit) is not null)
                {
                    throw new ArgumentException("--device-memory-limit applies only with --device.");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or BadImageFormatException or DeviceUnavailableException)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }

            return RunAsync(parse.GetValue(scheduler)!, options, opened, output, error).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(string schedulerAddress, WorkerOptions options, IExecutionDevice? device, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        WorkerServer worker;
        try
        {
            worker = await WorkerServer.StartAsync(schedulerAddress, options, device, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or OperationCanceledException)
        {
            // The address as given may carry the token: the message names it without.
            var shown = schedulerAddress.Split('?')[0];
            error.WriteLine($"error: worker could not join the scheduler at {shown}: {e.Message}");
            return 1;
        }

        output.WriteLine($"worker {worker.Name} at {worker.Address}, scheduler {worker.SchedulerAddress}, {options.NThreads} thread(s), device {worker.Device?.Name ?? "host"}, spill directory {worker.Store.SpillDirectory}");
        output.Flush();
        await Task.WhenAny(worker.Stopped, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
        await worker.DisposeAsync().ConfigureAwait(false);
        output.WriteLine($"worker {worker.Name} stopped: {await worker.Stopped.ConfigureAwait(false)}");
        return worker.OutOfMemory ? OutOfMemoryExitCode : worker.ExitCode;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
