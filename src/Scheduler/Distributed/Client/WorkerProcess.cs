using System.Diagnostics;
using System.Reflection;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>How to run the worker program: the dotnet host, the dll and the arguments before the worker's own.</summary>
/// <param name="Host">The dotnet executable.</param>
/// <param name="Dll">The worker's dll.</param>
/// <param name="Prefix">Arguments before the worker's own (<c>worker</c> for <c>minidask.dll</c>).</param>
internal sealed record WorkerProgram(string Host, string Dll, IReadOnlyList<string> Prefix)
{
    public const string WorkerDll = "MiniDask.Worker.dll";
    public const string CliDll = "minidask.dll";

    public static WorkerProgram Locate(string? path)
    {
        var candidates = path is not null
            ? [path]
            : new[] { Path.GetDirectoryName(Assembly.GetEntryAssembly()?.Location), AppContext.BaseDirectory }
                .Where(d => !string.IsNullOrEmpty(d))
                .SelectMany(d => new[] { Path.Combine(d!, WorkerDll), Path.Combine(d!, CliDll) })
                .ToArray();
        // `dotnet X.dll` starts only with X.runtimeconfig.json beside it (the host exits with 131
        // otherwise), so a dll without one is skipped, and named if nothing else is found.
        var dll = candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(RuntimeConfigOf(c)));
        if (dll is null)
        {
            var unrunnable = candidates.Where(File.Exists).Select(c => $" {c} is there but {Path.GetFileName(RuntimeConfigOf(c))} is not.");
            throw new FileNotFoundException(
                $"No worker program found (looked for {string.Join(", ", candidates)}).{string.Concat(unrunnable)} "
                + "Reference the MiniDask.Worker package or project (or the MiniDask package), or set LocalClusterOptions.WorkerPath.");
        }

        var prefix = Path.GetFileName(dll).Equals(CliDll, StringComparison.OrdinalIgnoreCase) ? new[] { "worker" } : [];
        return new WorkerProgram(DotnetHost(), Path.GetFullPath(dll), prefix);
    }

    private static string RuntimeConfigOf(string dll) => Path.ChangeExtension(dll, ".runtimeconfig.json");

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? current
            : "dotnet";
    }
}

/// <summary>A worker process started by a <see cref="LocalCluster"/>, with the tail of its output kept for errors.</summary>
internal sealed class WorkerProcess
{
    private const int TailLines = 40;
    private const string ConserveMemoryVariable = "DOTNET_GCConserveMemory";
    private readonly Queue<string> tail = new();

    private WorkerProcess(Process process, string name)
    {
        Process = process;
        Name = name;
    }

    public Process Process { get; }

    /// <summary>The worker's name, as it registers with the scheduler.</summary>
    public string Name { get; }

    /// <summary>Whether the cluster is retiring it: it does not count towards the cluster's size and is not replaced.</summary>
    public bool Retiring { get; set; }

    /// <summary>
    /// Starts the worker named <paramref name="name"/> with <paramref name="environment"/> added to this
    /// process's variables; <paramref name="exited"/> runs with the exit code when the process ends, however it ends.
    /// </summary>
    public static WorkerProcess Start(WorkerProgram program, string name, IEnumerable<string> args, string token, IReadOnlyDictionary<string, string> environment, Action<int> exited)
    {
        var info = new ProcessStartInfo(program.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(program.Dll);
        foreach (var arg in program.Prefix.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        // The GC compacts the large-object heap when fragmented rather than keeping freed blocks
        // resident: a worker that spills to hold its memory limit then also holds it in RSS
        // (a 3000 x 3000 rechunk on a 32 MiB worker peaks at 1.4x the limit above idle instead of 3.9x).
        if (Environment.GetEnvironmentVariable(ConserveMemoryVariable) is null)
        {
            info.Environment[ConserveMemoryVariable] = "9";
        }

        foreach (var (variable, value) in environment)
        {
            info.Environment[variable] = value;
        }

        // The token goes by environment, not argument, so other users cannot read it from the process list.
        info.Environment[ClusterComm.TokenVariable] = token;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, name);
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.Exited += (_, _) => exited(process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public string OutputTail()
    {
        lock (tail)
        {
            return $"[pid {Process.Id}{(Process.HasExited ? $", exited {Process.ExitCode}" : "")}]{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
        }
    }

    /// <summary>Waits for the process to exit on its own, then kills it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await WaitOrKillAsync(Process, grace).ConfigureAwait(false);

        Process.Dispose();
    }

    /// <summary>Waits up to <paramref name="grace"/> for <paramref name="process"/> to exit, then kills it with its children.</summary>
    internal static async Task WaitOrKillAsync(Process process, TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
            }
        }
    }
}
