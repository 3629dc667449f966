using System.Collections.Concurrent;
using MiniDask.Graph;

namespace MiniDask.Scheduler.Tests;

/// <summary>Small ops for scheduler tests, registered once per process.</summary>
internal static class TestOps
{
    public const string Const = "test.sched.const";
    public const string Inc = "test.sched.inc";
    public const string Add = "test.sched.add";
    public const string SumList = "test.sched.sum-list";
    public const string Fail = "test.sched.fail";
    public const string Gate = "test.sched.gate";
    public const string Block = "test.sched.block";
    public const string BlockSum = "test.sched.block-sum";
    public const string ThreadId = "test.sched.thread-id";

    /// <summary>Gates by id: a Gate task signals Entered, then waits for Release.</summary>
    public static readonly ConcurrentDictionary<string, (ManualResetEventSlim Entered, ManualResetEventSlim Release)> Gates = new();

    /// <summary>Live-block probes by id: every block made is tracked weakly; the peak alive count is recorded.</summary>
    public static readonly ConcurrentDictionary<string, LiveBlockProbe> Probes = new();

    static TestOps()
    {
        OpRegistry.Register(Const, a => a[0]);
        OpRegistry.Register(Inc, a => (long)a[0]! + 1);
        OpRegistry.Register(Add, a => (long)a[0]! + (long)a[1]!);
        OpRegistry.Register(SumList, a => ((object?[])a[0]!).Sum(v => (long)v!));
        OpRegistry.Register(Fail, a => throw new InvalidOperationException((string)a[0]!));
        OpRegistry.Register(Gate, a =>
        {
            var (entered, release) = Gates[(string)a[0]!];
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0L;
        });
        OpRegistry.Register(Block, a => Probes[(string)a[0]!].Make((int)a[1]!));
        OpRegistry.Register(BlockSum, a => ((object?[])a[0]!).Sum(v => v is long[] b ? b[0] : (long)v!));
        OpRegistry.Register(ThreadId, a => (long)Environment.CurrentManagedThreadId);
    }

    public static void EnsureRegistered()
    {
    }

    public static DaskTask T(string op, params TaskArg[] args) => new(op, args);

    public static TaskArg L(object? value) => TaskArg.Literal(value);
}

/// <summary>
/// Counts how many blocks made by a graph are still reachable while it runs: each new block
/// triggers a full collection (every few blocks) and a count of the earlier blocks still alive,
/// which are exactly those the scheduler still holds.
/// </summary>
internal sealed class LiveBlockProbe(int checkEvery)
{
    private readonly List<WeakReference> made = [];
    private readonly object gate = new();

    public int PeakAlive { get; private set; }

    public long[] Make(int value)
    {
        var block = new long[1024];
        block[0] = value;
        lock (gate)
        {
            made.Add(new WeakReference(block));
            if (made.Count % checkEvery == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                PeakAlive = Math.Max(PeakAlive, made.Count(w => w.IsAlive));
            }
        }

        return block;
    }
}
