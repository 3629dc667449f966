using MiniDask.Graph;
using Spectre.Console;

namespace MiniDask.Cli.Console;

/// <summary>
/// Shows a compute's progress: Spectre's live bar on an interactive terminal, the library's
/// <see cref="MiniDask.Graph.ProgressBar"/> in plain lines at every 10% when output is redirected.
/// </summary>
internal static class ComputeProgressDisplay
{
    /// <summary>Runs <paramref name="compute"/>, passing it the progress sink to report to.</summary>
    public static T Run<T>(string description, TextWriter output, Func<IProgress<ComputeProgress>, T> compute)
    {
        if (!System.Console.IsOutputRedirected && ReferenceEquals(output, System.Console.Out))
        {
            return AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var bar = ctx.AddTask(description, maxValue: 1);
                    var result = compute(new Sink(p =>
                    {
                        bar.MaxValue = p.Total;
                        bar.Value = p.Done;
                    }));
                    bar.Value = bar.MaxValue;
                    return result;
                });
        }

        // Redirected: the library's bar, one plain line at every tenth (logs and CI stay readable).
        output.WriteLine(description);
        using var bar = new MiniDask.Graph.ProgressBar(output, live: false);
        return compute(bar);
    }

    private sealed class Sink(Action<ComputeProgress> report) : IProgress<ComputeProgress>
    {
        public void Report(ComputeProgress value) => report(value);
    }
}
