namespace MiniDask.Worker;

/// <summary>
/// The worker's task threads: background threads running queued work, so a task that blocks holds
/// one of them and never starves the thread pool that carries the comms. At most as many run at
/// once as the worker has threads (its slots); a task that secedes gives its slot back and a thread
/// takes its place, and rejoining waits for a free slot again (Dask's <c>secede</c>/<c>rejoin</c>).
/// An idle thread blocks at once rather than spinning: a worker shares its machine with others,
/// and spinning takes their CPU.
/// </summary>
internal sealed class TaskExecutor : IDisposable
{
    [ThreadStatic]
    private static bool holdsSlot;

    [ThreadStatic]
    private static bool seceded;

    private readonly Queue<Action> work = new();
    private readonly string name;
    private int freeSlots;
    private int idle;
    private int threads;
    private bool completed;

    public TaskExecutor(int threads, string name)
    {
        this.name = name;
        freeSlots = threads;
        lock (work)
        {
            for (var i = 0; i < threads; i++)
            {
                StartThread();
            }
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
            Monitor.PulseAll(work);
        }
    }

    /// <summary>Gives the calling task thread's slot back, starting another thread when none is idle; false when the caller held none.</summary>
    public bool Secede()
    {
        lock (work)
        {
            if (!holdsSlot)
            {
                return false;
            }

            holdsSlot = false;
            seceded = true;
            freeSlots++;
            if (idle == 0 && !completed)
            {
                StartThread();
            }

            Monitor.PulseAll(work);
            return true;
        }
    }

    /// <summary>Waits for a free slot and takes it for the calling thread, which seceded before; does nothing on any other thread.</summary>
    public void Rejoin()
    {
        lock (work)
        {
            if (holdsSlot || !seceded)
            {
                return;
            }

            seceded = false;
            while (freeSlots == 0 && !completed)
            {
                Monitor.Wait(work);
            }

            freeSlots--;
            holdsSlot = true;
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

    private void StartThread()
    {
        new Thread(Run) { IsBackground = true, Name = $"{name} task thread {threads++}" }.Start();
    }

    private void Run()
    {
        while (Next() is { } action)
        {
            try
            {
                action();
            }
            finally
            {
                lock (work)
                {
                    seceded = false;
                    if (holdsSlot)
                    {
                        holdsSlot = false;
                        freeSlots++;
                        Monitor.PulseAll(work);
                    }
                }
            }
        }
    }

    /// <summary>The next action to run once a slot is free, or null once stopped and drained.</summary>
    private Action? Next()
    {
        lock (work)
        {
            while ((work.Count == 0 || freeSlots == 0) && !completed)
            {
                idle++;
                Monitor.Wait(work);
                idle--;
            }

            if (!work.TryDequeue(out var action))
            {
                return null;
            }

            freeSlots--;
            holdsSlot = true;
            return action;
        }
    }
}
