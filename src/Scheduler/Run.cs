using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Protocol;
using MiniDask.Scheduler.Diagnostics;

namespace MiniDask.Scheduler;

/// <summary>
/// One compute on the local scheduler: the scheduling loop shared by its threads. All scheduling
/// state is guarded by one lock, taken once per task for counter updates and queue operations;
/// tasks execute outside it, and so does giving up released results (recycling their memory, and
/// with a device freeing its copy). With a device, every task of the run executes on it, and
/// the outputs are converted to host values at the end.
/// </summary>
internal sealed class Run
{
    private readonly ExecutionPlan plan;
    private readonly ProgressReporter? progress;
    private readonly IExecutionDevice? device;
    private readonly CancellationToken cancellationToken;
    private readonly ILocalTaskObserver[] observers;
    private readonly object gate = new();
    private readonly object?[] results;
    private readonly int[] waitingOn;
    private readonly int[] heldFor;
    private readonly bool[] wanted;
    private readonly ReadyQueue ready;
    private int done;
    private int inMemory;
    private int idle;
    private Exception? failure;

    public Run(ExecutionPlan plan, ProgressReporter? progress, IExecutionDevice? device, CancellationToken cancellationToken, ILocalTaskObserver[]? observers = null)
    {
        this.plan = plan;
        this.observers = observers ?? [];
        this.progress = progress;
        this.device = device;
        this.cancellationToken = cancellationToken;
        var n = plan.Count;
        results = new object?[n];
        ready = new ReadyQueue(plan.Priority);
        waitingOn = new int[n];
        heldFor = new int[n];
        wanted = new bool[n];
        foreach (var o in plan.Outputs)
        {
            wanted[o] = true;
        }

        for (var i = 0; i < n; i++)
        {
            waitingOn[i] = plan.Graph.DependenciesAt(i).Length;
            heldFor[i] = plan.Graph.DependentsAt(i).Length;
            if (waitingOn[i] == 0)
            {
                ready.Enqueue(i);
            }
        }
    }

    /// <summary>Runs every task on <paramref name="threads"/> threads (the caller's included) and returns the outputs.</summary>
    public object?[] Execute(int threads)
    {
        var helpers = new Thread[Math.Min(threads, Math.Max(plan.Count, 1)) - 1];
        using (cancellationToken.Register(static s => ((Run)s!).Cancel(), this))
        {
            foreach (var observer in observers)
            {
                observer.RunStarted(plan.Graph);
            }

            for (var i = 0; i < helpers.Length; i++)
            {
                var lane = i + 1;
                helpers[i] = new Thread(() => Loop(lane)) { IsBackground = true, Name = $"minidask-local-{lane}" };
                helpers[i].Start();
            }

            Loop(0);
            foreach (var t in helpers)
            {
                t.Join();
            }
        }

        try
        {
            // Every report is delivered before the compute returns (or throws); a task's failure
            // outranks a progress sink's.
            try
            {
                progress?.Finish();
            }
            catch (Exception) when (failure is not null)
            {
            }

            if (failure is not null)
            {
                if (failure is OperationCanceledException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                throw failure;
            }

            var outputs = new object?[plan.Outputs.Length];
            for (var i = 0; i < outputs.Length; i++)
            {
                var value = results[plan.Outputs[i]];
                outputs[i] = device is null ? value : device.ToHost(value);
                ValueRecycling.Escaped(outputs[i]);
            }

            return outputs;
        }
        finally
        {
            ReleaseAll();
        }
    }

    /// <summary>Gives every result still held back to the device: the outputs once converted, everything after a failure.</summary>
    private void ReleaseAll()
    {
        if (device is null)
        {
            return;
        }

        for (var i = 0; i < results.Length; i++)
        {
            if (results[i] is { } value)
            {
                results[i] = null;
                device.Release(value);
            }
        }
    }

