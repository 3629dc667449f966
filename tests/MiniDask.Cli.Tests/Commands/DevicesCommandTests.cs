namespace MiniDask.Cli.Tests.Commands;

public sealed class DevicesCommandTests
{
    [Fact]
    public void Devices_ListsTheCpuAndCudaOrWhyNot()
    {
        var (exit, output, _) = CliRunner.Run("devices");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("cpu: CPU (", lines[0]);
        Assert.Contains("GEMM: ", lines[0]);
        Assert.True(lines.Skip(1).Any(l => l.StartsWith("cuda:", StringComparison.Ordinal)), output);
    }
}
