using MiniDask.Tests.Devices;

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

    [Fact]
    public void Devices_ListsIlgpusCpuAcceleratorWithItsMemory()
    {
        var (exit, output, _) = CliRunner.Run("devices");

        Assert.Equal(0, exit);
        Assert.Matches(@"(?m)^ilgpu-cpu: ILGPU CPU accelerator .*, [0-9.]+ GiB \(ILGPU\)", output);
    }

    [WithoutCudaFact]
    public void Devices_WithoutAGpu_SaysWhyCudaIsAbsent()
    {
        var (_, output, _) = CliRunner.Run("devices");

        Assert.Matches(@"(?m)^cuda: unavailable: \S", output);
    }
}
