using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Worker.Tests.State;

/// <summary>
/// A scheduler machine and several worker machines wired together in memory, translating each
/// instruction into the stimulus or event its receiver handles, as the networking shells will.
/// Executions and transfers complete one at a time, in order, so runs are deterministic; both
/// machines are validated after every message.
/// </summary>
internal sealed class LoopbackCluster
{
    private readonly Queue<Action> messages = new();
    private readonly Queue<(string Worker, Key Key)> executions = new();
    private readonly Queue<(string Worker, GatherDep Gather)> transfers = new();

    public LoopbackCluster(params (string Address, int NThreads)[] workers)
    {
        Scheduler = new SchedulerState(new SchedulerOptions(), Clock);
        foreach (var (address, nthreads) in workers)
        {
            AddWorker(address, nthreads);
        }
    }

    public ManualClock Clock { get; } = new();

    public SchedulerState Scheduler { get; }

    public Dictionary<string, WorkerState> Workers { get; } = new(StringComparer.Ordinal);

    /// <summary>The keys in each worker's data store.</summary>
    public Dictionary<string, HashSet<Key>> Stores { get; } = new(StringComparer.Ordinal);

    public List<SchedulerToClient> ClientMessages { get; } = [];

    /// <summary>Which worker ran each execution, in order.</summary>
    public List<(string Worker, Key Key)> Executed { get; } = [];

    public int GatherCount { get; private set; }

    /// <summary>Keys whose task raises when run.</summary>
    public HashSet<Key> Failing { get; } = [];

    public void AddWorker(string address, int nthreads)
    {
        Workers[address] = new WorkerState(new WorkerStateOptions(address, nthreads), Clock);
        Stores[address] = [];
        ToScheduler(new AddWorker(address, nthreads));
    }

    /// <summary>The worker's process dies: its state and data are gone, transfers from it fail, the scheduler is told it is lost.</summary>
    public void Kill(string address)
    {
        Workers.Remove(address);
        Stores.Remove(address);
        ToScheduler(new RemoveWorker(address, WorkerRemovalReason.Lost));
    }

    public void ToScheduler(SchedulerStimulus stimulus) => messages.Enqueue(() =>
    {
        var instructions = Scheduler.HandleStimulus(stimulus);
        Scheduler.Validate();
        foreach (var instruction in instructions)
        {
            Route(instruction);
        }
    });

    /// <summary>Delivers messages until none is left, then completes executions and transfers one by one, until all is quiet.</summary>
    public void RunUntilQuiet(int maxSteps = 100_000) =>
        Assert.False(Step(maxSteps), "The loopback cluster did not go quiet.");

    /// <summary>Takes up to <paramref name="steps"/> steps (a message, an execution or a transfer each); true while work is left.</summary>
    public bool Step(int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            if (messages.TryDequeue(out var deliver))
            {
                deliver();
            }
            else if (executions.TryDequeue(out var run))
            {
                CompleteExecution(run.Worker, run.Key);
            }
            else if (transfers.TryDequeue(out var transfer))
            {
                CompleteTransfer(transfer.Worker, transfer.Gather);
            }
            else
            {
                return false;
            }
        }

        return messages.Count + executions.Count + transfers.Count > 0;
    }

    private void Route(SchedulerInstruction instruction)
    {
        switch (instruction)
        {
            case ComputeTask c:
                ToWorker(c.Worker, new ComputeTaskEvent(c.Key, c.Run, c.Priority, c.WhoHas, c.NBytes));
                break;
            case FreeKeys f:
                ToWorker(f.Worker, new FreeKeysEvent(f.Keys));
                break;
            case StealRequest s:
                ToWorker(s.Worker, new StealRequestEvent(s.Key));
                break;
            case RefreshWhoHas r:
                ToWorker(r.Worker, new RefreshWhoHasEvent(r.WhoHas));
                break;
            case CloseWorker:
                break;
            case SchedulerToClient toClient:
                ClientMessages.Add(toClient);
                break;
        }
    }

    private void ToWorker(string address, WorkerEvent ev) => messages.Enqueue(() =>
    {
        if (!Workers.TryGetValue(address, out var worker))
        {
            return;
        }

        var instructions = worker.HandleStimulus(ev);
        worker.Validate();
        foreach (var instruction in instructions)
        {
            Route(address, instruction);
        }
    });

    private void Route(string address, WorkerInstruction instruction)
    {
        switch (instruction)
        {
            case Execute e:
                executions.Enqueue((address, e.Key));
                break;
            case GatherDep g:
                GatherCount++;
                transfers.Enqueue((address, g));
                break;
            case SendTaskFinished f:
                ToScheduler(new TaskFinished(address, f.Key, f.NBytes, f.StartTime, f.StopTime));
                break;
            case SendTaskErred e:
                ToScheduler(new TaskErred(address, e.Key, e.Exception, e.Traceback));
                break;
            case SendStealResponse s:
                ToScheduler(new StealResponse(address, s.Key, s.Accepted));
                break;
            case SendMissingData m:
                ToScheduler(new WorkerReportsMissingData(address, m.Key, m.Peer));
                break;
            case ReleaseData r:
                Stores[address].Remove(r.Key);
                break;
        }
    }

    private void CompleteExecution(string address, Key key)
    {
        if (!Workers.ContainsKey(address))
        {
            return;
        }

        Executed.Add((address, key));
        var start = Clock.MonotonicSeconds;
        Clock.Advance(1);
        if (Failing.Contains(key))
        {
            ToWorker(address, new ExecuteFailureEvent(key, "InvalidOperationException: failing task", "at Op()", start, start + 1));
            return;
        }

        Stores[address].Add(key);
        ToWorker(address, new ExecuteSuccessEvent(key, 100, start, start + 1));
    }

    private void CompleteTransfer(string address, GatherDep gather)
    {
        if (!Workers.ContainsKey(address))
        {
            return;
        }

        if (!Stores.TryGetValue(gather.Peer, out var peerStore))
        {
            ToWorker(address, new GatherDepFailureEvent(gather.Peer, gather.Keys, "connection refused"));
            return;
        }

        var received = gather.Keys.Where(peerStore.Contains).ToDictionary(k => k, _ => 100L);
        Stores[address].UnionWith(received.Keys);
        ToWorker(address, new GatherDepSuccessEvent(gather.Peer, gather.Keys, received));
    }
}
