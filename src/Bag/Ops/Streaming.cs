using System.Reflection;
using System.Runtime.CompilerServices;
using MiniDask.Graph.Loading;

namespace MiniDask.Bag;

/// <summary>
/// Receives the elements of a partition one at a time: a stage transforms them and passes them
/// on, a terminal sink accumulates them (into a list, a count, a dictionary, a file).
/// </summary>
internal abstract class Sink<T>
{
    /// <summary>Receives one element.</summary>
    public abstract void Push(T item);
}

/// <summary>Where a partition's stream is, for error messages: the partition, and the index of the input element being processed.</summary>
internal sealed class StreamContext(int partition)
{
    /// <summary>The index of the input element being processed; written by the stream's head loop.</summary>
    public long Element;

    /// <summary>The partition being streamed.</summary>
    public int Partition { get; } = partition;

    /// <summary>The error for <paramref name="function"/> failing on <paramref name="value"/> here.</summary>
    public UserFunctionException Fail<T>(string function, T value, Exception inner) =>
        UserFunctionException.OnElement(function, Partition, Element, value, inner);
}

/// <summary>
/// Runs a partition through a pipeline of element-wise stages into a sink, in one pass: a tight
/// loop over the input list pushes each element through the stages, so no intermediate partition
/// is materialized (Dask gets the same from lazy iterators inside fused tasks). Stages are given as
/// data, <c>[kind, type names, ..arguments]</c>, and built here once per task.
/// </summary>
internal static class Streams
{
    // Per load context, so that stages over a client's uploaded types are that client's alone and unload with its code.
    private static readonly TypeCache<IHead> Heads = new();
    private static readonly ContextualCache<(string Kind, string Types), (ConstructorInfo Constructor, Type Input)> Stages = new();

    /// <summary>
    /// Streams the partition of a consumer task <c>[types, source, index, stages, ..]</c> into the sink
    /// that <paramref name="sink"/> makes, and returns the sink.
    /// </summary>
    public static TSink Into<TOut, TSink>(object?[] args, Func<StreamContext, TSink> sink)
        where TSink : Sink<TOut>
    {
        var context = new StreamContext((int)args[2]!);
        var target = sink(context);
        Run(args[1], (object?[])args[3]!, target, context);
        return target;
    }

    /// <summary>Pushes every element of <paramref name="source"/> through <paramref name="stages"/> into <paramref name="sink"/>.</summary>
    public static void Run<TOut>(object? source, object?[] stages, Sink<TOut> sink, StreamContext context)
    {
        object next = sink;
        var input = typeof(TOut);
        for (var k = stages.Length - 1; k >= 0; k--)
        {
            var spec = (object?[])stages[k]!;
            var (constructor, stageInput) = Stages.GetOrAdd(((string)spec[0]!, (string)spec[1]!), Close);
            next = constructor.Invoke([spec, next, context]);
            input = stageInput;
        }

        Heads.GetOrAdd(input, static t => (IHead)Activator.CreateInstance(typeof(Head<>).MakeGenericType(t))!).Run(source, next, context);
    }

    private static (ConstructorInfo, Type) Close((string Kind, string Types) stage)
    {
        var types = TypeNames.Resolve(stage.Types);
        var closed = StageKinds.Definition(stage.Kind).MakeGenericType(types);
        return (closed.GetConstructors().Single(), types[0]);
    }

    private interface IHead
    {
        void Run(object? source, object sink, StreamContext context);
    }

    private sealed class Head<T> : IHead
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(object? source, object sink, StreamContext context)
        {
            var items = Partition.Span<T>(source, context.Partition);
            var next = (Sink<T>)sink;
            for (var i = 0; i < items.Length; i++)
            {
                context.Element = i;
                next.Push(items[i]);
            }
        }
    }
}

/// <summary>A sink that collects the elements into a list: the materialized partition.</summary>
internal sealed class ListSink<T> : Sink<T>
{
    /// <summary>The elements received, in order.</summary>
    public List<T> Items { get; } = [];

    /// <inheritdoc />
    public override void Push(T item) => Items.Add(item);
}
