using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A semaphore of a fixed number of leases held by the scheduler (Dask's <c>distributed.Semaphore</c>):
/// at most that many acquisitions are outstanding at once, across every client and task that
/// names it; waiters get a lease first come first served. A handle's client that disconnects
/// gives its leases back. Get it with <see cref="Client.Semaphore"/>.
/// </summary>
public sealed class DistributedSemaphore : CoordinationHandle
{
    internal DistributedSemaphore(Client client, string name, int maxLeases)
        : base(client, Wire.CoordinationKind.Semaphore, name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeases, 1);
        MaxLeases = maxLeases;
    }

    /// <summary>How many leases the semaphore has.</summary>
    public int MaxLeases { get; }

    /// <summary>Takes a lease, waiting while all are taken (at most <paramref name="timeout"/>; null waits as long as it takes).</summary>
    /// <exception cref="TimeoutException">Every lease stayed taken for the whole timeout.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; no lease was taken.</exception>
    /// <exception cref="InvalidOperationException">The semaphore of this name has another number of leases.</exception>
    public async Task AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.SemaphoreAcquire, $"a lease of {Label}", wait: true, timeout: timeout, count: MaxLeases, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Takes a lease if one is free, without waiting; true when taken.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        var (reply, _) = await SendAsync(Wire.CoordinationOp.SemaphoreAcquire, $"a lease of {Label}", count: MaxLeases, cancellationToken: cancellationToken).ConfigureAwait(false);
        return reply.Status == Wire.CoordinationStatus.Done;
    }

    /// <summary>Gives one lease of this handle back.</summary>
    /// <exception cref="InvalidOperationException">This handle holds no lease.</exception>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.SemaphoreRelease, $"a release of {Label}", count: MaxLeases, cancellationToken: cancellationToken).ConfigureAwait(false);
}
