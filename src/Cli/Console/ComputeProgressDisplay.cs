using MiniDask.Graph;
using Spectre.Console;

namespace MiniDask.Cli.Console;

/// <summary>
/// Shows a compute's progress: a live bar on an interactive terminal, plain lines at every 10%
/// when output is redirected (logs and CI stay readable).
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

        var lastDecile = -1;
        var gate = new object();
        return compute(new Sink(p =>
        {
            var decile = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
            lock (gate)
            {
                if (decile > lastDecile)
                {
                    lastDecile = decile;
                    output.WriteLine($"{description}: {decile * 10}% ({p.Done}/{p.Total} tasks)");
                }
            }
        }));
    }

    private sealed class Sink(Action<ComputeProgress> report) : IProgress<ComputeProgress>
    {
        public void Report(ComputeProgress value) => report(value);
    }
}
