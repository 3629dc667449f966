using MiniDask.Graph;

namespace MiniDask.Dashboard.Tests;

/// <summary>Ops for dashboard tests: tasks that take a while and hold some memory, so a computation can be watched while it runs.</summary>
internal static class DashboardTestOps
{
    public const string Load = "test.dashboard.load";
    public const string Inc = "test.dashboard.inc";
    public const string Total = "test.dashboard.total";

    static DashboardTestOps()
    {
        // (milliseconds, value): sleeps, then returns a block of 100,000 longs starting with value.
        OpRegistry.Register(Load, a =>
        {
            Thread.Sleep((int)a[0]!);
            var block = new long[100_000];
            block[0] = (long)a[1]!;
            return block;
        });
        OpRegistry.Register(Inc, a =>
        {
            Thread.Sleep((int)a[0]!);
            var block = (long[])((long[])a[1]!).Clone();
            block[0]++;
            return block;
        });
        OpRegistry.Register(Total, a => ((object?[])a[0]!).Sum(b => ((long[])b!)[0]));
    }

    public static void EnsureRegistered()
    {
    }

    /// <summary>
    /// <paramref name="n"/> loads of <paramref name="milliseconds"/> each, an increment of each, and a total:
    /// names <c>load-{tag}</c>, <c>inc-{tag}</c> and <c>total-{tag}</c>; the total is (0 + 1) + ... + (n - 1 + 1).
    /// </summary>
    public static (TaskGraph Graph, Key Total) Graph(string tag, int n, int milliseconds)
    {
        EnsureRegistered();
        var tasks = new Dictionary<Key, DaskTask>();
        var incs = new List<TaskArg>();
        for (var i = 0; i < n; i++)
        {
            var load = new Key($"load-{tag}", i);
            var inc = new Key($"inc-{tag}", i);
            tasks[load] = new DaskTask(Load, [TaskArg.Literal(milliseconds), TaskArg.Literal((long)i)]);
            tasks[inc] = new DaskTask(Inc, [TaskArg.Literal(milliseconds), TaskArg.Ref(load)]);
            incs.Add(TaskArg.Ref(inc));
        }

        var total = new Key($"total-{tag}");
        tasks[total] = new DaskTask(Total, [TaskArg.List([.. incs])]);
        return (TaskGraph.FromTasks(tasks), total);
    }

    /// <summary>What <see cref="Graph"/>'s total computes to.</summary>
    public static long Expected(int n) => (long)n * (n + 1) / 2;
}

/// <summary>The hook a worker process calls after preloading this assembly.</summary>
internal static class MiniDaskOps
{
    public static void Register() => DashboardTestOps.EnsureRegistered();
}
