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
    public static Process StartDotnet(string program, string token, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[ClusterComm.TokenVariable] = token;
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Starts <c>minidask <paramref name="args"/></c>.</summary>
    public static Process Start(string token, params string[] args) => StartDotnet(Minidask, token, args);

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

    [GeneratedRegex(@"scheduler at ((?:tcp|tls)://\S+)")]
    public static partial Regex SchedulerAddress();

    [GeneratedRegex(@"worker (\S+) at ((?:tcp|tls)://\S+)")]
    public static partial Regex WorkerStarted();

    [GeneratedRegex(@"/(MiniDask\.[A-Za-z]+\.dll)$")]
    private static partial Regex MappedAssembly();
}
