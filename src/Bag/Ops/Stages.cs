using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>The element-wise stages a pipeline can hold, by kind. The first type argument of each is its input element type.</summary>
internal static class StageKinds
{
    public const string Map = "map";
    public const string Filter = "filter";
    public const string SelectMany = "select-many";
    public const string SelectManyResult = "select-many-result";
    public const string Flatten = "flatten";
    public const string Pluck = "pluck";
    public const string Join = "join";

    private static readonly Dictionary<string, Type> Definitions = new(StringComparer.Ordinal)
    {
        [Map] = typeof(MapStage<,>),
        [Filter] = typeof(FilterStage<>),
        [SelectMany] = typeof(SelectManyStage<,>),
        [SelectManyResult] = typeof(SelectManyResultStage<,,>),
        [Flatten] = typeof(FlattenStage<,>),
        [Pluck] = typeof(PluckStage<,>),
        [Join] = typeof(JoinStage<,,,>),
    };

    /// <summary>The generic stage class of <paramref name="kind"/>.</summary>
    /// <exception cref="InvalidOperationException">No stage has that kind.</exception>
    public static Type Definition(string kind) =>
        Definitions.TryGetValue(kind, out var type) ? type : throw new InvalidOperationException($"Unknown bag pipeline stage '{kind}'.");
}

/// <summary>Select: <c>[kind, types, selector]</c>.</summary>
internal sealed class MapStage<T, TResult>(object?[] spec, Sink<TResult> next, StreamContext context) : Sink<T>
{
    private readonly TypedFunction<Func<T, TResult>> selector = UserFunctions.Typed<Func<T, TResult>>(spec[2]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Push(T item) => next.Push(selector.Apply(item, context));
}

/// <summary>Where: <c>[kind, types, predicate]</c>.</summary>
internal sealed class FilterStage<T>(object?[] spec, Sink<T> next, StreamContext context) : Sink<T>
{
    private readonly TypedFunction<Func<T, bool>> predicate = UserFunctions.Typed<Func<T, bool>>(spec[2]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Push(T item)
    {
        if (predicate.Apply(item, context))
        {
            next.Push(item);
        }
    }
}

/// <summary>SelectMany: <c>[kind, types, collection selector]</c>.</summary>
internal sealed class SelectManyStage<T, TResult>(object?[] spec, Sink<TResult> next, StreamContext context) : Sink<T>
{
    private readonly TypedFunction<Func<T, IEnumerable<TResult>>> selector = UserFunctions.Typed<Func<T, IEnumerable<TResult>>>(spec[2]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Push(T item) => Collections.PushAll(selector.Apply(item, context), next, selector.Name, item, context);
}

/// <summary>SelectMany with a result selector: <c>[kind, types, collection selector, result selector]</c>.</summary>
internal sealed class SelectManyResultStage<T, TCollection, TResult>(object?[] spec, Sink<TResult> next, StreamContext context) : Sink<T>
{
    private readonly Sink<TResult> next = next;
    private readonly StreamContext context = context;

    private readonly TypedFunction<Func<T, IEnumerable<TCollection>>> collectionSelector =
        UserFunctions.Typed<Func<T, IEnumerable<TCollection>>>(spec[2]);

    private readonly TypedFunction<Func<T, TCollection, TResult>> resultSelector = UserFunctions.Typed<Func<T, TCollection, TResult>>(spec[3]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Push(T item) =>
        Collections.PushAll(collectionSelector.Apply(item, context), new Pairing(item, this), collectionSelector.Name, item, context);

    /// <summary>Receives the items of one element's collection and pushes their results on.</summary>
    private sealed class Pairing(T item, SelectManyResultStage<T, TCollection, TResult> stage) : Sink<TCollection>
    {
        public override void Push(TCollection inner) =>
            stage.next.Push(stage.resultSelector.Apply(item, inner, item, stage.context));
    }
}

/// <summary>Flatten: each collection's elements, in order: <c>[kind, types]</c>.</summary>
internal sealed class FlattenStage<TCollection, TResult>(object?[] spec, Sink<TResult> next, StreamContext context) : Sink<TCollection>
    where TCollection : IEnumerable<TResult>
{
    private readonly string kind = (string)spec[0]!;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Push(TCollection item)
    {
        if (item is not null)
        {
            Collections.PushAll(item, next, kind, item, context);
        }
    }
}

/// <summary>Pluck: <c>[kind, types, member path]</c>, through a compiled accessor.</summary>
internal sealed class PluckStage<T, TResult>(object?[] spec, Sink<TResult> next, StreamContext context) : Sink<T>
{
    private readonly TypedFunction<Func<T, TResult>> accessor = new(MemberPaths.Accessor<T, TResult>((string)spec[2]!), $"Pluck(\"{spec[2]}\")");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Push(T item) => next.Push(accessor.Apply(item, context));
}

/// <summary>Pushing the elements of a collection a user function returned.</summary>
internal static class Collections
{
    /// <summary>Pushes every element of <paramref name="items"/>; arrays and lists in a plain loop, other sequences with their enumeration errors blamed on <paramref name="function"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PushAll<TSource, TResult>(IEnumerable<TResult> items, Sink<TResult> next, string function, TSource source, StreamContext context)
    {
        if (items is TResult[] array)
        {
            foreach (var item in array)
            {
                next.Push(item);
            }

            return;
        }

        if (items is List<TResult> list)
        {
            foreach (var item in CollectionsMarshal.AsSpan(list))
            {
                next.Push(item);
            }

            return;
        }

        using var enumerator = items.GetEnumerator();
        while (true)
        {
            TResult current;
            try
            {
                if (!enumerator.MoveNext())
                {
                    return;
                }

                current = enumerator.Current;
            }
            catch (Exception e)
            {
                throw context.Fail(function, source, e);
            }

            next.Push(current);
        }
    }
}
