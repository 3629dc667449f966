using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A mutual-exclusion lock held by the scheduler (Dask's <c>distributed.Lock</c>): at most one
/// handle holds it at a time, across every client and task that names it; waiters get it first
/// come first served. A handle's client that disconnects gives the lock back. Get it with
/// <see cref="Client.Lock"/>; one handle per task or thread that takes the lock.
/// </summary>
public sealed class DistributedLock : CoordinationHandle
{
    internal DistributedLock(Client client, string name)
        : base(client, Wire.CoordinationKind.Lock, name)
    {
    }

    /// <summary>Takes the lock, waiting while another handle holds it (at most <paramref name="timeout"/>; null waits as long as it takes).</summary>
    /// <exception cref="TimeoutException">Another handle held it for the whole timeout.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; the lock was not taken.</exception>
    /// <exception cref="InvalidOperationException">This handle holds it already.</exception>
    public async Task AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.LockAcquire, $"{Label}", wait: true, timeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Takes the lock if no handle holds it, without waiting; true when taken.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        var (reply, _) = await SendAsync(Wire.CoordinationOp.LockAcquire, $"{Label}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return reply.Status == Wire.CoordinationStatus.Done;
    }

    /// <summary>Gives the lock back; the longest-waiting handle gets it next.</summary>
    /// <exception cref="InvalidOperationException">This handle does not hold it.</exception>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.LockRelease, $"a release of {Label}", cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Whether some handle holds the lock now.</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken = default)
    {
        var (reply, _) = await SendAsync(Wire.CoordinationOp.LockHeld, $"the state of {Label}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return reply.Number != 0;
    }
}
