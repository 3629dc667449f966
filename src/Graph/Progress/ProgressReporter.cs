namespace MiniDask.Graph;

/// <summary>
/// Delivers the progress of one compute to its sinks (<see cref="ComputeOptions.Progress"/> and
/// the ambient ones of <see cref="ProgressSinks"/>) in the order the scheduler made the reports,
/// one at a time per sink, and lets the scheduler wait until all are delivered before it returns.
/// A plain <see cref="IProgress{T}"/> is called on a reporting thread, never by two threads at
/// once; a <see cref="Progress{T}"/>, which posts each report to its synchronization context (the
/// thread pool in a console app, where posts may run out of order), gets its next report only once
/// its handler has run for the previous one. For scheduler implementations.
/// </summary>
public sealed class ProgressReporter
{
    /// <summary>How long <see cref="Finish"/> waits for a sink that delivers nothing, such as a <see cref="Progress{T}"/> whose thread is the one blocked in a synchronous compute.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(5);

    private readonly ProgressChannel[] channels;

    private ProgressReporter(ProgressChannel[] channels) => this.channels = channels;

    /// <summary>
    /// A reporter for one compute with <paramref name="progress"/> and the ambient sinks, each
    /// once; null when there are none, so schedulers pay nothing for progress nobody reads.
    /// </summary>
    public static ProgressReporter? Start(IProgress<ComputeProgress>? progress)
    {
        var sinks = ProgressSinks.Active(progress);
        return sinks.Count == 0
            ? null
            : new ProgressReporter([.. sinks.Select(Channel)]);
    }

    /// <summary>
    /// Queues <paramref name="value"/>. Call it where the report's order is decided (under the
    /// scheduler's lock) and <see cref="Deliver"/> outside that lock.
    /// </summary>
    public void Enqueue(ComputeProgress value)
    {
        foreach (var channel in channels)
        {
            channel.Enqueue(value);
        }
    }

    /// <summary>
    /// Delivers what is queued, in order: to plain sinks on this thread unless another thread is
    /// delivering already (then that thread delivers this report too), to <see cref="Progress{T}"/>
    /// by posting the next report once the previous one has been handled.
    /// </summary>
    /// <remarks>A sink that throws gets no more reports; <see cref="Finish"/> throws its exception.</remarks>
    public void Deliver()
    {
        foreach (var channel in channels)
        {
            channel.Deliver();
        }
    }

    /// <summary><see cref="Enqueue"/> then <see cref="Deliver"/>, for a caller that reports from one thread at a time.</summary>
    public void Report(ComputeProgress value)
    {
        Enqueue(value);
        Deliver();
    }

    /// <summary>
    /// Waits until every queued report has been delivered to every sink, or until a sink has
    /// delivered nothing for a few seconds (a <see cref="Progress{T}"/> created on the thread that
    /// is blocked here cannot run its handler until this returns: compute asynchronously there).
    /// </summary>
    /// <exception cref="Exception">A sink threw while delivering: its exception.</exception>
    public void Finish()
    {
        MarkFinished();
        var idle = Task.WhenAll(channels.Select(c => c.WhenIdle()));
        var delivered = Delivered();
        while (!idle.Wait(StallTimeout))
        {
            var now = Delivered();
            if (now == delivered)
            {
                break;
            }

            delivered = now;
        }

        ThrowFirstSinkError();
    }

