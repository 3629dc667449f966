using System.Diagnostics;
using MiniDask.Bag.Workloads;
using Xunit.Abstractions;

namespace MiniDask.Bag.Tests.Workloads;

public class WordCountTests(ITestOutputHelper output)
{
    [Fact]
    public void Lines_FirstLines_FollowTheBenchmarkFormula()
    {
        var lines = WordCount.Lines(2);

        Assert.Equal("alpha beta gamma delta eps zeta eta theta alpha beta", lines[0]);
        Assert.Equal("theta alpha beta gamma delta eps zeta eta theta alpha", lines[1]);
    }

    [Fact]
    public void Build_SmallInput_MatchesLinqCountWithFirstOccurrenceTies()
    {
        var lines = WordCount.Lines(1003);
        var expected = lines.SelectMany(l => l.Split(' ')).CountBy(w => w).OrderByDescending(kv => kv.Value).Take(3)
            .Select(kv => (kv.Key, (long)kv.Value));

        var result = WordCount.Build(lines, npartitions: 7).Run();

        Assert.Equal(expected, result.Select(p => (p.Item, p.Count)));
    }

    [Fact]
    public void Build_BenchmarkSize_GivesAlphaBetaGammaWith1250000Each()
    {
        var bag = WordCount.Build();
        bag.EnsureDistributable();

        var watch = Stopwatch.StartNew();
        var result = bag.Run();
        watch.Stop();

        Assert.Equal([("alpha", 1_250_000L), ("beta", 1_250_000L), ("gamma", 1_250_000L)], result.Select(p => (p.Item, p.Count)));
        var words = (double)WordCount.DefaultLineCount * WordCount.WordsPerLine;
        output.WriteLine($"wordcount, sync scheduler: {words / watch.Elapsed.TotalSeconds / 1e6:F1} million words/s ({watch.Elapsed.TotalMilliseconds:F0} ms)");
    }
}
