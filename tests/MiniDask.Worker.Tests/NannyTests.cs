namespace MiniDask.Worker.Tests;

public sealed class NannyTests
{
    [Fact]
    public void ChildArguments_NoTerminateFractionGiven_DropsNannyAndAddsDasksDefault()
    {
        Assert.Equal(
            ["worker", "tcp://h:1", "--memory-terminate-fraction", "0.95"],
            Nanny.ChildArguments(["worker", "--nanny", "tcp://h:1"], "--memory-terminate-fraction"));
    }

    [Fact]
    public void ChildArguments_TerminateFractionGiven_KeepsIt()
    {
        Assert.Equal(
            ["worker", "tcp://h:1", "--memory-terminate-fraction", "0.5"],
            Nanny.ChildArguments(["worker", "tcp://h:1", "--nanny", "--memory-terminate-fraction", "0.5"], "--memory-terminate-fraction"));
        Assert.Equal(
            ["tcp://h:1", "--memory-terminate-fraction=0"],
            Nanny.ChildArguments(["--nanny", "tcp://h:1", "--memory-terminate-fraction=0"], "--memory-terminate-fraction"));
    }
}
