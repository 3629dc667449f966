using System.Diagnostics;
using System.Globalization;

namespace MiniDask.Graph;

/// <summary>
/// A text progress bar for computes, like Dask's <c>dask.diagnostics.ProgressBar</c>:
/// <c>[####################                    ] | 50% Completed |  1.2s</c>. On a terminal it
/// redraws one line in place; when output is redirected (a log, CI) it writes a plain line at
/// every tenth instead. Created, it shows every compute of the current async flow until disposed:
/// <c>using (new ProgressBar()) x.Compute();</c>. For one call only, pass it as
/// <see cref="ComputeOptions.Progress"/> (it is shown once even while also in scope).
/// </summary>
public sealed class ProgressBar : IProgress<ComputeProgress>, IDisposable
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter output;
    private readonly int width;
    private readonly bool live;
    private readonly IDisposable scope;
    private readonly Stopwatch clock = new();
    private readonly object gate = new();
    private TimeSpan? lastDraw;
    private int lastDone = int.MaxValue;
    private int lastTotal = -1;
    private int lastTenth = -1;
    private bool lineOpen;

    /// <summary>A bar on the console: live when standard output is a terminal, plain lines when it is redirected.</summary>
    public ProgressBar()
        : this(Console.Out, live: !Console.IsOutputRedirected)
    {
    }

    /// <summary>A bar written to <paramref name="output"/>.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="live">Redraw one line in place (a terminal), or write a line at every tenth (a log).</param>
    /// <param name="width">Characters between the brackets.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    public ProgressBar(TextWriter output, bool live = false, int width = 40)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        this.output = output;
        this.live = live;
        this.width = width;
        scope = ProgressSinks.Use(this);
    }

    /// <summary>
    /// Draws the bar for <paramref name="value"/>. Reports of one compute arrive in order, so one
    /// with no more tasks done than the last, or with another total, starts the next compute's bar.
    /// </summary>
    public void Report(ComputeProgress value)
    {
        lock (gate)
        {
            if (value.Total != lastTotal || value.Done <= lastDone)
            {
                StartBar(value.Total);
            }

            lastDone = value.Done;
            var complete = value.Done >= value.Total;
            if (live)
            {
                if (complete || lastDraw is not { } last || clock.Elapsed - last >= RedrawInterval)
                {
                    lastDraw = clock.Elapsed;
                    output.Write("\r" + Line(value));
                    lineOpen = !complete;
                    if (complete)
                    {
                        output.WriteLine();
                    }

                    output.Flush();
                }
            }
            else
            {
                var tenth = value.Total == 0 ? 10 : (int)(10L * value.Done / value.Total);
                if (tenth > lastTenth)
                {
                    lastTenth = tenth;
                    output.WriteLine(Line(value));
                }
            }
        }
    }

    /// <summary>Stops showing computes; ends a line drawn in place.</summary>
    public void Dispose()
    {
        scope.Dispose();
        lock (gate)
        {
            if (lineOpen)
            {
                output.WriteLine();
                output.Flush();
                lineOpen = false;
            }
        }
    }

    private void StartBar(int total)
    {
        if (lineOpen)
        {
            output.WriteLine();
            lineOpen = false;
        }

        lastTotal = total;
        lastTenth = -1;
        lastDraw = null;
        clock.Restart();
    }

    private string Line(ComputeProgress value)
    {
        var fraction = value.Total == 0 ? 1.0 : Math.Clamp((double)value.Done / value.Total, 0, 1);
        var filled = (int)(fraction * width);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string(' ', width - filled)}] | {(int)(fraction * 100),3}% Completed | {clock.Elapsed.TotalSeconds,4:0.0}s");
    }
}
