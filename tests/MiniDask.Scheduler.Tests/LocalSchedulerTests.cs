using MiniDask.Graph;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests;

public sealed class LocalSchedulerTests : SchedulerConformanceTests
{
    protected override IScheduler CreateScheduler() => new LocalScheduler(threads: 4);

    [Fact]
    public void Constructor_ZeroThreads_ThrowsNamingTheCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LocalScheduler(0));

        Assert.Equal("threads", error.ParamName);
    }

    [Fact]
    public void Get_ManyIndependentTasks_UsesSeveralThreads()
    {
        var tasks = new Dictionary<Key, DaskTask>();
        for (var i = 0; i < 2000; i++)
        {
            tasks[new Key("tid", i)] = T(ThreadId);
        }

        var keys = tasks.Keys.ToList();
        var threads = new LocalScheduler(threads: 4).Get(TaskGraph.FromTasks(tasks), keys).Distinct().Count();

        Assert.InRange(threads, 1, 4);
    }

    [Fact]
    public void Default_WithoutSetting_IsTheLocalScheduler()
    {
        Assert.IsType<LocalScheduler>(Schedulers.Default);
    }
}

public sealed class SingleThreadLocalSchedulerTests : SchedulerConformanceTests
{
    protected override IScheduler CreateScheduler() => new LocalScheduler(threads: 1);
}

public sealed class SyncSchedulerConformanceTests : SchedulerConformanceTests
{
    protected override IScheduler CreateScheduler() => new SyncScheduler();
}
