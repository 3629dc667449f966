using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A minidask process on another host, run through the system's ssh client. The token goes on
/// ssh's standard input, never on a command line; every output line is copied to a log with the
/// host as prefix. The remote shell runs the command in the background and sends it SIGTERM once
/// its standard input ends, so closing ssh's input (or ssh dying, as on Ctrl+C) stops it gracefully.
/// </summary>
internal sealed class RemoteProcess
{
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Seen)> watches = [];
    private readonly TextWriter log;

    private RemoteProcess(string host, Process process, TextWriter log)
    {
        Host = host;
        Process = process;
        this.log = log;
    }

    public string Host { get; }

    public Process Process { get; }

    /// <summary>The worker's address once it printed that it joined; null before, and for the scheduler.</summary>
    public string? WorkerAddress { get; set; }

    /// <summary>Whether it is being retired or stopped on purpose: its exit is not a crash.</summary>
    public bool Leaving { get; set; }

    /// <summary>Starts <c>ssh HOST</c> running <paramref name="remoteCommand"/> with <paramref name="args"/>, and sends it the token.</summary>
    public static RemoteProcess Start(string host, SshClusterOptions options, string remoteCommand, IEnumerable<string> args, string token, TextWriter log, Action<RemoteProcess, int> exited)
    {
        var info = new ProcessStartInfo(options.SshCommand)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.SshConfigFile is { } config)
        {
            info.ArgumentList.Add("-F");
            info.ArgumentList.Add(config);
        }

        foreach (var option in options.SshOptions)
        {
            info.ArgumentList.Add("-o");
            info.ArgumentList.Add(option);
        }

        info.ArgumentList.Add("-T");
        info.ArgumentList.Add(host);
        info.ArgumentList.Add(RemoteScript(remoteCommand, args));
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var remote = new RemoteProcess(host, process, log);
        process.OutputDataReceived += (_, e) => remote.Line(e.Data);
        process.ErrorDataReceived += (_, e) => remote.Line(e.Data);
        process.Exited += (_, _) => exited(remote, process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.WriteLine(token);
        process.StandardInput.Flush();
        return remote;
    }

    /// <summary>
    /// The shell line run on the host: read the token, run the command with its input from
    /// /dev/null, and stop it with SIGTERM when ssh's input ends; exit with the command's status.
    /// </summary>
    internal static string RemoteScript(string remoteCommand, IEnumerable<string> args) =>
        "read -r MINIDASK_TOKEN || exit 70; export MINIDASK_TOKEN; exec 3<&0; "
        + $"{remoteCommand} {string.Join(' ', args.Select(Quote))} </dev/null & p=$!; "
        + "(cat <&3 >/dev/null 2>&1; kill -TERM $p 2>/dev/null) >/dev/null 2>&1 & w=$!; "
        + "wait $p; s=$?; kill $w 2>/dev/null; exit $s";

    /// <summary>Quotes <paramref name="arg"/> for a POSIX shell.</summary>
    internal static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Waits for an output line matching <paramref name="pattern"/> (a line already seen does not count).</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>, or the process ended first.</exception>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (watches)
        {
            watches.Add((pattern, seen));
        }

        var exited = Process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(seen.Task, exited).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (first == seen.Task)
        {
            return await seen.Task.ConfigureAwait(false);
        }

        // The line may have come just before the exit was noticed.
        return seen.Task.IsCompleted
            ? await seen.Task.ConfigureAwait(false)
            : throw new TimeoutException($"ssh {Host} exited with code {Process.ExitCode} before it printed a line matching {pattern}; its output is in the cluster's log.");
    }

    /// <summary>Closes ssh's input (the remote command gets SIGTERM and leaves gracefully), waits for it, then kills ssh.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Leaving = true;
        try
        {
            Process.StandardInput.Close();
        }
        catch (IOException)
        {
            // ssh has already gone.
        }

        await WorkerProcess.WaitOrKillAsync(Process, grace).ConfigureAwait(false);
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        log.WriteLine(new StringBuilder().Append('[').Append(Host).Append("] ").Append(line).ToString());
        lock (watches)
        {
            foreach (var (pattern, seen) in watches.ToList())
            {
                if (pattern.Match(line) is { Success: true } match)
                {
                    seen.TrySetResult(match);
                    watches.Remove((pattern, seen));
                }
            }
        }
    }
}
