namespace MiniDask.Worker;

/// <summary>
/// The worker's task threads: a fixed set of background threads running queued work, so a task
/// that blocks holds one of them and never starves the thread pool that carries the comms. An idle
/// thread blocks at once rather than spinning: a worker shares its machine with others, and
/// spinning takes their CPU.
/// </summary>
internal sealed class TaskExecutor : IDisposable
{
    private readonly Queue<Action> work = new();
    private bool completed;

    public TaskExecutor(int threads, string name)
    {
        for (var i = 0; i < threads; i++)
        {
            new Thread(Run) { IsBackground = true, Name = $"{name} task thread {i}" }.Start();
        }
    }

    public void Post(Action action)
    {
        lock (work)
        {
            if (completed)
            {
                throw new InvalidOperationException("The worker's task threads have stopped.");
            }

            work.Enqueue(action);
            Monitor.Pulse(work);
        }
    }

    public void Dispose()
    {
        lock (work)
        {
            completed = true;
            Monitor.PulseAll(work);
        }
    }

    private void Run()
    {
        while (Next() is { } action)
        {
            action();
        }
    }

    /// <summary>The next action to run, or null once stopped and drained.</summary>
    private Action? Next()
    {
        lock (work)
        {
            while (work.Count == 0 && !completed)
            {
                Monitor.Wait(work);
            }

            return work.TryDequeue(out var action) ? action : null;
        }
    }
}
