using MiniDask.Graph;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>Futures patterns: data a client scattered to workers, and fire-and-forget keys.</summary>
public sealed partial class SchedulerState
{
    /// <summary>The id of the scheduler's own client that wants fire-and-forget keys until they finish.</summary>
    public const string FireAndForgetClient = "fire-and-forget";

    /// <summary>A scattered key's run spec: it has no task, so a lost copy cannot be recomputed.</summary>
    private static readonly RunSpec NoRun = new([], []);

    private SchedulerClient? fireAndForget;

    private void HandleScatteredData(ScatteredData s, string stimulusId)
    {
        if (!clients.TryGetValue(s.Client, out var client))
        {
            client = new SchedulerClient(s.Client);
            clients.Add(s.Client, client);
        }

        foreach (var (key, value) in s.Data)
        {
            var holders = value.Workers.Select(w => workers.GetValueOrDefault(w)).OfType<SchedulerWorker>().ToList();
            if (!tasks.TryGetValue(key, out var ts))
            {
                ts = new SchedulerTask(key, new TaskSpec("scatter", [], NoRun), (long)++generation << 32);
                tasks.Add(key, ts);
            }

            client.WantsWhatSet.Add(ts);
            ts.WhoWantsSet.Add(client);
            if (holders.Count == 0 || ts.State is not (SchedulerTaskState.Released or SchedulerTaskState.Memory))
            {
                // The holders left before the scheduler heard of the value, or the key is taken by a task: keep what is.
                continue;
            }

            var start = ts.State;
            ts.NBytes = value.NBytes;
            foreach (var ws in holders)
            {
                AddReplica(ts, ws);
            }

            if (start != SchedulerTaskState.Memory)
            {
                ts.State = SchedulerTaskState.Memory;
                Log(ts, start, SchedulerTaskState.Memory, stimulusId, holders[0]);
                foreach (var dependent in InPriorityOrder(ts.DependentSet))
                {
                    if (dependent.WaitingOnSet.Remove(ts) && dependent.State == SchedulerTaskState.Waiting && dependent.WaitingOnSet.Count == 0)
                    {
                        Recommend(dependent, SchedulerTaskState.Processing);
                    }
                }
            }

            Emit(new KeyInMemory(client.Id, key, [.. InAddressOrder(ts.WhoHasSet).Select(w => w.Address)], ts.NBytes, stimulusId));
        }
    }

    private static bool IsScattered(SchedulerTask ts) => ReferenceEquals(ts.Run, NoRun);

    private static string LostScatteredData(SchedulerTask ts) =>
        RemoteErrorText.Join(typeof(IOException).FullName!, $"The scattered data {ts.Key} was lost with the workers that held it; scatter it again.");

    private void HandleFireAndForget(FireAndForgetKeys s, string stimulusId)
    {
        if (fireAndForget is null)
        {
            fireAndForget = new SchedulerClient(FireAndForgetClient);
            clients[FireAndForgetClient] = fireAndForget;
        }

        foreach (var key in s.Keys)
        {
            if (tasks.TryGetValue(key, out var ts) && ts.State is not (SchedulerTaskState.Memory or SchedulerTaskState.Erred))
            {
                fireAndForget.WantsWhatSet.Add(ts);
                ts.WhoWantsSet.Add(fireAndForget);
            }
        }
    }

    /// <summary>Lets go of the fire-and-forget keys that failed: nobody reads their errors.</summary>
    private void ForgetFiredAndForgotten(string stimulusId)
    {
        if (fireAndForget is null)
        {
            return;
        }

        foreach (var ts in InPriorityOrder(fireAndForget.WantsWhatSet).Where(t => t.State == SchedulerTaskState.Erred).ToList())
        {
            ReleaseWant(fireAndForget, ts);
        }
    }
}
