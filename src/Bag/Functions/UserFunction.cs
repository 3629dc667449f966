using System.Reflection;
using System.Runtime.ExceptionServices;

namespace MiniDask.Bag;

/// <summary>
/// A user delegate registered under an op name. Bag ops fetch the typed delegate and call it in
/// a loop; <see cref="Invoke"/> is the untyped form that <see cref="MiniDask.Graph.OpRegistry"/> holds.
/// </summary>
internal sealed class UserFunction(string name, Delegate function)
{
    /// <summary>The op name the function is registered under.</summary>
    public string Name { get; } = name;

    /// <summary>A readable name for messages, such as <c>lambda in Program.Main</c>.</summary>
    public string DisplayName { get; } = UserFunctions.DisplayName(name);

    /// <summary>Calls the function with boxed arguments (used when a task calls it directly as its op).</summary>
    public object? Invoke(object?[] args)
    {
        try
        {
            return function.DynamicInvoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>The function as a <typeparamref name="TDelegate"/> (variance included).</summary>
    /// <exception cref="InvalidCastException">The function has another signature.</exception>
    public TDelegate As<TDelegate>()
        where TDelegate : Delegate =>
        function as TDelegate
        ?? throw new InvalidCastException($"{DisplayName} is a {function.GetType().Name}, not the {typeof(TDelegate).Name} this task needs.");
}

/// <summary>A user function as a typed delegate, with its readable name for error messages.</summary>
/// <param name="Call">The delegate.</param>
/// <param name="Name">The readable name (see <see cref="UserFunctions.DisplayName"/>).</param>
internal readonly record struct TypedFunction<TDelegate>(TDelegate Call, string Name)
    where TDelegate : Delegate;

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
