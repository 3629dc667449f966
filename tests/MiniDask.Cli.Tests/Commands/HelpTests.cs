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
    [InlineData("ssh", "--remote-command")]
    [InlineData("worker", "--reconnect-timeout")]
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

    [Fact]
    public async Task Help_Ssh_IsTheBlockInTheReadmesDistributedSection()
    {
        var (exit, output, _) = CliRunner.Run("ssh", "--help");
        var readme = (await ReadmeRecipeTests.ReadmeAsync()).ReplaceLineEndings("\n");
        var distributed = readme[readme.IndexOf("\n## Distributed", StringComparison.Ordinal)..readme.IndexOf("\n## Security", StringComparison.Ordinal)];

        Assert.Equal(0, exit);
        Assert.Contains(output[output.IndexOf("Arguments:", StringComparison.Ordinal)..].ReplaceLineEndings("\n").TrimEnd(), distributed, StringComparison.Ordinal);
    }
}
