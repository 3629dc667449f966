using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// Dask's nanny for <c>minidask worker --nanny</c>: runs the worker as a child process (the same
/// command line without <c>--nanny</c>), passes its output through, and starts a new child when
/// one dies: killed (by the kernel's OOM killer, say) or stopped for memory
/// (<see cref="WorkerCommand.OutOfMemoryExitCode"/>). The scheduler counts the dead one's tasks
/// against their allowed failures and recomputes its data elsewhere; the fresh process registers
/// as a new worker. A child that leaves on its own (the scheduler closed it or went away: exit 0),
/// cannot join (1), was misconfigured (2) or was retired (64) ends the nanny with its exit code; one the scheduler restarted (65) is replaced. SIGTERM or Ctrl+C
/// to the nanny is passed to the child, which leaves gracefully.
/// </summary>
internal static partial class Nanny
{
    /// <summary>The terminate fraction the child gets unless the command line names one (Dask's default).</summary>
    public const double DefaultTerminateFraction = 0.95;

    private static readonly TimeSpan MinimumRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumRestartDelay = TimeSpan.FromSeconds(30);

    // A child that lived this long before dying restarts after the minimum delay again.
    private static readonly TimeSpan HealthyLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The child's arguments: <paramref name="args"/> without <c>--nanny</c>, with the terminate fraction added unless given.</summary>
    public static IReadOnlyList<string> ChildArguments(IReadOnlyList<string> args, string terminateOption)
    {
        var child = args.Where(a => a != "--nanny").ToList();
        if (!child.Any(a => a == terminateOption || a.StartsWith(terminateOption + "=", StringComparison.Ordinal)))
        {
            child.Add(terminateOption);
            child.Add(DefaultTerminateFraction.ToString(CultureInfo.InvariantCulture));
        }

        return child;
    }

    /// <summary>Runs children with <paramref name="childArgs"/> until one ends for good; returns its exit code (0 after SIGTERM or Ctrl+C).</summary>
    public static int Run(IReadOnlyList<string> childArgs, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return RunAsync(childArgs, output, error, stop.Token).GetAwaiter().GetResult();

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> childArgs, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var delay = MinimumRestartDelay;
        while (true)
        {
            var started = Stopwatch.StartNew();
            using var child = StartChild(childArgs, output, error);
            output.WriteLine($"nanny {Environment.ProcessId}: started worker process {child.Id}");
            output.Flush();
            try
            {
                await child.WaitForExitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await StopChildAsync(child).ConfigureAwait(false);
                return 0;
            }

            // The output pumps finish with the child's last line before the nanny speaks.
            child.WaitForExit();
            var code = child.ExitCode;
            if (code is 0 or 1 or 2 or WorkerExitCodes.Retired)
            {
                output.WriteLine($"nanny {Environment.ProcessId}: worker process {child.Id} exited with code {code}; stopping");
                return code;
            }

            // A child that dies soon after starting again and again waits longer each time.
            delay = started.Elapsed >= HealthyLifetime ? MinimumRestartDelay : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaximumRestartDelay.Ticks));
            var why = code == WorkerCommand.OutOfMemoryExitCode ? "out of memory" : code == WorkerExitCodes.Restart ? "the scheduler restarted the cluster" : code > 128 ? $"killed by signal {code - 128}" : $"exit code {code}";
            output.WriteLine($"nanny {Environment.ProcessId}: worker process {child.Id} died ({why}); starting a new one in {delay.TotalSeconds:0.#} s");
            output.Flush();
            try
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }
    }

    private static Process StartChild(IReadOnlyList<string> childArgs, TextWriter output, TextWriter error)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The nanny cannot tell which program it runs in.");
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // dotnet minidask.dll worker ...: the entry assembly comes first.
            info.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var arg in childArgs)
        {
            info.ArgumentList.Add(arg);
        }

        // As LocalCluster's workers: freed blocks of spilled values leave the process.
        if (Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") is null)
        {
            info.Environment["DOTNET_GCConserveMemory"] = "9";
        }

        var child = new Process { StartInfo = info };
        child.OutputDataReceived += (_, e) => Forward(output, e.Data);
        child.ErrorDataReceived += (_, e) => Forward(error, e.Data);
        child.Start();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    private static void Forward(TextWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>SIGTERM, so the child leaves the scheduler gracefully; killed if it has not exited in 10 s.</summary>
    private static async Task StopChildAsync(Process child)
    {
        if (Terminate(child.Id, Sigterm) == 0)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await child.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                // Still running: killed below.
            }
        }

        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Terminate(int pid, int signal);
}
