using static MiniDask.Scheduler.Distributed.SchedulerTaskState;

namespace MiniDask.Scheduler.Distributed;

/// <summary>The invariants that tie tasks, workers and clients together (Dask's <c>validate_state</c>).</summary>
public sealed partial class SchedulerState
{
    /// <summary>
    /// Checks every invariant; tests call it after each batch of stimuli. Between stimuli the state is
    /// always consistent, so a failure is a bug in a transition.
    /// </summary>
    /// <exception cref="SchedulerInvariantException">An invariant does not hold; the message names the key or worker.</exception>
    public void Validate()
    {
        foreach (var (key, ts) in tasks)
        {
            Check(ts.Key == key, $"task {key} is stored under key {ts.Key}");
            ValidateTask(ts);
        }

        foreach (var (address, ws) in workers)
        {
            Check(ws.Address == address, $"worker {address} is stored under address {ws.Address}");
            ValidateWorker(ws);
        }

        foreach (var (id, client) in clients)
        {
            foreach (var ts in client.WantsWhatSet)
            {
                Check(tasks.ContainsKey(ts.Key) && ts.WhoWantsSet.Contains(client), $"client {id} wants {ts.Key}, which does not list it in who_wants");
            }
        }

        foreach (var ts in queued)
        {
            Check(ts.State == Queued, $"task {ts.Key} is in the queue but {ts.State}");
        }

        foreach (var ts in unrunnable)
        {
            Check(ts.State == NoWorker, $"task {ts.Key} is in the no-worker set but {ts.State}");
        }

        foreach (var (key, steal) in steals)
        {
            Check(steal.Task.State == Processing && steal.Task.ProcessingOn == steal.Victim,
                $"steal of {key} from {steal.Victim.Address} is in flight but the task is {steal.Task.State} on {steal.Task.ProcessingOn?.Address ?? "no worker"}");
        }
    }

