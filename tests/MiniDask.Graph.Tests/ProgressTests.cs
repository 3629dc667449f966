using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests;

/// <summary>ProgressBar, ProgressSinks and the delivery of reports by ProgressReporter.</summary>
public sealed class ProgressTests
{
    public ProgressTests() => TestSupport.TestOps.EnsureRegistered();

    [Fact]
    public void ProgressBar_Live_RedrawsOneLineAndEndsItWhenDone()
    {
        var output = new StringWriter();
        using (var bar = new ProgressBar(output, live: true, width: 10))
        {
            bar.Report(new ComputeProgress(1, 4, 1));
            bar.Report(new ComputeProgress(4, 4, 1));
        }

        var text = output.ToString();
        Assert.StartsWith("\r[##        ] |  25% Completed | ", text, StringComparison.Ordinal);
        Assert.Contains("\r[##########] | 100% Completed | ", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ProgressBar_SecondCompute_StartsANewBar()
    {
        var output = new StringWriter();
        using (new ProgressBar(output))
        {
            new SyncScheduler().Get(GraphOf((K("a"), Const(1)), (K("b"), Inc(K("a")))), [K("b")], new ComputeOptions { Optimize = false });
            new SyncScheduler().Get(GraphOf((K("c"), Const(1))), [K("c")], new ComputeOptions { Optimize = false });
        }

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["50%", "100%", "100%"], lines.Select(l => l.Split('|')[1].Trim().Split(' ')[0]));
    }

    [Fact]
    public void ProgressBar_Disposed_ShowsNoMoreComputes()
    {
        var output = new StringWriter();
        using (new ProgressBar(output))
        {
        }

        new SyncScheduler().Get(GraphOf((K("a"), Const(1))), [K("a")]);

        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void ProgressBar_InScopeAndGivenForTheCall_ShownOnce()
    {
        var output = new StringWriter();
        using (var bar = new ProgressBar(output))
        {
            new SyncScheduler().Get(GraphOf((K("a"), Const(1))), [K("a")], new ComputeOptions { Progress = bar });
        }

        Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Register_ProcessWideSink_SeesComputesOnOtherThreads()
    {
        var seen = new List<int>();
        var sink = new Recorder(p =>
        {
            lock (seen)
            {
                seen.Add(p.Done);
            }
        });
        var graph = GraphOf((K("registered-a"), Const(1)), (K("registered-b"), Inc(K("registered-a"))));

        using (ProgressSinks.Register(sink))
        {
            await Task.Run(() => new SyncScheduler().Get(graph, [K("registered-b")], new ComputeOptions { Optimize = false }));
        }

        // Other tests may compute while the sink is registered: this compute's two reports are among what it saw.
        lock (seen)
        {
            Assert.Contains(1, seen);
            Assert.Contains(2, seen);
        }
    }

    [Fact]
    public void Finish_SinkThrew_ThrowsItWhereTheComputeWasCalledAndDeliversNoMore()
    {
        var calls = 0;
        var sink = new Recorder(_ =>
        {
            calls++;
            throw new InvalidOperationException("progress sink broke");
        });
        var graph = GraphOf((K("a"), Const(1)), (K("b"), Inc(K("a"))), (K("c"), Inc(K("b"))));

        var error = Assert.Throws<InvalidOperationException>(() =>
            new SyncScheduler().Get(graph, [K("c")], new ComputeOptions { Optimize = false, Progress = sink }));

        Assert.Equal("progress sink broke", error.Message);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Start_NoSinks_IsNull()
    {
        Assert.Null(ProgressReporter.Start(null));
    }

    [Fact]
    public async Task Report_ProgressOfTSharedByTwoComputes_EachDeliveredInOrder()
    {
        var seen = new List<ComputeProgress>();
        var progress = new Progress<ComputeProgress>(p =>
        {
            lock (seen)
            {
                seen.Add(p);
            }
        });
        var first = ProgressReporter.Start(progress)!;
        var second = ProgressReporter.Start(progress)!;

        for (var i = 1; i <= 200; i++)
        {
            first.Report(new ComputeProgress(i, 200, 1));
            second.Report(new ComputeProgress(i, 200, 2));
        }

        await first.FinishAsync();
        await second.FinishAsync();

        lock (seen)
        {
            Assert.Equal(Enumerable.Range(1, 200), seen.Where(p => p.InMemory == 1).Select(p => p.Done));
            Assert.Equal(Enumerable.Range(1, 200), seen.Where(p => p.InMemory == 2).Select(p => p.Done));
        }
    }

    private sealed class Recorder(Action<ComputeProgress> report) : IProgress<ComputeProgress>
    {
        public void Report(ComputeProgress value) => report(value);
    }
}
