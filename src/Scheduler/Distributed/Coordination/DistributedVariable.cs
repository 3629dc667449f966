using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// One value held by the scheduler (Dask's <c>distributed.Variable</c>), shared by every client and
/// task that names it: a set replaces it, a get reads it (waiting until it is set). Get it with
/// <see cref="Client.Variable{T}"/>.
/// </summary>
/// <typeparam name="T">The value's type: anything that can cross a process boundary.</typeparam>
public sealed class DistributedVariable<T> : CoordinationHandle
{
    internal DistributedVariable(Client client, string name)
        : base(client, Wire.CoordinationKind.Variable, name)
    {
    }

    /// <summary>Sets the value, waking every get that waits for one.</summary>
    /// <exception cref="NotSupportedException">The value cannot cross a process boundary; the message names its type.</exception>
    public async Task SetAsync(T value, CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.VariableSet, $"a set of {Label}", [PackedValue.Pack(value)], cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the value, waiting until it is set (at most <paramref name="timeout"/>; null waits as long as it takes).</summary>
    /// <exception cref="TimeoutException">The variable stayed unset for the whole timeout.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public async Task<T> GetAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var what = $"the value of {Label}";
        var (_, message) = await SendAsync(Wire.CoordinationOp.VariableGet, what, wait: true, timeout: timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ValueOf<T>(message, what);
    }

    /// <summary>Reads the value if it is set, without waiting.</summary>
    public async Task<(bool IsSet, T Value)> TryGetAsync(CancellationToken cancellationToken = default)
    {
        var what = $"the value of {Label}";
        var (reply, message) = await SendAsync(Wire.CoordinationOp.VariableGet, what, cancellationToken: cancellationToken).ConfigureAwait(false);
        return reply.Status == Wire.CoordinationStatus.Done ? (true, ValueOf<T>(message, what)) : (false, default!);
    }

    /// <summary>Unsets the value: later gets wait for the next set.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(Wire.CoordinationOp.VariableDelete, $"a delete of {Label}", cancellationToken: cancellationToken).ConfigureAwait(false);
}
