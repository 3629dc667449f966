using System.Text.Json;
using MiniDask.Tests.Devices;

namespace MiniDask.Cli.Tests.Commands;

/// <summary><c>--device</c> of <c>minidask bench</c> and <c>minidask worker</c>.</summary>
public sealed class DeviceOptionTests
{
    [Fact]
    public void Bench_DeviceCpu_RunsOnTheCpuAcceleratorAndReportsIt()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--device", "cpu", "--repeat", "1", "tiny");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("cpu", json.RootElement.GetProperty("device").GetString());
        Assert.Equal(2.0 * 2000 * 2000, json.RootElement.GetProperty("result").GetDouble());
    }

    [Fact]
    public void Bench_WithoutDevice_ReportsTheHost()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--repeat", "1", "tiny");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output.Trim());
        Assert.Equal("host", json.RootElement.GetProperty("device").GetString());
    }

    [WithoutCudaFact]
    public void Bench_DeviceCudaWithoutAGpu_FailsWithOneLineSayingWhy()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--device", "cuda", "matmul");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Device 'cuda' is not available: ", line);
        Assert.Contains("CUDA", line);
        Assert.DoesNotContain("   at ", error);
    }

    [CudaFact]
    public void Bench_DeviceCuda_RunsMatMulAndSumOnTheGpu()
    {
        var (exit, output, error) = CliRunner.Run("bench", "--device", "cuda", "--repeat", "1", "matmul", "sum");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("cuda:0", json.RootElement.GetProperty("device").GetString());
        }
    }

    [Fact]
    public void Bench_UnknownDevice_FailsNamingTheChoices()
    {
        var (exit, _, error) = CliRunner.Run("bench", "--device", "tpu", "tiny");

        Assert.Equal(2, exit);
        Assert.Contains("'tpu'", error);
        Assert.Contains("cpu, ilgpu-cpu, cuda, cuda:N, opencl or opencl:N", error);
    }

    [Fact]
    public void Bench_DeviceWithACluster_FailsPointingToTheWorkers()
    {
        var (exit, _, error) = CliRunner.Run("bench", "--scheduler", "distributed", "--device", "cpu", "tiny");

        Assert.Equal(2, exit);
        Assert.Contains("--device", error);
        Assert.Contains("minidask worker --device", error);
    }

    [WithoutCudaFact]
    public void Worker_DeviceCudaWithoutAGpu_FailsWithOneLineSayingWhy()
    {
        var (exit, output, error) = CliRunner.Run("worker", "tcp://127.0.0.1:1", "--device", "cuda:0");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Device 'cuda:0' is not available: ", line);
    }

    [Fact]
    public void Worker_DeviceMemoryLimitWithoutDevice_FailsNamingBothOptions()
    {
        var (exit, _, error) = CliRunner.Run("worker", "tcp://127.0.0.1:1", "--device-memory-limit", "1GB");

        Assert.Equal(2, exit);
        Assert.Contains("--device-memory-limit applies only with --device", error);
    }
}
