using System.Runtime.CompilerServices;
using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A result on the cluster whose value is a <typeparamref name="T"/>, from a typed submit such as
/// <c>client.SubmitAsync(MyOps.Hypotenuse, 3.0, 4.0)</c>: <c>await future</c> gives the
/// <typeparamref name="T"/>, and it passes as an argument wherever a <see cref="Future"/> does.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
public sealed class Future<T> : Future
{
    private readonly Lazy<Task<T>> typed;

    internal Future(Client client, Computation computation, ulong requestId)
        : base(client, computation, requestId) =>
        typed = new Lazy<Task<T>>(() => CastAsync(base.ResultAsync()));

    /// <summary>The value, fetched from the worker holding it once it is computed.</summary>
    /// <exception cref="TaskFailedException">The task or one it depends on failed.</exception>
    /// <exception cref="KilledWorkerException">The task kept killing its workers.</exception>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>; the message names the key and both types.</exception>
    public new Task<T> ResultAsync(CancellationToken cancellationToken = default) =>
        typed.Value.WaitAsync(cancellationToken);

    /// <summary>The blocking form of <see cref="ResultAsync"/>.</summary>
    public new T Result(TimeSpan? timeout = null) =>
        (timeout is { } t ? typed.Value.WaitAsync(t) : typed.Value).GetAwaiter().GetResult();

    /// <summary>Lets <c>await future</c> give the <typeparamref name="T"/>.</summary>
    public new TaskAwaiter<T> GetAwaiter() => typed.Value.GetAwaiter();

    private async Task<T> CastAsync(Task<object?> value)
    {
        var result = await value.ConfigureAwait(false);
        return result is T t || (result is null && default(T) is null)
            ? (T)result!
            : throw new InvalidCastException(
                $"The result of {Key} is {(result is null ? "null" : "a " + result.GetType().FullName)}, not a {typeof(T).FullName}.");
    }
}
