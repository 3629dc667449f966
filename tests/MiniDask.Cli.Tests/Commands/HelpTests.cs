namespace MiniDask.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Theory]
    [InlineData("demo", "--size")]
    [InlineData("bench", "--repeat")]
    [InlineData("visualize", "--output")]
    [InlineData("scheduler", "--port")]
    [InlineData("worker", "--memory-limit")]
    [InlineData("worker", "--preload")]
    [InlineData("worker", "--device")]
    [InlineData("bench", "--device")]
    public void Help_EveryCommand_DescribesItsOptions(string command, string option)
    {
        var (exit, output, _) = CliRunner.Run(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains(option, output);
        Assert.Contains("Usage:", output);
    }

    [Fact]
    public void Help_Root_ListsTheCommands()
    {
        var (exit, output, _) = CliRunner.Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("demo", output);
        Assert.Contains("bench", output);
        Assert.Contains("visualize", output);
    }
}
