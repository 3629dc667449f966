using MiniDask.Graph;

namespace MiniDask.Scheduler.Diagnostics;

/// <summary>What watches the local scheduler's tasks (Dask's scheduler callbacks): profilers and the local dashboard.</summary>
internal interface ILocalTaskObserver
{
    /// <summary>A compute begins with the prepared <paramref name="graph"/>.</summary>
    void RunStarted(TaskGraph graph);

    /// <summary>A task is about to run on thread <paramref name="thread"/>.</summary>
    void TaskStarted(Key key, int thread);

    /// <summary>A task ran from <paramref name="start"/> to <paramref name="stop"/> (Unix seconds) and succeeded or failed.</summary>
    void TaskFinished(Key key, string op, int thread, double start, double stop, bool failed);
}

/// <summary>The observers active in this process, as Dask's global callbacks: every local compute reports to each of them.</summary>
internal static class LocalTaskObservers
{
    private static readonly object Gate = new();
    private static ILocalTaskObserver[] active = [];

    /// <summary>The observers now.</summary>
    public static ILocalTaskObserver[] Current => Volatile.Read(ref active);

    public static void Add(ILocalTaskObserver observer)
    {
        lock (Gate)
        {
            Volatile.Write(ref active, [.. active, observer]);
        }
    }

    public static void Remove(ILocalTaskObserver observer)
    {
        lock (Gate)
        {
            Volatile.Write(ref active, [.. active.Where(o => !ReferenceEquals(o, observer))]);
        }
    }
}
