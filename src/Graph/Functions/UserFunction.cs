using System.Reflection;
using System.Runtime.ExceptionServices;

namespace MiniDask.Graph.Functions;

/// <summary>
/// A user delegate registered under an op name. Collection ops fetch the typed delegate and call
/// it in a loop; <see cref="Invoke"/> is the untyped form that <see cref="OpRegistry"/> holds.
/// </summary>
public sealed class UserFunction(string name, Delegate function)
{
    /// <summary>The op name the function is registered under.</summary>
    public string Name { get; } = name;

    /// <summary>A readable name for messages, such as <c>lambda in Program.Main</c>.</summary>
    public string DisplayName { get; } = UserFunctions.DisplayName(name);

    /// <summary>The types of the function's parameters, in order.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; } = [.. function.Method.GetParameters().Select(p => p.ParameterType)];

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

    /// <summary>
    /// The function as a <typeparamref name="TDelegate"/> (variance included; a method of the
    /// same signature under another delegate type is rebound to it).
    /// </summary>
    /// <exception cref="InvalidCastException">The function has another signature.</exception>
    public TDelegate As<TDelegate>()
        where TDelegate : Delegate =>
        function as TDelegate
        ?? (TDelegate?)Delegate.CreateDelegate(typeof(TDelegate), function.Target, function.Method, throwOnBindFailure: false)
        ?? throw new InvalidCastException($"{DisplayName} is a {function.GetType().Name}, not the {typeof(TDelegate).Name} this task needs.");
}

/// <summary>A user function as a typed delegate, with its readable name for error messages.</summary>
/// <param name="Call">The delegate.</param>
/// <param name="Name">The readable name (see <see cref="UserFunctions.DisplayName"/>).</param>
public readonly record struct TypedFunction<TDelegate>(TDelegate Call, string Name)
    where TDelegate : Delegate;