    private void Cancel()
    {
        lock (gate)
        {
            failure ??= new OperationCanceledException(cancellationToken);
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Runs tasks until none is left; <paramref name="lane"/> numbers this thread for the task stream.</summary>
    private void Loop(int lane)
    {
        var released = new List<object?>();
        var total = plan.Count;
        int next;
        lock (gate)
        {
            if (!TryTake(out next, wait: true))
            {
                return;
            }
        }

        while (true)
        {
            object? value;
            var started = observers.Length > 0 ? ObserveStart(next, lane) : 0;
            try
            {
                value = TaskRunner.Run(plan.Graph.TaskAt(next), new Lookup(plan.Graph, results, next), device);
                Observe(next, lane, started, failed: false);
            }
            catch (Exception e)
            {
                Observe(next, lane, started, failed: true);
                lock (gate)
                {
                    failure ??= TaskFailedException.For(plan.Graph.KeyAt(next), plan.Graph.TaskAt(next), e);
                    Monitor.PulseAll(gate);
                }

                return;
            }

            bool more;
            lock (gate)
            {
                Finish(next, value, released);

                // Queued under the lock, so reports are in the order tasks finished; delivered outside it.
                progress?.Enqueue(new ComputeProgress(done, total, inMemory));
                more = TryTake(out next, wait: false);
            }

            // Released results are given up outside the lock (their memory recycled, device memory
            // freed), and before this thread waits for more work.
            foreach (var dropped in released)
            {
                device?.Release(dropped);
                ValueRecycling.Released(dropped);
            }

            released.Clear();
            if (!more)
            {
                lock (gate)
                {
                    more = TryTake(out next, wait: true);
                }
            }

            progress?.Deliver();
            if (!more)
            {
                return;
            }
        }
    }

    private double ObserveStart(int task, int lane)
    {
        foreach (var observer in observers)
        {
            observer.TaskStarted(plan.Graph.KeyAt(task), lane);
        }

        return UnixTime.Now;
    }

    private void Observe(int task, int lane, double started, bool failed)
    {
        if (observers.Length == 0)
        {
            return;
        }

        var stopped = UnixTime.Now;
        foreach (var observer in observers)
        {
            observer.TaskFinished(plan.Graph.KeyAt(task), plan.Graph.TaskAt(task).Op, lane, started, stopped, failed);
        }
    }

    /// <summary>
    /// Records a result, readies its dependents and collects in <paramref name="released"/> the
    /// values no one needs any more (the result itself when nothing reads it, and inputs whose last
    /// reader this was), for the caller to give up once it has left the lock. Caller holds the lock.
    /// </summary>
    private void Finish(int task, object? value, List<object?> released)
    {
        done++;
        if (heldFor[task] > 0 || wanted[task])
        {
            results[task] = value;
            inMemory++;
        }
        else
        {
            released.Add(value);
        }

        var newlyReady = 0;
        foreach (var d in plan.Graph.DependentsAt(task))
        {
            if (--waitingOn[d] == 0)
            {
                ready.Enqueue(d);
                newlyReady++;
            }
        }

        foreach (var dep in plan.Graph.DependenciesAt(task))
        {
            if (--heldFor[dep] == 0 && !wanted[dep])
            {
                released.Add(results[dep]);
                results[dep] = null;
                inMemory--;
            }
        }

        if (done == plan.Count)
        {
            Monitor.PulseAll(gate);
        }
        else if (newlyReady > 1 && idle > 0)
        {
            // This thread takes one of the new tasks itself; wake others for the rest.
            for (var i = 1; i < newlyReady && i <= idle; i++)
            {
                Monitor.Pulse(gate);
            }
        }
    }

    /// <summary>
    /// Takes the highest-priority ready task; with <paramref name="wait"/>, waits for one while
    /// others are still running. Caller holds the lock.
    /// </summary>
    private bool TryTake(out int task, bool wait)
    {
        while (true)
        {
            if (failure is not null || done == plan.Count)
            {
                task = -1;
                return false;
            }

            if (ready.TryDequeue(out task))
            {
                return true;
            }

            if (!wait)
            {
                return false;
            }

            idle++;
            Monitor.Wait(gate);
            idle--;
        }
    }

    /// <summary>The results a task reads: found among its own dependencies' positions, which are few, before any lookup by key.</summary>
    private readonly struct Lookup(TaskGraph graph, object?[] results, int task) : IResultLookup
    {
        public object? Get(Key key)
        {
            foreach (var dep in graph.DependenciesAt(task))
            {
                if (graph.KeyAt(dep).Equals(key))
                {
                    return results[dep];
                }
            }

            return results[graph.PositionOf(key)];
        }
    }
}
