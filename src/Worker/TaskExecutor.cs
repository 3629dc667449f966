using System.Collections.Concurrent;

namespace MiniDask.Worker;

/// <summary>
/// The worker's task threads: a fixed set of background threads running queued work, so a task
/// that blocks holds one of them and never starves the thread pool that carries the comms.
/// </summary>
internal sealed class TaskExecutor : IDisposable
{
    private readonly BlockingCollection<Action> work = [];
    public TaskExecutor(int threads, string name)
    {
        for (var i = 0; i < threads; i++)
        {
            new Thread(Run) { IsBackground = true, Name = $"{name} task thread {i}" }.Start();
        }
    }

    public void Post(Action action) => work.Add(action);

    public void Dispose() => work.CompleteAdding();

    private void Run()
    {
        foreach (var action in work.GetConsumingEnumerable())
        {
            action();
        }
    }
}
