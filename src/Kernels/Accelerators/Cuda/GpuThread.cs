using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// One dedicated thread that owns a CUDA context: it runs an initializer (making the context
/// current) and then every call marshalled to it, in order, so no other thread ever needs the
/// context. Calls made from the thread itself run inline, so marshalled code may nest.
/// </summary>
internal sealed class GpuThread : IDisposable
{
    private readonly BlockingCollection<Action> work = [];
    private readonly Thread thread;
    private int disposed;

    /// <summary>Starts the thread and runs <paramref name="initialize"/> on it; its exception is rethrown here.</summary>
    public GpuThread(string name, Action initialize)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        ExceptionDispatchInfo? failure = null;
        using var ready = new ManualResetEventSlim();
        thread = new Thread(() =>
        {
            try
            {
                initialize();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }

            ready.Set();
            if (failure is null)
            {
                foreach (var item in work.GetConsumingEnumerable())
                {
                    item();
                }
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        ready.Wait();
        if (failure is not null)
        {
            thread.Join();
            work.Dispose();
            failure.Throw();
        }
    }

    /// <summary>The managed id of the dedicated thread.</summary>
    public int ManagedThreadId => thread.ManagedThreadId;

    /// <summary>Runs <paramref name="action"/> on the thread and waits; its exception is rethrown to the caller.</summary>
    /// <exception cref="ObjectDisposedException">The thread was stopped.</exception>
    public void Invoke(Action action) => Invoke(() =>
    {
        action();
        return true;
    });

    /// <summary>Runs <paramref name="function"/> on the thread and returns its result; its exception is rethrown to the caller.</summary>
    /// <exception cref="ObjectDisposedException">The thread was stopped.</exception>
    public T Invoke<T>(Func<T> function)
    {
        if (Environment.CurrentManagedThreadId == thread.ManagedThreadId)
        {
            return function();
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var result = default(T)!;
        ExceptionDispatchInfo? failure = null;
        using var done = new ManualResetEventSlim();
        work.Add(() =>
        {
            try
            {
                result = function();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                done.Set();
            }
        });
        done.Wait();
        failure?.Throw();
        return result;
    }

    /// <summary>Runs the queued calls, then stops the thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        work.CompleteAdding();
        if (Environment.CurrentManagedThreadId != thread.ManagedThreadId)
        {
            thread.Join();
        }
    }
}
