using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>Calls of typed user functions that blame a failure on the function, with where it happened.</summary>
internal static class TypedFunctions
{
    /// <summary>
    /// <c>function(item)</c>; a failure becomes a <see cref="UserFunctionException"/> naming the
    /// partition and element of <paramref name="context"/>, or the combine step when it is null.
    /// </summary>
    public static TResult Apply<T, TResult>(this TypedFunction<Func<T, TResult>> function, T item, StreamContext? context)
    {
        try
        {
            return function.Call(item);
        }
        catch (Exception e)
        {
            throw Failure(function.Name, item, context, e);
        }
    }

    /// <summary><c>function(first, second)</c>, failures blamed as by <see cref="Apply{T, TResult}"/> and described by <paramref name="value"/>.</summary>
    public static TResult Apply<T1, T2, TResult, TValue>(
        this TypedFunction<Func<T1, T2, TResult>> function, T1 first, T2 second, TValue value, StreamContext? context)
    {
        try
        {
            return function.Call(first, second);
        }
        catch (Exception e)
        {
            throw Failure(function.Name, value, context, e);
        }
    }

    private static UserFunctionException Failure<T>(string function, T value, StreamContext? context, Exception inner) =>
        context is null ? UserFunctionException.OnCombine(function, inner) : context.Fail(function, value, inner);
}
