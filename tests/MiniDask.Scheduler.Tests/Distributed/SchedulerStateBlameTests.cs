using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Scheduler.Distributed.SchedulerTaskState;
using static MiniDask.Scheduler.Tests.Distributed.Graphs;

namespace MiniDask.Scheduler.Tests.Distributed;

/// <summary>
/// Blame as Dask lays it: a worker's death counts only against the tasks executing on it, and a task
/// fails with KilledWorker on the death after <see cref="SchedulerOptions.AllowedFailures"/>.
/// </summary>
public sealed class SchedulerStateBlameTests
{
    private const int Workers = 4;

    [Fact]
    public void PoisonTask_OnFourWorkersUnderAHundredSeededSchedules_NeverFailsAnUnrelatedClient()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            RunPoisonSchedule(seed);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void RemoveWorker_AllowedFailures_KilledWorkerOnTheDeathAfterThem(int allowed)
    {
        var cluster = new SimulatedCluster(new SchedulerOptions { AllowedFailures = allowed });
        cluster.Submit("client", TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [K("bad")] = Task("crash") }), K("bad"));
        for (var death = 1; death <= allowed + 1; death++)
        {
            var worker = $"tcp://w{death}";
            cluster.AddWorkers((worker, 1));
            cluster.Send(new TaskStarted(worker, K("bad")));
            cluster.Crash(worker);
            var sent = cluster.Send(new RemoveWorker(worker, WorkerRemovalReason.Lost));

            Assert.Equal(death == allowed + 1, sent.OfType<TaskKilledWorker>().Any());
        }

        Assert.Equal(Erred, cluster.State.StateOf(K("bad")));
        Assert.Equal(allowed + 1, cluster.State.Tasks[K("bad")].Suspicious);
    }

    [Fact]
    public void TaskStarted_ForATaskNotProcessingOnThatWorker_IsIgnored()
    {
        var cluster = new SimulatedCluster();
        cluster.AddWorkers(("tcp://a", 1), ("tcp://b", 1));
        cluster.Submit("client", Chain(1), K("chain", 0));
        var other = cluster.State.Tasks[K("chain", 0)].ProcessingOn!.Address == "tcp://a" ? "tcp://b" : "tcp://a";

        cluster.Send(new TaskStarted(other, K("chain", 0)), new TaskStarted(other, K("unknown")));

        Assert.Empty(cluster.State.Workers[other].Executing);
    }

    /// <summary>
    /// Four one-thread workers and no restarts: an unrelated client's reduction and a poison task
    /// that kills whichever worker starts it. Each step the seeded schedule starts a queued task
    /// (a worker runs one at a time, its oldest first) or finishes an executing one; the poison task
    /// runs out the four workers and fails, then two fresh workers finish the rest.
    /// </summary>
    private static void RunPoisonSchedule(int seed)
    {
        var random = new Random(seed);
        var cluster = new SimulatedCluster();
        cluster.AddWorkers([.. Enumerable.Range(0, Workers).Select(i => ($"tcp://w{i}", 1))]);
        var tasks = Enumerable.Range(0, 12).ToDictionary(i => K("leaf", i), _ => Task("gen"));
        tasks[K("total")] = Task("sum", [.. tasks.Keys]);
        var unrelatedAt = random.Next(3);
        var poison = TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [K("poison")] = Task("crash") });
        var unrelated = TaskGraph.FromTasks(tasks);
        for (var step = 0; step < 3; step++)
        {
            if (step == unrelatedAt)
            {
                cluster.Submit("unrelated", unrelated, K("total"));
            }
            else if (step == (unrelatedAt + 1) % 3)
            {
                cluster.Submit("poison", poison, K("poison"));
            }
        }

        var executing = new Dictionary<string, Key>();
        var alive = Enumerable.Range(0, Workers).Select(i => $"tcp://w{i}").ToList();
        for (var round = 0; round < 10_000 && alive.Count > 0 && cluster.State.StateOf(K("poison")) != Erred; round++)
        {
            var worker = alive[random.Next(alive.Count)];
            var pending = cluster.Pending(worker);
            if (executing.TryGetValue(worker, out var running) && pending.Any(c => c.Key == running))
            {
                cluster.Finish(worker, running);
                executing.Remove(worker);
            }
            else if (pending.Count > 0)
            {
                var next = pending[0].Key;
                cluster.Send(new TaskStarted(worker, next));
                executing[worker] = next;
                if (next == K("poison"))
                {
                    cluster.Crash(worker);
                    alive.Remove(worker);
                    executing.Remove(worker);
                    cluster.Send(new RemoveWorker(worker, WorkerRemovalReason.Lost));
                }
            }
        }

        Assert.True(cluster.State.StateOf(K("poison")) == Erred, $"seed {seed}: the poison task did not fail");
        cluster.AddWorkers(("tcp://fresh0", 1), ("tcp://fresh1", 1));
        cluster.RunToCompletion();

        Assert.True(cluster.State.StateOf(K("total")) == Memory, $"seed {seed}: the unrelated result is {cluster.State.StateOf(K("total"))}");
        Assert.DoesNotContain(cluster.SentOf<SchedulerToClient>(), m => m.Client == "unrelated" && m is TaskKilledWorker or KeyErred);
        Assert.All(tasks.Keys, k => Assert.Equal(0, cluster.State.Tasks[k].Suspicious));
        var killed = Assert.Single(cluster.SentOf<TaskKilledWorker>());
        Assert.Equal(("poison", Workers), (killed.Client, killed.Workers.Count));
    }
}
