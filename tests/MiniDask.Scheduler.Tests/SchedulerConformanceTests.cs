using MiniDask.Graph;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests;

/// <summary>
/// What every scheduler must do, written once (Dask's GetFunctionTestMixin). Each scheduler's
/// test class inherits this and supplies the scheduler.
/// </summary>
public abstract class SchedulerConformanceTests
{
    protected SchedulerConformanceTests() => EnsureRegistered();

    protected abstract IScheduler CreateScheduler();

    /// <summary>
    /// The most results the 400-leaf tree reduction may hold at once. Sequentially the tree holds at most
    /// (splitEvery - 1) results per level; threads that are preempted mid-task leave a few more groups open.
    /// </summary>
    protected virtual int MaxResultsHeldByTree => 64;

    [Fact]
    public void Get_SingleTask_ReturnsItsResult()
    {
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [new Key("x")] = T(Const, L(41L)) });

        var result = CreateScheduler().Get(graph, [new Key("x")]);

        Assert.Equal([41L], result);
    }

    [Fact]
    public void Get_Chain_PassesResultsAlong()
    {
        var graph = Chain(length: 50);

        var result = CreateScheduler().Get(graph, [new Key("c", 49)]);

        Assert.Equal(50L, result[0]);
    }

    [Fact]
    public void Get_SeveralKeys_ReturnsThemInRequestOrder()
    {
        var graph = Chain(length: 10);

        var result = CreateScheduler().Get(graph, [new Key("c", 9), new Key("c", 0), new Key("c", 4)]);

        Assert.Equal([10L, 1L, 5L], result);
    }

    [Fact]
    public void Get_Diamond_RunsSharedDependencyOnce()
    {
        var tasks = new Dictionary<Key, DaskTask>
        {
            [new Key("a")] = T(Const, L(1L)),
            [new Key("b")] = T(Inc, new Key("a")),
            [new Key("c")] = T(Inc, new Key("a")),
            [new Key("d")] = T(Add, new Key("b"), new Key("c")),
        };

        var result = CreateScheduler().Get(TaskGraph.FromTasks(tasks), [new Key("d")]);

        Assert.Equal(4L, result[0]);
    }

    [Fact]
    public void Get_TreeReductionOverManyLeaves_MatchesSequentialSum()
    {
        var graph = TreeSum("leaf", leaves: 1000, splitEvery: 4, out var root, probe: null);

        var result = CreateScheduler().Get(graph, [root]);

        Assert.Equal(Enumerable.Range(0, 1000).Sum(i => (long)i), result[0]);
    }

    [Fact]
    public void Get_TreeReduction_HoldsOnlyAFewBlocksAtOnce()
    {
        var id = Guid.NewGuid().ToString("N");
        var probe = new LiveBlockProbe(checkEvery: 8);
        Probes[id] = probe;
        var graph = TreeSum(id, leaves: 400, splitEvery: 4, out var root, probe: id);
        var peakInMemory = 0;
        var progress = new SynchronousProgress(p => peakInMemory = Math.Max(peakInMemory, p.InMemory));

        var result = CreateScheduler().Get(graph, [root], new ComputeOptions { Progress = progress });

        Assert.Equal(Enumerable.Range(0, 400).Sum(i => (long)i), result[0]);
        Assert.True(probe.PeakAlive <= 32, $"peak live blocks {probe.PeakAlive}, expected a few (<= 32) of 400");
        Assert.True(peakInMemory <= MaxResultsHeldByTree, $"peak results held {peakInMemory}, expected a few (<= {MaxResultsHeldByTree}) of 533");
        Assert.True(peakInMemory > 0);
    }

    [Fact]
    public void Get_FailingTask_ThrowsTaskFailedExceptionNamingKeyAndOp()
    {
        var tasks = new Dictionary<Key, DaskTask>
        {
            [new Key("ok", 0)] = T(Const, L(1L)),
            [new Key("bad", 3)] = T(Fail, L("boom in block 3")),
            [new Key("sum")] = T(Add, new Key("ok", 0), new Key("bad", 3)),
        };

        var error = Assert.Throws<TaskFailedException>(() => CreateScheduler().Get(TaskGraph.FromTasks(tasks), [new Key("sum")]));

        Assert.Equal(new Key("bad", 3), error.Key);
        Assert.Equal(Fail, error.Op);
        Assert.Contains("('bad', 3)", error.Message);
        Assert.Contains(Fail, error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("boom in block 3", error.InnerException!.Message);
    }

    [Fact]
    public void Get_FailingTask_StopsTheRunBeforeLaterTasks()
    {
        var tasks = new Dictionary<Key, DaskTask> { [new Key("bad")] = T(Fail, L("first")) };
        var previous = new Key("bad");
        for (var i = 0; i < 100; i++)
        {
            var k = new Key("after", i);
            tasks[k] = T(Inc, previous);
            previous = k;
        }

        var error = Assert.Throws<TaskFailedException>(() => CreateScheduler().Get(TaskGraph.FromTasks(tasks), [previous], new ComputeOptions { Optimize = false }));

        Assert.Equal(new Key("bad"), error.Key);
    }

    [Fact]
    public void Get_MissingDependency_ThrowsNamingTheKeys()
    {
        var tasks = new Dictionary<Key, DaskTask> { [new Key("y")] = T(Inc, new Key("nowhere", 2)) };

        var error = Assert.Throws<GraphValidationException>(() => CreateScheduler().Get(TaskGraph.FromTasks(tasks), [new Key("y")]));

        Assert.Contains("('nowhere', 2)", error.Message);
        Assert.Contains("'y'", error.Message);
    }

    [Fact]
    public void Get_Cycle_ThrowsNamingTheKeys()
    {
        var tasks = new Dictionary<Key, DaskTask>
        {
            [new Key("a")] = T(Inc, new Key("b")),
            [new Key("b")] = T(Inc, new Key("a")),
        };

        var error = Assert.Throws<GraphValidationException>(() => CreateScheduler().Get(TaskGraph.FromTasks(tasks), [new Key("a")]));

        Assert.Contains("cycle", error.Message);
        Assert.Contains("'a'", error.Message);
        Assert.Contains("'b'", error.Message);
    }

    [Fact]
    public void Get_UnknownOp_ThrowsTaskFailedExceptionWithUnknownOp()
    {
        var tasks = new Dictionary<Key, DaskTask> { [new Key("z")] = T("test.sched.not-registered") };

        var error = Assert.Throws<TaskFailedException>(() => CreateScheduler().Get(TaskGraph.FromTasks(tasks), [new Key("z")]));

        Assert.IsType<UnknownOpException>(error.InnerException);
        Assert.Contains("test.sched.not-registered", error.Message);
    }

    [Fact]
    public async Task GetAsync_CancelledMidRun_ThrowsOperationCanceled()
    {
        var gate = FileGate.Create();
        var tasks = new Dictionary<Key, DaskTask> { [new Key("gate")] = T(Gate, L(gate.Directory)) };
        var previous = new Key("gate");
        for (var i = 0; i < 20; i++)
        {
            var k = new Key("after", i);
            tasks[k] = T(Inc, previous);
            previous = k;
        }

        using var cts = new CancellationTokenSource();
        var run = CreateScheduler().GetAsync(TaskGraph.FromTasks(tasks), [previous], new ComputeOptions { Optimize = false }, cts.Token);
        Assert.True(gate.WaitEntered(TimeSpan.FromSeconds(30)), "the gate task never started");
        cts.Cancel();
        gate.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(gate.WaitLeft(TimeSpan.FromSeconds(30)), "the gate task never left");
        Directory.Delete(gate.Directory, recursive: true);
    }

    [Fact]
    public void Get_AlreadyCancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => CreateScheduler().Get(Chain(3), [new Key("c", 2)], cancellationToken: cts.Token));
    }

    [Fact]
    public void Get_WithProgress_ReportsEveryTaskUpToTotal()
    {
        var reports = new List<ComputeProgress>();
        var progress = new SynchronousProgress(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });
        var graph = TreeSum("p", leaves: 64, splitEvery: 4, out var root, probe: null);

        CreateScheduler().Get(graph, [root], new ComputeOptions { Progress = progress, Optimize = false });

        Assert.Equal(graph.Count, reports.Count);
        Assert.All(reports, r => Assert.Equal(graph.Count, r.Total));
        Assert.Equal(graph.Count, reports.Max(r => r.Done));
    }

    [Fact]
    public void Get_WithPlainProgress_DeliversReportsInOrderOneAtATime()
    {
        var reports = new List<ComputeProgress>();
        var inside = 0;
        var overlapped = false;
        var progress = new SynchronousProgress(p =>
        {
            overlapped |= Interlocked.Increment(ref inside) > 1;
            reports.Add(p);
            Interlocked.Decrement(ref inside);
        });
        var graph = TreeSum("o", leaves: 256, splitEvery: 4, out var root, probe: null);

        CreateScheduler().Get(graph, [root], new ComputeOptions { Progress = progress, Optimize = false });

        Assert.False(overlapped, "Two reports were delivered at once.");
        Assert.Equal(Enumerable.Range(1, graph.Count), reports.Select(r => r.Done));
    }

    [Fact]
    public void Get_WithProgressOfT_DeliversEveryReportInOrderBeforeReturning()
    {
        // Progress<T> posts each report to the thread pool, where posts run in any order and
        // possibly after the compute returned; the scheduler must deliver them in order, all before it returns.
        var reports = new List<int>();
        var progress = new Progress<ComputeProgress>(p =>
        {
            lock (reports)
            {
                reports.Add(p.Done);
            }
        });
        var graph = TreeSum("q", leaves: 256, splitEvery: 4, out var root, probe: null);

        CreateScheduler().Get(graph, [root], new ComputeOptions { Progress = progress, Optimize = false });

        lock (reports)
        {
            Assert.Equal(Enumerable.Range(1, graph.Count), reports);
        }
    }

    [Fact]
    public async Task GetAsync_WithProgressOfT_DeliversEveryReportInOrderBeforeReturning()
    {
        var reports = new List<int>();
        var progress = new Progress<ComputeProgress>(p =>
        {
            lock (reports)
            {
                reports.Add(p.Done);
            }
        });
        var graph = TreeSum("r", leaves: 64, splitEvery: 4, out var root, probe: null);

        await CreateScheduler().GetAsync(graph, [root], new ComputeOptions { Progress = progress, Optimize = false });

        lock (reports)
        {
            Assert.Equal(Enumerable.Range(1, graph.Count), reports);
        }
    }

    [Fact]
    public void Get_InProgressBarScope_DrawsTheBarUpToHundredPercent()
    {
        var output = new StringWriter();
        var graph = TreeSum("b", leaves: 64, splitEvery: 4, out var root, probe: null);

        using (new ProgressBar(output))
        {
            CreateScheduler().Get(graph, [root], new ComputeOptions { Optimize = false });
        }

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.StartsWith("[####", lines[^1]);
        Assert.Contains("| 100% Completed |", lines[^1]);
        var percents = lines.Select(l => int.Parse(l[(l.IndexOf('|') + 1)..l.IndexOf('%')].Trim())).ToList();
        Assert.Equal(percents.Order(), percents);
    }

    [Fact]
    public void Get_UnneededTasks_AreNotRun()
    {
        var tasks = new Dictionary<Key, DaskTask>
        {
            [new Key("wanted")] = T(Const, L(5L)),
            [new Key("unused")] = T(Fail, L("should have been culled")),
        };

        var result = CreateScheduler().Get(TaskGraph.FromTasks(tasks), [new Key("wanted")]);

        Assert.Equal(5L, result[0]);
    }

    protected static TaskGraph Chain(int length)
    {
        var tasks = new Dictionary<Key, DaskTask> { [new Key("c", 0)] = T(Const, L(1L)) };
        for (var i = 1; i < length; i++)
        {
            tasks[new Key("c", i)] = T(Inc, new Key("c", i - 1));
        }

        return TaskGraph.FromTasks(tasks);
    }

    /// <summary>Leaves 0..n-1 (blocks when a probe id is given), summed in groups of splitEvery, level by level.</summary>
    protected static TaskGraph TreeSum(string name, int leaves, int splitEvery, out Key root, string? probe)
    {
        var tasks = new Dictionary<Key, DaskTask>();
        var level = new List<Key>();
        for (var i = 0; i < leaves; i++)
        {
            var k = new Key(name + "-leaf", i);
            tasks[k] = probe is null ? T(Const, L((long)i)) : T(Block, L(probe), L(i));
            level.Add(k);
        }

        for (var depth = 0; level.Count > 1; depth++)
        {
            var next = new List<Key>();
            for (var g = 0; g < level.Count; g += splitEvery)
            {
                var k = new Key($"{name}-combine-{depth}", g / splitEvery);
                tasks[k] = T(BlockSum, TaskArg.Refs(level.Skip(g).Take(splitEvery)));
                next.Add(k);
            }

            level = next;
        }

        root = level[0];
        return TaskGraph.FromTasks(tasks);
    }

    /// <summary>Reports on the scheduler's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    protected sealed class SynchronousProgress(Action<ComputeProgress> report) : IProgress<ComputeProgress>
    {
        public void Report(ComputeProgress value) => report(value);
    }
}
