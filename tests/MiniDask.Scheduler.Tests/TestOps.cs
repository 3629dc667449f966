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
    public const string Sleep = "test.sched.sleep";
    public const string KillProcess = "test.sched.kill-process";
    public const string Big = "test.sched.big";
    public const string Unsendable = "test.sched.unsendable";

    /// <summary>
    /// Live-block probes by id: every block made is tracked weakly; the peak alive count is recorded.
    /// A process that runs Block tasks without a probe registered (a worker process) makes its own.
    /// </summary>
    public static readonly ConcurrentDictionary<string, LiveBlockProbe> Probes = new();

    static TestOps()
    {
        OpRegistry.Register(Const, a => a[0]);
        OpRegistry.Register(Inc, a => (long)a[0]! + 1);
        OpRegistry.Register(Add, a => (long)a[0]! + (long)a[1]!);
        OpRegistry.Register(SumList, a => ((object?[])a[0]!).Sum(v => (long)v!));
        OpRegistry.Register(Fail, a => throw new InvalidOperationException((string)a[0]!));
        OpRegistry.Register(Gate, a => new FileGate((string)a[0]!).Enter());
        OpRegistry.Register(Block, a => Probes.GetOrAdd((string)a[0]!, _ => new LiveBlockProbe(checkEvery: 8)).Make((int)a[1]!));
        OpRegistry.Register(BlockSum, a => ((object?[])a[0]!).Sum(v => v is long[] b ? b[0] : (long)v!));
        OpRegistry.Register(ThreadId, a => (long)Environment.CurrentManagedThreadId);
        OpRegistry.Register(Sleep, a =>
        {
            Thread.Sleep((int)a[0]!);
            return a[1] is object?[] list ? list.Sum(v => (long)v!) : (long)a[1]!;
        });
        OpRegistry.Register(KillProcess, a =>
        {
            Environment.Exit(3);
            return 0L;
        });
        OpRegistry.Register(Unsendable, a => new Action(() => { }));
        OpRegistry.Register(Big, a =>
        {
            var block = new long[(int)a[0]!];
            block[0] = (int)a[1]!;
            return block;
        });
    }

    public static void EnsureRegistered()
    {
    }

    public static DaskTask T(string op, params TaskArg[] args) => new(op, args);

    public static TaskArg L(object? value) => TaskArg.Literal(value);
}

/// <summary>
/// A gate made of two files in a directory, so that a task in any process can signal that it
/// started and wait to be let go: Enter creates <c>entered</c>, waits for <c>release</c>, then creates <c>left</c>.
/// </summary>
internal sealed class FileGate(string directory)
{
    public static FileGate Create() => new(System.IO.Directory.CreateTempSubdirectory("minidask-gate-").FullName);

    public string Directory => directory;

    public long Enter()
    {
        File.WriteAllText(Path.Combine(directory, "entered"), "");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(directory, "release")) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(5);
        }

        File.WriteAllText(Path.Combine(directory, "left"), "");
        return 0L;
    }

    public bool WaitEntered(TimeSpan timeout) => WaitFor("entered", timeout);

    public bool WaitLeft(TimeSpan timeout) => WaitFor("left", timeout);

    private bool WaitFor(string file, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(directory, file)))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    public void Release() => File.WriteAllText(Path.Combine(directory, "release"), "");
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
