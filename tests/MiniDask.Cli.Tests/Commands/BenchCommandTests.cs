using System.Text.Json;

namespace MiniDask.Cli.Tests.Commands;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_Tiny_PrintsOneJsonLineWithEveryField()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--repeat", "1", "tiny");

        Assert.True(exit == 0, error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("tiny", root.GetProperty("workload").GetString());
        Assert.Equal("local", root.GetProperty("scheduler").GetString());
        Assert.Equal(1, root.GetProperty("workers").GetInt32());
        Assert.True(root.GetProperty("threads").GetInt32() >= 1);
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(2.0 * 2000 * 2000, root.GetProperty("result").GetDouble());
        Assert.True(root.GetProperty("tasks").GetInt32() >= 10_000);
        Assert.True(root.GetProperty("peak_rss_mb").GetDouble() > 0);
    }

    [Fact]
    public void Bench_Baseline_RunsTheWorkloadWithoutTheEngine()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--scheduler", "baseline", "--repeat", "1", "tiny");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output.Trim());
        var root = json.RootElement;
        Assert.Equal("baseline", root.GetProperty("scheduler").GetString());
        Assert.Equal(2.0 * 2000 * 2000, root.GetProperty("result").GetDouble());
        Assert.Equal(0, root.GetProperty("tasks").GetInt32());
    }

    [Fact]
    public void Bench_SeveralSchedulersAsMarkdown_PrintsOneTableWithRatios()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--scheduler", "baseline,local", "--format", "markdown", "--repeat", "1", "tiny");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("| workload | baseline s | baseline peak MB | local s | local peak MB | local / baseline |", lines[0].TrimEnd());
        var cells = lines[2].Split('|', StringSplitOptions.TrimEntries)[1..^1];
        Assert.Equal("tiny", cells[0]);
        var baseline = double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture);
        var local = double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture);
        var ratio = double.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(baseline > 0 && local > 0);
        // The seconds are printed to 3 decimals, the ratio to 2, from the unrounded times.
        var rounding = 0.005 + (ratio * ((0.0005 / local) + (0.0005 / baseline)));
        Assert.Equal(local / baseline, ratio, rounding);
    }

    [Fact]
    public void Bench_WordCount_PrintsTheThreeTopWordsWithExactCounts()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--repeat", "1", "wordcount");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output.Trim());
        var result = json.RootElement.GetProperty("result");
        Assert.Equal(3, result.GetArrayLength());
        string[] words = ["alpha", "beta", "gamma"];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(words[i], result[i][0].GetString());
            Assert.Equal(1_250_000, result[i][1].GetInt64());
        }
    }

    [Fact]
    public void Bench_UnknownWorkload_FailsNamingItAndTheKnownOnes()
    {
        var (exit, output, error) = CliRunner.Run("bench", "nosuchworkload");

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains("'nosuchworkload'", error);
        Assert.Contains("sum", error);
        Assert.Contains("tiny", error);
    }

    [Fact]
    public void Bench_RepeatZero_FailsNamingTheOption()
    {
        var (exit, _, error) = CliRunner.Run("bench", "--repeat", "0", "tiny");

        Assert.NotEqual(0, exit);
        Assert.Contains("--repeat", error);
    }

    [Fact]
    public void Bench_WarmupZero_TimesTheFirstComputeAndGivesTheSameResult()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--warmup", "0", "--repeat", "1", "tiny");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output.Trim());
        Assert.Equal(2.0 * 2000 * 2000, json.RootElement.GetProperty("result").GetDouble());
        Assert.True(json.RootElement.GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public void Bench_NegativeWarmup_FailsNamingTheOption()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--warmup", "-1", "tiny");

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains("--warmup", error);
    }
}

public sealed class DistributedBenchCommandTests
{
    [Fact]
    public void Bench_DistributedScheduler_ReportsWorkersAndThreads()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--scheduler", "distributed", "--workers", "2", "--threads", "1", "--repeat", "1", "tiny");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var root = json.RootElement;
        Assert.Equal("distributed", root.GetProperty("scheduler").GetString());
        Assert.Equal(2, root.GetProperty("workers").GetInt32());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(2.0 * 2000 * 2000, root.GetProperty("result").GetDouble());
    }

    [Fact]
    public void Bench_DistributedWithRootBacklog_GivesTheSameResult()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--scheduler", "distributed", "--root-backlog", "0.002", "--repeat", "1", "tiny");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(2.0 * 2000 * 2000, json.RootElement.GetProperty("result").GetDouble());
    }

    [Fact]
    public void Bench_NegativeRootBacklog_FailsNamingTheOption()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--scheduler", "distributed", "--root-backlog", "-1", "tiny");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("--root-backlog must be 0 or more seconds, got -1", error);
    }

    [Fact]
    public void Bench_UnknownScheduler_FailsNamingTheChoices()
    {
        var (exit, _, error) = CliRunner.Run("bench", "--scheduler", "bogus", "tiny");

        Assert.NotEqual(0, exit);
        Assert.Contains("'bogus'", error);
        Assert.Contains("distributed", error);
    }
}
