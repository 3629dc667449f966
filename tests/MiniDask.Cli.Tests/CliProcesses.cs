using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MiniDask.Protocol;

namespace MiniDask.Cli.Tests;

/// <summary><c>minidask</c> (and other programs) as real processes: started, read line by line, stopped by SIGTERM or killed.</summary>
internal static partial class CliProcesses
{
    /// <summary>The minidask command next to the tests.</summary>
    public static string Minidask => Path.Combine(AppContext.BaseDirectory, "minidask.dll");

    /// <summary>Starts <c>dotnet <paramref name="program"/> <paramref name="args"/></c> with the cluster's token in the environment.</summary>
    public static Process StartDotnet(string program, string token, params string[] args) =>
        StartProcess(DotnetHost(), [program, .. args], token, errors: null);

    /// <summary>
    /// Starts <c>minidask <paramref name="args"/></c> under <c>ulimit -n <paramref name="descriptorLimit"/></c>
    /// (soft and hard, so the runtime cannot raise it); its standard error lines go to <paramref name="errors"/>.
    /// </summary>
    public static Process StartWithDescriptorLimit(int descriptorLimit, string token, StandardError errors, params string[] args) =>
        StartProcess("bash", ["-c", "ulimit -n \"$1\" && shift && exec \"$@\"", "bash", descriptorLimit.ToString(CultureInfo.InvariantCulture), DotnetHost(), Minidask, .. args], token, errors);

    private static Process StartProcess(string file, string[] args, string token, StandardError? errors)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[ClusterComm.TokenVariable] = token;
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => errors?.Add(e.Data);
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Starts <c>minidask <paramref name="args"/></c>.</summary>
    public static Process Start(string token, params string[] args) => StartDotnet(Minidask, token, args);

    /// <summary>Starts <c>minidask <paramref name="args"/></c>, its standard error lines going to <paramref name="errors"/>.</summary>
    public static Process Start(string token, StandardError errors, params string[] args) => StartProcess(DotnetHost(), [Minidask, .. args], token, errors);

    /// <summary>The dotnet host running the tests.</summary>
    public static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Reads standard output until a line matches <paramref name="pattern"/>; returns the last group.</summary>
    public static async Task<string> ReadLineMatching(Process process, Regex pattern)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (pattern.Match(line) is { Success: true } match)
            {
                return match.Groups[^1].Value;
            }
        }

        throw new InvalidOperationException($"Process {process.Id} ended before printing a line matching {pattern}.");
    }

    /// <summary>Sends SIGTERM.</summary>
    public static void Signal(Process process) => Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    /// <summary>Kills the process if it still runs.</summary>
    public static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The file names of the MiniDask assemblies mapped into process <paramref name="pid"/> (from /proc/PID/maps).</summary>
    public static IReadOnlySet<string> MappedMiniDaskAssemblies(int pid) =>
        File.ReadLines($"/proc/{pid}/maps")
            .Select(line => MappedAssembly().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The standard error lines of a process, with a wait for a line containing a text.</summary>
    public sealed class StandardError
    {
        private readonly List<string> lines = [];
        private readonly List<(string Text, TaskCompletionSource Seen)> waiting = [];

        /// <summary>Every line so far.</summary>
        public string Text
        {
            get
            {
                lock (lines)
                {
                    return string.Join('\n', lines);
                }
            }
        }

        /// <summary>Waits for a line containing <paramref name="text"/>; the timeout's message carries every line so far.</summary>
        public async Task WaitForAsync(string text, TimeSpan timeout)
        {
            try
            {
                await WaitForAsync(text).WaitAsync(timeout);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"No line containing '{text}' within {timeout.TotalSeconds} s; standard error:\n{Text}", e);
            }
        }

        /// <summary>Completes when a line contains <paramref name="text"/> (at once if one already did).</summary>
        public Task WaitForAsync(string text)
        {
            lock (lines)
            {
                if (lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return Task.CompletedTask;
                }

                var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting.Add((text, seen));
                return seen.Task;
            }
        }

        internal void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(line);
                foreach (var wait in waiting.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    wait.Seen.TrySetResult();
                    waiting.Remove(wait);
                }
            }
        }
    }

    [GeneratedRegex(@"scheduler at ((?:tcp|tls)://\S+)")]
    public static partial Regex SchedulerAddress();

    [GeneratedRegex(@"worker (\S+) at ((?:tcp|tls)://\S+)")]
    public static partial Regex WorkerStarted();

    [GeneratedRegex(@"/(MiniDask\.[A-Za-z]+\.dll)$")]
    private static partial Regex MappedAssembly();
}
