namespace MiniDask.Worker.Tests;

public sealed class WorkerResourcesTests
{
    [Fact]
    public void Parse_PairsWithExponents_GivesEachAmount()
    {
        var resources = WorkerResources.Parse("GPU=1,MEMORY=16e9 SLOTS=2.5");

        Assert.Equal(new Dictionary<string, double> { ["GPU"] = 1, ["MEMORY"] = 16e9, ["SLOTS"] = 2.5 }, resources);
    }

    [Theory]
    [InlineData("GPU")]
    [InlineData("=1")]
    [InlineData("GPU=many")]
    [InlineData("GPU=-1")]
    [InlineData("GPU=1,GPU=2")]
    public void Parse_MalformedPair_ThrowsNamingIt(string text)
    {
        var error = Assert.Throws<FormatException>(() => WorkerResources.Parse(text));

        Assert.Contains(text, error.Message);
    }

    [Theory]
    [InlineData("cuda", 1.0)]
    [InlineData("cuda:1", 1.0)]
    [InlineData("ilgpu-cpu", null)]
    [InlineData(null, null)]
    public void Offered_CudaDevice_AddsOneGpuUnlessConfigured(string? device, double? gpu)
    {
        var offered = WorkerResources.Offered(null, device);
        var configured = WorkerResources.Offered(new Dictionary<string, double> { ["GPU"] = 2 }, device);

        Assert.Equal(gpu, offered?.GetValueOrDefault("GPU"));
        Assert.Equal(2, configured!["GPU"]);
    }
}