    private void ValidateTask(SchedulerTask ts)
    {
        var k = ts.Key;
        Check(ts.State != Forgotten, $"task {k} is forgotten but still known");
        foreach (var dep in ts.DependencySet)
        {
            Check(tasks.TryGetValue(dep.Key, out var known) && known == dep, $"task {k} depends on {dep.Key}, which is not known");
            Check(dep.DependentSet.Contains(ts), $"task {k} depends on {dep.Key}, which does not list it as a dependent");
        }

        foreach (var dependent in ts.DependentSet)
        {
            Check(dependent.DependencySet.Contains(ts), $"task {k} lists {dependent.Key} as a dependent, which does not depend on it");
        }

        foreach (var waiter in ts.WaiterSet)
        {
            Check(ts.DependentSet.Contains(waiter) && waiter.State is Waiting or Queued or NoWorker or Processing,
                $"task {k} has waiter {waiter.Key}, which is {waiter.State} or not a dependent");
        }

        var pending = ts.State is Waiting or Queued or NoWorker or Processing;
        foreach (var dep in ts.DependencySet)
        {
            Check(dep.WaiterSet.Contains(ts) == pending, $"task {k} ({ts.State}) {(pending ? "is missing from" : "is still in")} the waiters of {dep.Key}");
        }

        var notInMemory = ts.DependencySet.Where(d => d.State != Memory).ToHashSet();
        if (ts.State == Waiting)
        {
            Check(ts.WaitingOnSet.SetEquals(notInMemory) && ts.WaitingOnSet.Count > 0,
                $"waiting task {k} waits on [{string.Join(", ", ts.WaitingOnSet.Select(d => d.Key))}], not on its dependencies outside memory [{string.Join(", ", notInMemory.Select(d => d.Key))}]");
        }
        else
        {
            Check(ts.WaitingOnSet.Count == 0, $"task {k} is {ts.State} but still waits on dependencies");
        }

        if (ts.State is Queued or NoWorker or Processing)
        {
            Check(notInMemory.Count == 0, $"task {k} is {ts.State} but dependencies are not in memory: {string.Join(", ", notInMemory.Select(d => d.Key))}");
        }

        Check(ts.State == Queued == queued.Contains(ts), $"task {k} is {ts.State} but {(queued.Contains(ts) ? "in" : "not in")} the queue");
        Check(ts.State == Queued ? ts.IsRoot : true, $"queued task {k} is not a root task");
        Check(ts.State == NoWorker == unrunnable.Contains(ts), $"task {k} is {ts.State} but {(unrunnable.Contains(ts) ? "in" : "not in")} the no-worker set");

        if (ts.State == Processing)
        {
            var ws = ts.ProcessingOn;
            Check(ws is not null && IsAlive(ws) && ws.ProcessingMap.ContainsKey(ts), $"processing task {k} is not on a live worker's processing list");
            Check(workers.Values.Count(w => w.ProcessingMap.ContainsKey(ts)) == 1, $"processing task {k} is on several workers' processing lists");
            Check(ts.IsNeeded, $"processing task {k} is not needed by any client or dependent");
        }
        else
        {
            Check(ts.ProcessingOn is null, $"task {k} is {ts.State} but assigned to {ts.ProcessingOn?.Address}");
        }

        Check(ts.State == Memory == (ts.WhoHasSet.Count > 0), $"task {k} is {ts.State} with {ts.WhoHasSet.Count} holders");
        foreach (var ws in ts.WhoHasSet)
        {
            Check(IsAlive(ws) && ws.HasWhatSet.Contains(ts), $"task {k} is held by {ws.Address}, which is not live or does not list it");
        }

        if (ts.State == Erred)
        {
            Check(ts.ExceptionBlame is not null && ts.Exception is not null, $"erred task {k} has no exception or blame");
        }

        if (ts.State is Waiting or Queued or NoWorker)
        {
            Check(ts.IsNeeded, $"task {k} is {ts.State} but no client or dependent needs it");
        }

        foreach (var client in ts.WhoWantsSet)
        {
            Check(clients.TryGetValue(client.Id, out var live) && live == client && client.WantsWhatSet.Contains(ts),
                $"task {k} is wanted by {client.Id}, which is gone or does not list it");
        }
    }

    private void ValidateWorker(SchedulerWorker ws)
    {
        var a = ws.Address;
        double occupancy = 0;
        foreach (var (ts, cost) in ws.ProcessingMap)
        {
            Check(ts.State == Processing && ts.ProcessingOn == ws, $"worker {a} lists {ts.Key} as processing, but it is {ts.State} on {ts.ProcessingOn?.Address ?? "no worker"}");
            Check(cost >= 0, $"worker {a} expects a negative duration for {ts.Key}");
            occupancy += cost;
        }

        Check(ws.Occupancy >= 0, $"worker {a} has negative occupancy {ws.Occupancy}");
        Check(Math.Abs(ws.Occupancy - occupancy) <= 1e-6 * Math.Max(1, occupancy), $"worker {a} has occupancy {ws.Occupancy}, but its tasks sum to {occupancy}");
        long nbytes = 0;
        foreach (var ts in ws.HasWhatSet)
        {
            Check(ts.WhoHasSet.Contains(ws) && tasks.ContainsKey(ts.Key), $"worker {a} lists {ts.Key} as held, but the task does not list the worker");
            nbytes += ts.NBytes;
        }

        Check(ws.NBytes == nbytes, $"worker {a} counts {ws.NBytes} bytes held, but its keys sum to {nbytes}");
        foreach (var ts in ws.ExecutingSet)
        {
            Check(ws.ProcessingMap.ContainsKey(ts), $"worker {a} reports {ts.Key} executing, which is not processing there");
        }

        foreach (var ts in ws.LongRunningSet)
        {
            Check(ws.ProcessingMap.TryGetValue(ts, out var cost) && cost == 0, $"worker {a} lists {ts.Key} as long-running, but it is not processing there at no cost");
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new SchedulerInvariantException($"Invalid scheduler state: {message}.");
        }
    }
}
