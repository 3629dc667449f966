using MiniDask.Graph;
using MiniDask.Graph.Devices;

namespace MiniDask.Scheduler;

/// <summary>
/// One compute on the local scheduler: the scheduling loop shared by its threads. All scheduling
/// state is guarded by one lock, held only for counter updates and queue operations; tasks
/// execute outside it. With a device, it is current on every thread of the run, released results
/// are given up to it (outside the lock), and the outputs are converted to host values at the end.
/// </summary>
internal sealed class Run
{
    private readonly ExecutionPlan plan;
    private readonly ProgressReporter? progress;
    private readonly IExecutionDevice? device;
    private readonly CancellationToken cancellationToken;
    private readonly object gate = new();
    private readonly object?[] results;
    private readonly int[] waitingOn;
    private readonly int[] heldFor;
    private readonly bool[] wanted;
    private readonly PriorityQueue<int, int> ready = new();
    private int done;
    private int inMemory;
    private int idle;
    private Exception? failure;

    public Run(ExecutionPlan plan, ProgressReporter? progress, IExecutionDevice? device, CancellationToken cancellationToken)
    {
        this.plan = plan;
        this.progress = progress;
        this.device = device;
        this.cancellationToken = cancellationToken;
        var n = plan.Count;
        results = new object?[n];
        waitingOn = new int[n];
        heldFor = new int[n];
        wanted = new bool[n];
        foreach (var o in plan.Outputs)
        {
            wanted[o] = true;
        }

        for (var i = 0; i < n; i++)
        {
            waitingOn[i] = plan.Dependencies[i].Length;
            heldFor[i] = plan.Dependents[i].Length;
            if (waitingOn[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }
    }

    /// <summary>Runs every task on <paramref name="threads"/> threads (the caller's included) and returns the outputs.</summary>
    public object?[] Execute(int threads)
    {
        var helpers = new Thread[Math.Min(threads, Math.Max(plan.Count, 1)) - 1];
        using (cancellationToken.Register(static s => ((Run)s!).Cancel(), this))
        {
            for (var i = 0; i < helpers.Length; i++)
            {
                helpers[i] = new Thread(Loop) { IsBackground = true, Name = $"minidask-local-{i + 1}" };
                helpers[i].Start();
            }

            Loop();
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

    private void Loop()
    {
        var lookup = new Lookup(plan.IndexOf, results);
        var released = device is null ? null : new List<object?>();
        var total = plan.Count;
        int next;
        lock (gate)
        {
            if (!TryTake(out next))
            {
                return;
            }
        }

        while (true)
        {
            object? value;
            try
            {
                value = TaskRunner.Run(plan.Tasks[next], lookup, device);
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    failure ??= TaskFailedException.For(plan.Keys[next], plan.Tasks[next], e);
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
                more = released is { Count: > 0 } || TryTake(out next);
            }

            if (released is { Count: > 0 })
            {
                // Device memory is given back before this thread waits for more work.
                foreach (var dropped in released)
                {
                    device!.Release(dropped);
                }

                released.Clear();
                lock (gate)
                {
                    more = TryTake(out next);
                }
            }

            progress?.Deliver();
            if (!more)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Records a result, readies its dependents and releases inputs no one needs any more, adding
    /// the values dropped to <paramref name="released"/> when there is a device. Caller holds the lock.
    /// </summary>
    private void Finish(int task, object? value, List<object?>? released)
    {
        done++;
        if (heldFor[task] > 0 || wanted[task])
        {
            results[task] = value;
            inMemory++;
        }
        else
        {
            ValueRecycling.Released(value);
            released?.Add(value);
        }

        var newlyReady = 0;
        foreach (var d in plan.Dependents[task])
        {
            if (--waitingOn[d] == 0)
            {
                ready.Enqueue(d, d);
                newlyReady++;
            }
        }

        foreach (var dep in plan.Dependencies[task])
        {
            if (--heldFor[dep] == 0 && !wanted[dep])
            {
                ValueRecycling.Released(results[dep]);
                released?.Add(results[dep]);
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

    /// <summary>Takes the highest-priority ready task, waiting while others are still running. Caller holds the lock.</summary>
    private bool TryTake(out int task)
    {
        while (true)
        {
            if (failure is not null || done == plan.Count)
            {
                task = -1;
                return false;
            }

            if (ready.TryDequeue(out task, out _))
            {
                return true;
            }

            idle++;
            Monitor.Wait(gate);
            idle--;
        }
    }

    private readonly struct Lookup(Dictionary<Key, int> indexOf, object?[] results) : IResultLookup
    {
        public object? Get(Key key) => results[indexOf[key]];
    }
}
