namespace MiniDask.Cli.Tests.Commands;

/// <summary><c>minidask scheduler</c>'s state options refuse values the scheduler cannot use, naming the option.</summary>
public sealed class SchedulerCommandTests
{
    [Fact]
    public void Scheduler_NegativeAllowedFailures_RefusesToStart()
    {
        var (exit, _, error) = CliRunner.Run("scheduler", "--allowed-failures", "-1", "--port", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--allowed-failures must be zero or more; got -1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduler_ZeroTransitionLogLength_RefusesToStart()
    {
        var (exit, _, error) = CliRunner.Run("scheduler", "--transition-log-length", "0", "--port", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--transition-log-length must be at least 1; got 0", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-0.5")]
    [InlineData("NaN")]
    public void Scheduler_BadRootBacklog_RefusesToStart(string seconds)
    {
        var (exit, _, error) = CliRunner.Run("scheduler", "--root-backlog", seconds, "--port", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--root-backlog must be 0 or more seconds; got", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduler_Help_NamesTheRootBacklogAndItsDefault()
    {
        var (exit, output, _) = CliRunner.Run("scheduler", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--root-backlog", output, StringComparison.Ordinal);
        Assert.Contains("[default: 0.002]", output, StringComparison.Ordinal);
    }
}
