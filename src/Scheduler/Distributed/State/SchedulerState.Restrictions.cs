namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Task restrictions: abstract resources (Dask's <c>resources=</c>) and worker restrictions
/// (<c>workers=</c>, with <c>allow_other_workers</c>). A task that needs resources runs only where a
/// worker offers them and they are free: what its running tasks hold counts against what the
/// worker offers, so a worker offering <c>GPU = 1</c> runs one GPU task at a time. A restricted task
/// with no worker able to run it now waits in no-worker until one can.
/// </summary>
public sealed partial class SchedulerState
{
    /// <summary>Whether <paramref name="worker"/> may ever run <paramref name="task"/>: it is allowed, and it offers the resources.</summary>
    public bool Allows(SchedulerWorker worker, SchedulerTask task)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(task);
        if (task.Restrictions is { } allowed && !allowed.Contains(worker.Address) && !allowed.Contains(worker.Name)
            && !(task.LooseRestrictions && !workers.Values.Any(w => allowed.Contains(w.Address) || allowed.Contains(w.Name))))
        {
            return false;
        }

        if (task.Resources is { } needs)
        {
            foreach (var (name, need) in needs)
            {
                if (worker.Resources.GetValueOrDefault(name) < need)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="ws"/> may run <paramref name="ts"/> now: allowed, and its resources are free.</summary>
    private bool CanRunNow(SchedulerTask ts, SchedulerWorker ws)
    {
        if (!ts.IsRestricted)
        {
            return true;
        }

        if (!Allows(ws, ts))
        {
            return false;
        }

        if (ts.Resources is { } needs)
        {
            foreach (var (name, need) in needs)
            {
                if (ws.Resources.GetValueOrDefault(name) - ws.UsedResourceMap.GetValueOrDefault(name) < need - 1e-9)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void HoldResources(SchedulerTask ts, SchedulerWorker ws, int sign)
    {
        if (ts.Resources is not { } needs)
        {
            return;
        }

        foreach (var (name, need) in needs)
        {
            ws.UsedResourceMap[name] = Math.Max(0, ws.UsedResourceMap.GetValueOrDefault(name) + (sign * need));
        }
    }
}
