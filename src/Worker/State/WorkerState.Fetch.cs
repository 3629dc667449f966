using MiniDask.Graph;
using static MiniDask.Worker.WorkerTaskState;

namespace MiniDask.Worker;

/// <summary>
/// Getting dependencies from peers: which keys to ask whom for, within the per-peer and total
/// limits on transfers in flight, and what to do with the answers.
/// </summary>
public sealed partial class WorkerState
{
    private readonly SortedSet<WorkerTask> fetchQueue = new(ByPriority);
    private readonly Dictionary<string, int> flights = new(StringComparer.Ordinal);

    // Bytes of each transfer in flight, by its peer and first key (a key is in one transfer at a time).
    private readonly Dictionary<(string Peer, Key First), long> flightBytes = [];

    /// <summary>The transfers in flight, by peer address.</summary>
    public IReadOnlyDictionary<string, int> FlightsPerPeer => flights;

    /// <summary>The number of transfers in flight from all peers.</summary>
    public int FlightCount => flights.Values.Sum();

    /// <summary>The bytes of the values being fetched from peers now, as the scheduler sized them.</summary>
    public long IncomingTransferBytes { get; private set; }

    /// <summary>
    /// How many bytes may be in flight from peers at once: <see cref="WorkerStateOptions.TransferFraction"/>
    /// of the memory limit, less what the worker may still take before it pauses; unbounded without a limit.
    /// </summary>
    public long IncomingTransferBytesLimit =>
        Options.MemoryLimit > 0
            ? Math.Min((long)(Options.MemoryLimit * Options.TransferFraction), PauseThreshold - MemoryBytes)
            : long.MaxValue;

    /// <summary>
    /// Starts transfers for the most urgent keys to fetch, each from the least busy peer holding it,
    /// bundling further keys that peer holds up to the target message size.
    /// </summary>
    private bool EnsureCommunicating(string stimulusId)
    {
        if (Paused || fetchQueue.Count == 0)
        {
            return false;
        }

        var started = false;
        foreach (var ts in fetchQueue.ToList())
        {
            var allowance = IncomingTransferBytesLimit - IncomingTransferBytes;
            if (FlightCount >= Options.MaxConcurrentFlights || (FlightCount > 0 && allowance <= 0))
            {
                break;
            }

            if (ts.State != Fetch)
            {
                continue;
            }

            var peer = ts.WhoHasSet
                .Where(p => flights.GetValueOrDefault(p) < Options.MaxFlightsPerPeer)
                .OrderBy(p => flights.GetValueOrDefault(p))
                .ThenBy(p => p, StringComparer.Ordinal)
                .FirstOrDefault();
            if (peer is null)
            {
                continue;
            }

            var batch = new List<WorkerTask> { ts };
            var bytes = ts.NBytes;
            foreach (var other in fetchQueue)
            {
                if (other != ts && other.State == Fetch && other.WhoHasSet.Contains(peer)
                    && bytes + other.NBytes <= Math.Min(Options.TransferMessageTargetBytes, allowance))
                {
                    batch.Add(other);
                    bytes += other.NBytes;
                }
            }

            foreach (var item in batch)
            {
                Transition(item, Flight, stimulusId, peer);
            }

            flights[peer] = flights.GetValueOrDefault(peer) + 1;
            flightBytes[(peer, ts.Key)] = bytes;
            IncomingTransferBytes += bytes;
            Emit(new GatherDep(peer, [.. batch.Select(b => b.Key)], bytes, stimulusId));
            started = true;
        }

        return started;
    }

    private void HandleGatherDepSuccess(GatherDepSuccessEvent e, string stimulusId)
    {
        EndFlight(e.Peer, e.Requested);
        foreach (var key in e.Requested)
        {
            var received = e.Received.TryGetValue(key, out var nbytes);
            if (!tasks.TryGetValue(key, out var ts) || ts.ComingFrom != e.Peer)
            {
                // Forgotten while the transfer ran, or no longer expected from this peer.
                if (received && (ts is null || ts.State != Memory))
                {
                    Emit(new ReleaseData(key, stimulusId));
                }

                continue;
            }

            if (ts.State == Cancelled)
            {
                if (received)
                {
                    Emit(new ReleaseData(key, stimulusId));
                }

                Transition(ts, Released, stimulusId);
            }
            else if (received)
            {
                Transition(ts, Memory, stimulusId, nbytes);
            }
            else
            {
                ts.WhoHasSet.Remove(e.Peer);
                Emit(new SendMissingData(key, e.Peer, stimulusId));
                FetchElsewhere(ts, stimulusId);
            }
        }
    }

    private void HandleGatherDepFailure(GatherDepFailureEvent e, string stimulusId)
    {
        EndFlight(e.Peer, e.Requested);

        // The peer is unreachable: it can give none of the keys it was said to hold.
        var affected = tasks.Values.Where(t => t.WhoHasSet.Remove(e.Peer) || t.ComingFrom == e.Peer).ToList();
        foreach (var ts in InPriorityOrder(affected))
        {
            var requested = ts.ComingFrom == e.Peer && e.Requested.Contains(ts.Key);
            if (ts.State == Cancelled && requested)
            {
                Transition(ts, Released, stimulusId);
            }
            else if (ts.State == Flight && requested)
            {
                Emit(new SendMissingData(ts.Key, e.Peer, stimulusId));
                FetchElsewhere(ts, stimulusId);
            }
            else if (ts.State == Fetch && ts.WhoHasSet.Count == 0)
            {
                Emit(new SendMissingData(ts.Key, e.Peer, stimulusId));
                Transition(ts, Missing, stimulusId);
            }
        }
    }

    /// <summary>After a peer failed to give a key: compute it if the scheduler asked for it meanwhile, else try another holder.</summary>
    private void FetchElsewhere(WorkerTask ts, string stimulusId)
    {
        if (ts.PendingCompute is { } compute)
        {
            ts.PendingCompute = null;
            Transition(ts, Released, stimulusId);
            HandleComputeTask(compute, stimulusId);
            return;
        }

        Transition(ts, ts.WhoHasSet.Count > 0 ? Fetch : Missing, stimulusId);
    }

    private void HandleRefreshWhoHas(RefreshWhoHasEvent e)
    {
        foreach (var (key, holders) in e.WhoHas)
        {
            if (!tasks.TryGetValue(key, out var ts) || ts.State is not (Fetch or Flight or Missing or Released))
            {
                continue;
            }

            ts.WhoHasSet.Clear();
            ts.WhoHasSet.UnionWith(holders.Where(h => h != Address));
            if (ts.State == Missing && ts.WhoHasSet.Count > 0)
            {
                Recommend(ts, Fetch);
            }
            else if (ts.State == Fetch && ts.WhoHasSet.Count == 0)
            {
                Recommend(ts, Missing);
            }
        }
    }

    private void EndFlight(string peer, IReadOnlyList<Key> requested)
    {
        if (requested.Count > 0 && flightBytes.Remove((peer, requested[0]), out var bytes))
        {
            IncomingTransferBytes -= bytes;
        }

        if (flights.TryGetValue(peer, out var count))
        {
            if (count <= 1)
            {
                flights.Remove(peer);
            }
            else
            {
                flights[peer] = count - 1;
            }
        }
    }
}
