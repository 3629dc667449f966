using DaskWorker = MiniDask.Scheduler.Distributed.Worker;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Functions the futures-pattern cluster tests submit: they run in worker processes, loaded by name from this assembly.</summary>
internal static class FuturesOps
{
    /// <summary>Waits until the gate in <paramref name="directory"/> is released, then returns <paramref name="id"/>.</summary>
    public static int Gated(string directory, int id)
    {
        new FileGate(directory).Enter();
        return id;
    }

    /// <summary>Appends a line to <paramref name="path"/> and fails while the file has at most <paramref name="failures"/> lines; returns the attempt number.</summary>
    public static int FailTimesThenCount(string path, int failures)
    {
        File.AppendAllText(path, "attempt\n");
        var attempt = File.ReadAllLines(path).Length;
        return attempt <= failures ? throw new IOException($"attempt {attempt} fails on purpose") : attempt;
    }

    /// <summary>The address of the worker running the calling task.</summary>
    public static string WhereAmI(int id) => DaskWorker.Current.WorkerAddress;

    /// <summary>Element <paramref name="index"/> of <paramref name="data"/> with the address of the worker that read it.</summary>
    public static string ReadAt(double[] data, int index) => $"{data[index]}@{DaskWorker.Current.WorkerAddress}";

    /// <summary>The square of <paramref name="x"/>.</summary>
    public static long Square(long x) => x * x;

    /// <summary>
    /// Submits <c>Square(i)</c> for <c>i &lt; n</c> from inside a task and waits for them, seceded from the
    /// worker's thread pool meanwhile: on a one-thread cluster the children can run only because of it.
    /// </summary>
    public static long SumOfSquaresFromTask(long n)
    {
        var client = DaskWorker.GetClient();
        var futures = new List<MiniDask.Scheduler.Distributed.Future<long>>();
        for (var i = 0L; i < n; i++)
        {
            futures.Add(client.SubmitAsync<long, long>(Square, i).GetAwaiter().GetResult());
        }

        DaskWorker.Secede();
        var total = futures.Sum(f => f.Result(TimeSpan.FromSeconds(60)));
        DaskWorker.Rejoin();
        foreach (var future in futures)
        {
            future.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return total;
    }

    /// <summary>Writes <paramref name="path"/> once the gate in <paramref name="directory"/> is released.</summary>
    public static int WriteAfterGate(string directory, string path)
    {
        new FileGate(directory).Enter();
        File.WriteAllText(path, "ran");
        return 1;
    }

    /// <summary>
    /// 2^<paramref name="depth"/> leaves summed by a tree of tasks, each submitting its two subtrees
    /// and waiting for them seceded: every level holds a task that waits, so on a one-thread worker
    /// the tree finishes only if the scheduler stops counting seceded tasks against the worker's slots.
    /// </summary>
    public static long LeavesOfTree(int depth)
    {
        if (depth == 0)
        {
            return 1;
        }

        var client = DaskWorker.GetClient();
        var left = client.SubmitAsync<int, long>(LeavesOfTree, depth - 1).GetAwaiter().GetResult();
        var right = client.SubmitAsync<int, long>(LeavesOfTree, depth - 1).GetAwaiter().GetResult();
        DaskWorker.Secede();
        var sum = left.Result(TimeSpan.FromSeconds(120)) + right.Result(TimeSpan.FromSeconds(120));
        DaskWorker.Rejoin();
        left.DisposeAsync().AsTask().GetAwaiter().GetResult();
        right.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return sum;
    }

    /// <summary>Secedes, then waits until the gate in <paramref name="directory"/> is released, and rejoins.</summary>
    public static int SecedeUntilGate(string directory)
    {
        DaskWorker.Secede();
        new FileGate(directory).Enter();
        DaskWorker.Rejoin();
        return 1;
    }
}