    /// <summary>The asynchronous form of <see cref="Finish"/>.</summary>
    /// <exception cref="Exception">A sink threw while delivering: its exception.</exception>
    public async Task FinishAsync(CancellationToken cancellationToken = default)
    {
        MarkFinished();
        var idle = Task.WhenAll(channels.Select(c => c.WhenIdle()));
        var delivered = Delivered();
        while (true)
        {
            var finished = await Task.WhenAny(idle, Task.Delay(StallTimeout, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var now = Delivered();
            if (finished == idle || now == delivered)
            {
                break;
            }

            delivered = now;
        }

        ThrowFirstSinkError();
    }

    private void MarkFinished()
    {
        foreach (var channel in channels)
        {
            channel.Finished();
        }
    }

    /// <summary>
    /// A <see cref="Progress{T}"/> itself posts, and raises <see cref="Progress{T}.ProgressChanged"/> once handled;
    /// a subclass may override how it reports, so it is called like any other sink.
    /// </summary>
    private static ProgressChannel Channel(IProgress<ComputeProgress> sink) =>
        sink.GetType() == typeof(Progress<ComputeProgress>) ? new PostedChannel((Progress<ComputeProgress>)sink) : new DirectChannel(sink);

    private long Delivered() => channels.Sum(c => c.Delivered);

    private void ThrowFirstSinkError()
    {
        if (channels.Select(c => c.Error).FirstOrDefault(e => e is not null) is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>The queue of one sink.</summary>
    private abstract class ProgressChannel
    {
        private TaskCompletionSource? idleWaiter;
        private long delivered;

        protected object Gate { get; } = new();

        protected Queue<ComputeProgress> Queue { get; } = new();

        public long Delivered => Interlocked.Read(ref delivered);

        public Exception? Error { get; protected set; }

        /// <summary>Whether a report is being delivered now. Guarded by <see cref="Gate"/>.</summary>
        protected bool Busy { get; set; }

        public void Enqueue(ComputeProgress value)
        {
            lock (Gate)
            {
                if (Error is null)
                {
                    Queue.Enqueue(value);
                }
            }
        }

        public abstract void Deliver();

        /// <summary>Called once the compute has made its last report.</summary>
        public virtual void Finished()
        {
        }

        public Task WhenIdle()
        {
            lock (Gate)
            {
                if (!Busy && Queue.Count == 0)
                {
                    return Task.CompletedTask;
                }

                idleWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return idleWaiter.Task;
            }
        }

        protected void CountDelivered() => Interlocked.Increment(ref delivered);

        /// <summary>Marks the channel idle and wakes whoever waits for that. Caller holds <see cref="Gate"/>.</summary>
        protected void BecomeIdle()
        {
            Busy = false;
            idleWaiter?.TrySetResult();
            idleWaiter = null;
        }

        /// <summary>Records a sink's failure and drops what is queued for it. Caller holds <see cref="Gate"/>.</summary>
        protected void Fail(Exception error)
        {
            Error ??= error;
            Queue.Clear();
            BecomeIdle();
        }
    }

    /// <summary>A plain sink, called on the reporting thread that finds no one else delivering.</summary>
    private sealed class DirectChannel(IProgress<ComputeProgress> sink) : ProgressChannel
    {
        public override void Deliver()
        {
            lock (Gate)
            {
                if (Busy || Queue.Count == 0)
                {
                    return;
                }

                Busy = true;
            }

            while (true)
            {
                ComputeProgress next;
                lock (Gate)
                {
                    if (!Queue.TryDequeue(out next))
                    {
                        BecomeIdle();
                        return;
                    }
                }

                try
                {
                    sink.Report(next);
                    CountDelivered();
                }
                catch (Exception e)
                {
                    // Not thrown on a scheduler thread: Finish throws it where the compute was called.
                    lock (Gate)
                    {
                        Fail(e);
                    }

                    return;
                }
            }
        }
    }

    /// <summary>
    /// A <see cref="Progress{T}"/>: one report posted at a time; its <see cref="Progress{T}.ProgressChanged"/>
    /// event, raised after the handler, posts the next. The event is left once the compute has
    /// finished and everything is delivered.
    /// </summary>
    private sealed class PostedChannel : ProgressChannel
    {
        private readonly Progress<ComputeProgress> sink;
        private ComputeProgress inFlight;
        private bool finished;

        public PostedChannel(Progress<ComputeProgress> sink)
        {
            this.sink = sink;
            sink.ProgressChanged += Handled;
        }

        public override void Deliver()
        {
            ComputeProgress next;
            lock (Gate)
            {
                if (Busy || !Queue.TryDequeue(out next))
                {
                    return;
                }

                Busy = true;
                inFlight = next;
            }

            ((IProgress<ComputeProgress>)sink).Report(next);
        }

        /// <summary>No more reports will come: leaves the event now if idle, else once the last report is handled.</summary>
        public override void Finished()
        {
            lock (Gate)
            {
                finished = true;
                if (Busy || Queue.Count > 0)
                {
                    return;
                }
            }

            sink.ProgressChanged -= Handled;
        }

        private void Handled(object? sender, ComputeProgress value)
        {
            ComputeProgress next;
            bool post;
            var leave = false;
            lock (Gate)
            {
                // The same Progress<T> may serve another compute at once: only this one's report counts here.
                if (!Busy || value != inFlight)
                {
                    return;
                }

                CountDelivered();
                post = Queue.TryDequeue(out next);
                if (post)
                {
                    inFlight = next;
                }
                else
                {
                    BecomeIdle();
                    leave = finished;
                }
            }

            if (post)
            {
                ((IProgress<ComputeProgress>)sink).Report(next);
            }
            else if (leave)
            {
                sink.ProgressChanged -= Handled;
            }
        }
    }
}
