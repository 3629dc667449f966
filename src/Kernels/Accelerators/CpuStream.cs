namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// The CPU accelerator's stream: runs work at once, or, when deferred (debug mode), queues it
/// in order until <see cref="AcceleratorStream.Synchronize"/>, as a GPU stream does.
/// </summary>
internal sealed class CpuStream : AcceleratorStream
{
    private readonly bool deferred;
    private readonly Queue<Action> queue = new();
    private readonly Lock gate = new();

    public CpuStream(CpuAccelerator accelerator, bool deferred)
        : base(accelerator)
    {
        this.deferred = deferred;
    }

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    public void Run(Action work)
    {
        if (!deferred)
        {
            work();
            return;
        }

        lock (gate)
        {
            queue.Enqueue(work);
        }
    }

    protected override void SynchronizeInternal()
    {
        lock (gate)
        {
            while (queue.TryDequeue(out var work))
            {
                work();
            }
        }
    }
}
