using MiniDask.Graph;
using MiniDask.Graph.Functions;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Typed futures: submitting a <see cref="Func{TResult}"/> gives a <see cref="Future{T}"/> of its
/// result type. Each argument is a value sent with the task or a <see cref="Future{T}"/> of the
/// parameter's type, whose result is passed without coming back.
/// </summary>
public sealed partial class Client
{
    /// <summary>Runs <paramref name="function"/> on a worker (<c>client.submit(func)</c>); see <see cref="SubmitAsync(Delegate, object?[])"/>.</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public Task<Future<TResult>> SubmitAsync<TResult>(Func<TResult> function) => SubmitTypedAsync<TResult>(function);

    /// <summary>Runs <paramref name="function"/> on a worker with a value.</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public Task<Future<TResult>> SubmitAsync<T1, TResult>(Func<T1, TResult> function, T1 arg1) => SubmitTypedAsync<TResult>(function, arg1);

    /// <summary>Runs <paramref name="function"/> on a worker with the result of <paramref name="arg1"/>.</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public Task<Future<TResult>> SubmitAsync<T1, TResult>(Func<T1, TResult> function, Future<T1> arg1) => SubmitTypedAsync<TResult>(function, arg1);

    /// <summary>Runs <paramref name="function"/> on a worker with two values.</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public Task<Future<TResult>> SubmitAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, T2 arg2) =>
        SubmitTypedAsync<TResult>(function, arg1, arg2);

    /// <summary>Runs <paramref name="function"/> on a worker with a future's result and a value.</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public Task<Future<TResult>> SubmitAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, Future<T1> arg1, T2 arg2) =>
        SubmitTypedAsync<TResult>(function, arg1, arg2);

    /// <summary>Runs <paramref name="function"/> on a worker with a value and a future's result.</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public Task<Future<TResult>> SubmitAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, T1 arg1, Future<T2> arg2) =>
        SubmitTypedAsync<TResult>(function, arg1, arg2);

    /// <summary>Runs <paramref name="function"/> on a worker with the results of two futures.</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public Task<Future<TResult>> SubmitAsync<T1, T2, TResult>(Func<T1, T2, TResult> function, Future<T1> arg1, Future<T2> arg2) =>
        SubmitTypedAsync<TResult>(function, arg1, arg2);

    /// <summary>Submits <paramref name="function"/> once per item (<c>client.map</c>), giving one typed future per item.</summary>
    /// <exception cref="ProcessLocalFunctionException">The function captures variables or <c>this</c>; the message names them.</exception>
    public async Task<IReadOnlyList<Future<TResult>>> MapAsync<T, TResult>(Func<T, TResult> function, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(items);
        var op = UserFunctions.Register(function);
        var futures = new List<Future<TResult>>();
        foreach (var item in items)
        {
            futures.Add(await SubmitOpAsync<TResult>(op, [item]).ConfigureAwait(false));
        }

        return futures;
    }

    /// <summary>The values of typed <paramref name="futures"/>, in order.</summary>
    /// <exception cref="TaskFailedException">A future's task failed.</exception>
    public async Task<T[]> GatherAsync<T>(IEnumerable<Future<T>> futures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(futures);
        var list = futures.ToList();
        var values = new T[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            values[i] = await list[i].ResultAsync(cancellationToken).ConfigureAwait(false);
        }

        return values;
    }

    private Task<Future<TResult>> SubmitTypedAsync<TResult>(Delegate function, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(function);
        return SubmitOpAsync<TResult>(UserFunctions.Register(function), args);
    }

    private async Task<Future<TResult>> SubmitOpAsync<TResult>(string op, object?[] args)
    {
        var (graph, key) = SingleTask(op, args);
        return (Future<TResult>)(await SubmitGraphAsync(graph, [key], SingleTaskOptions, (c, computation, id) => new Future<TResult>(c, computation, id)).ConfigureAwait(false))[0];
    }
}
