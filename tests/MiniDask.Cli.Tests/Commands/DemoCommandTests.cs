using System.Globalization;
using System.Text.RegularExpressions;
using MiniDask.Tests.Devices;

namespace MiniDask.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_SmallSize_PrintsSumNearHalfOfNSquared()
    {
        // sum(y) = 2 sum(x) - n * sum(mean(x, axis 0)) = sum(x), about n^2 / 2 for uniform [0, 1).
        var (exit, output, _) = CliRunner.Run("demo", "--size", "300", "--chunks", "70");

        Assert.Equal(0, exit);
        var match = Regex.Match(output, @"y\.Sum\(\) = (\S+)");
        Assert.True(match.Success, output);
        var total = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(total, 0.5 * 300 * 300 * 0.98, 0.5 * 300 * 300 * 1.02);
        Assert.Matches(@"tasks in y\.Sum\(\): \d+", output);
        Assert.Matches(@"wall time: [0-9.]+ s", output);
        Assert.Matches(@"peak memory: [0-9.]+ MiB", output);
        Assert.Contains("] | 100% Completed | ", output);
    }

    [Fact]
    public void Demo_DeviceIlgpuCpu_PrintsTheHostsSum()
    {
        var (hostExit, host, _) = CliRunner.Run("demo", "--size", "120", "--chunks", "30");
        var (exit, output, error) = CliRunner.Run("demo", "--size", "120", "--chunks", "30", "--device", "ilgpu-cpu");

        Assert.True(exit == 0 && hostExit == 0, error);
        Assert.Contains("device: ilgpu-cpu", output);
        var expected = Sum(host);
        Assert.True(Math.Abs(Sum(output) - expected) <= 1e-9 * Math.Abs(expected), $"host {expected:R}, ilgpu-cpu {Sum(output):R}");
    }

    [WithoutCudaFact]
    public void Demo_DeviceCudaWithoutAGpu_FailsWithOneErrorLine()
    {
        var (exit, output, error) = CliRunner.Run("demo", "--size", "40", "--chunks", "20", "--device", "cuda");

        Assert.Equal(2, exit);
        Assert.DoesNotContain("y.Sum()", output);
        Assert.StartsWith("error: Device 'cuda' is not available: ", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Demo_Save_WritesNpyFilesOfTheRightSize()
    {
        var dir = Directory.CreateTempSubdirectory("minidask-demo-");
        try
        {
            var (exit, _, error) = CliRunner.Run("demo", "--size", "40", "--chunks", "16", "--save", dir.FullName);

            Assert.Equal(0, exit);
            Assert.Equal("", error);
            foreach (var name in new[] { "x.npy", "y.npy" })
            {
                var bytes = File.ReadAllBytes(Path.Combine(dir.FullName, name));
                Assert.Equal(0x93, bytes[0]);
                Assert.Equal("NUMPY", System.Text.Encoding.ASCII.GetString(bytes, 1, 5));
                var headerLength = BitConverter.ToUInt16(bytes, 8);
                Assert.Equal(0, (10 + headerLength) % 64);
                Assert.Equal(10 + headerLength + (40 * 40 * 8), bytes.Length);
                Assert.Contains("'shape': (40, 40)", System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Demo_ZeroChunks_FailsWithAClearError()
    {
        var (exit, _, error) = CliRunner.Run("demo", "--size", "100", "--chunks", "0");

        Assert.NotEqual(0, exit);
        Assert.Contains("chunk", error, StringComparison.OrdinalIgnoreCase);
    }

    private static double Sum(string output)
    {
        var match = Regex.Match(output, @"y\.Sum\(\) = (\S+)");
        Assert.True(match.Success, output);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
