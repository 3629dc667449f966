using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MiniDask.Graph.Functions;

namespace MiniDask.Graph;

/// <summary>
/// The ops of delayed graphs, registered when the assembly loads: calls of user functions
/// (<c>delayed.call:{function}</c>, rebuilt from the name in any process that can load the
/// function), held values, items of tuples and lists, and future placeholders.
/// </summary>
internal static class DelayedOps
{
    /// <summary>The prefix of ops calling a user function: <c>delayed.call:{function name}</c>.</summary>
    public const string CallPrefix = "delayed.call:";

    /// <summary><c>(value)</c>: the value held in the task.</summary>
    public const string ValueOp = "delayed.value";

    /// <summary><c>(value, int index)</c>: item <c>index</c> of a tuple or list.</summary>
    public const string ItemOp = "delayed.item";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Ops must be registered before any task naming them runs, in every process that loads this assembly.")]
    internal static void Register()
    {
        OpRegistry.Register(ValueOp, static args => args[0]);
        OpRegistry.Register(ItemOp, Item);
        OpRegistry.Register(FutureTasks.Op, FutureTasks.Fetch);
        OpRegistry.RegisterResolver(CallPrefix, static name => Call(UserFunctions.Resolve(name[CallPrefix.Length..])));
    }

    /// <summary>The op that calls <paramref name="function"/>, converting list arguments to its parameter types.</summary>
    private static OpFunc Call(UserFunction function)
    {
        var parameters = function.ParameterTypes;
        return args =>
        {
            if (args.Length != parameters.Count)
            {
                throw new ArgumentException(
                    $"{function.DisplayName} takes {parameters.Count} argument{(parameters.Count == 1 ? "" : "s")} but the task passes {args.Length}.");
            }

            for (var i = 0; i < args.Length; i++)
            {
                // The function may keep its inputs (in a record, a closure): their memory must never be reused.
                ValueRecycling.Escaped(args[i]);
                args[i] = Convert(args[i], parameters[i], function.DisplayName, i);
            }

            return function.Invoke(args);
        };
    }

    /// <summary>
    /// A resolved argument as parameter type <paramref name="type"/>: lists built from delayed values
    /// arrive as <c>object?[]</c> and become the array, list or sequence type the function takes.
    /// </summary>
    private static object? Convert(object? value, Type type, string function, int position)
    {
        if (value is not object?[] items || type.IsInstanceOfType(value))
        {
            return value;
        }

        var element = ElementType(type)
            ?? throw new ArgumentException(
                $"Argument {position} of {function} is a list of {items.Length} values, but the parameter is a {type.Name}, not an array or list.");
        var converted = System.Array.CreateInstance(element, items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            converted.SetValue(Convert(items[i], element, function, position), i);
        }

        if (type.IsInstanceOfType(converted))
        {
            return converted;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element), items.Length)!;
        foreach (var item in converted)
        {
            list.Add(item);
        }

        return type.IsInstanceOfType(list)
            ? list
            : throw new ArgumentException($"Argument {position} of {function} is a list, which cannot be passed as a {type.Name}.");
    }

    /// <summary>The element type of an array, list or sequence type; null for anything else.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type == typeof(object) || type == typeof(IEnumerable) || type == typeof(IList))
        {
            return typeof(object);
        }

        return type.IsGenericType && type.GetGenericArguments() is [var single]
            && type.IsAssignableFrom(typeof(List<>).MakeGenericType(single))
            ? single
            : null;
    }

    private static object? Item(object?[] args)
    {
        var index = (int)args[1]!;
        return args[0] switch
        {
            ITuple tuple when (uint)index < (uint)tuple.Length => tuple[index],
            IList list when (uint)index < (uint)list.Count => list[index],
            ITuple tuple => throw new IndexOutOfRangeException($"Item {index} of a tuple of {tuple.Length}."),
            IList list => throw new IndexOutOfRangeException($"Item {index} of a list of {list.Count}."),
            var other => throw new InvalidCastException(
                $"Item {index} of a {other?.GetType().Name ?? "null"}: only tuples and lists have items."),
        };
    }
}
