using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker;

/// <summary>The invariants that tie a worker's tasks, threads and transfers together (Dask's <c>validate_state</c>).</summary>
public sealed partial class WorkerState
{
    /// <summary>
    /// Checks every invariant; tests call it after each batch of events. Between events the state is
    /// always consistent, so a failure is a bug in a transition.
    /// </summary>
    /// <exception cref="WorkerInvariantException">An invariant does not hold; the message names the key or peer.</exception>
    public void Validate()
    {
        foreach (var (key, ts) in tasks)
        {
            Check(ts.Key == key, $"task {key} is stored under key {ts.Key}");
            ValidateTask(ts);
        }

        Check(busy.Count <= NThreads, $"{busy.Count} tasks hold threads, more than the {NThreads} threads");
        foreach (var ts in busy)
        {
            Check(ts.State == Executing || (ts.State == Cancelled && ts.CancelledFrom == Executing), $"task {ts.Key} holds a thread but is {ts.State}");
        }

        foreach (var ts in ready)
        {
            Check(ts.State == Ready, $"task {ts.Key} is in the ready queue but {ts.State}");
        }

        foreach (var ts in fetchQueue)
        {
            Check(ts.State == Fetch, $"task {ts.Key} is in the fetch queue but {ts.State}");
        }

        Check(FlightCount <= Options.MaxConcurrentFlights, $"{FlightCount} transfers in flight, more than the limit {Options.MaxConcurrentFlights}");
        Check(flightBytes.Count == FlightCount, $"{flightBytes.Count} transfers sized but {FlightCount} in flight");
        Check(IncomingTransferBytes == flightBytes.Values.Sum(), $"{IncomingTransferBytes} bytes counted in flight but the transfers sum to {flightBytes.Values.Sum()}");
        foreach (var (peer, count) in flights)
        {
            Check(count >= 1 && count <= Options.MaxFlightsPerPeer, $"{count} transfers in flight from {peer}, outside 1..{Options.MaxFlightsPerPeer}");
        }
    }

    private void ValidateTask(WorkerTask ts)
    {
        var k = ts.Key;
        foreach (var dep in ts.DependencySet)
        {
            Check(tasks.TryGetValue(dep.Key, out var known) && known == dep && dep.DependentSet.Contains(ts), $"task {k} depends on {dep.Key}, which is unknown or does not list it");
        }

        foreach (var dependent in ts.DependentSet)
        {
            Check(tasks.ContainsKey(dependent.Key) && dependent.DependencySet.Contains(ts), $"task {k} lists {dependent.Key} as a dependent, which does not depend on it");
        }

        var missing = ts.DependencySet.Where(d => d.State != Memory).ToHashSet();
        if (ts.State == Waiting)
        {
            Check(ts.WaitingForDataSet.SetEquals(missing) && missing.Count > 0, $"waiting task {k} waits for the wrong dependencies");
        }
        else
        {
            Check(ts.WaitingForDataSet.Count == 0, $"task {k} is {ts.State} but waits for data");
        }

        if (ts.State is Waiting or Ready or Executing)
        {
            Check(ts.Run is not null && ts.Assigned, $"task {k} is {ts.State} without a run or an assignment from the scheduler");
        }

        if (ts.State is Ready or Executing)
        {
            Check(missing.Count == 0, $"task {k} is {ts.State} but dependencies are not in memory");
        }

        Check(ts.State == Ready == ready.Contains(ts), $"task {k} is {ts.State} but {(ready.Contains(ts) ? "in" : "not in")} the ready queue");
        Check(ts.State == Fetch == fetchQueue.Contains(ts), $"task {k} is {ts.State} but {(fetchQueue.Contains(ts) ? "in" : "not in")} the fetch queue");
        Check(ts.State == Executing ? busy.Contains(ts) || ts.Seceded : true, $"executing task {k} holds no thread");
        if (ts.State == Fetch)
        {
            Check(ts.WhoHasSet.Count > 0, $"task {k} is to fetch but no peer holds it");
        }

        if (ts.State == Missing)
        {
            Check(ts.WhoHasSet.Count == 0, $"task {k} is missing but peers are known to hold it");
        }

        var inFlight = ts.State == Flight || (ts.State == Cancelled && ts.CancelledFrom == Flight);
        Check(inFlight == (ts.ComingFrom is not null), $"task {k} is {ts.State} but {(ts.ComingFrom is null ? "comes from no peer" : $"comes from {ts.ComingFrom}")}");
        if (ts.ComingFrom is { } peer)
        {
            Check(flights.GetValueOrDefault(peer) > 0, $"task {k} comes from {peer}, with no transfer in flight from it");
        }

        Check(ts.State == Cancelled == (ts.CancelledFrom is not null), $"task {k} is {ts.State} but cancelled from {ts.CancelledFrom}");
        Check(ts.State == Error == (ts.Exception is not null), $"task {k} is {ts.State} with{(ts.Exception is null ? "out" : "")} an exception");
        Check(ts.PendingCompute is null || ts.State is Flight or Cancelled, $"task {k} keeps a compute request while {ts.State}");
        Check(ts.WhoHasSet.Contains(Address) == false, $"task {k} lists this worker as a peer holding it");
        Check(ts.NBytes >= 0, $"task {k} has a negative size");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new WorkerInvariantException($"Invalid worker state: {message}.");
        }
    }
}
