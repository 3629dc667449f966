using System.Collections;
using System.Security.Cryptography;
using MiniDask.Graph.Codecs;

namespace MiniDask.Graph;

/// <summary>
/// Turns the arguments of a delayed call into task arguments (Dask's <c>unpack_collections</c>):
/// delayed values and futures become references to their keys, collections become a finalize
/// task's key, lists holding any of these become lists of arguments, and everything else is a
/// literal. Collects the graphs and futures the call depends on and a deterministic token of
/// every argument.
/// </summary>
internal sealed class DelayedArguments
{
    private readonly List<TaskGraph> graphs = [];
    private readonly List<IFuture> futures = [];
    private readonly List<object?> tokens = [];

    /// <summary>The graphs the arguments read.</summary>
    public IReadOnlyList<TaskGraph> Graphs => graphs;

    /// <summary>The futures the arguments read, directly or through delayed values.</summary>
    public IReadOnlyList<IFuture> Futures => futures;

    /// <summary>One token part per argument, for the call's key name.</summary>
    public IReadOnlyList<object?> Tokens => tokens;

    /// <summary>Adds one argument and returns its task argument.</summary>
    /// <exception cref="ArgumentException">The argument is a collection that cannot stand for its value; the message names it.</exception>
    public TaskArg Add(object? value)
    {
        var (arg, token) = Convert(value);
        tokens.Add(token);
        return arg;
    }

    /// <summary>The futures of <paramref name="more"/> after those of <paramref name="first"/>, each once.</summary>
    public static IReadOnlyList<IFuture> Union(IReadOnlyList<IFuture> first, IEnumerable<IFuture> more)
    {
        var all = first.ToList();
        foreach (var future in more)
        {
            if (!all.Contains(future))
            {
                all.Add(future);
            }
        }

        return all;
    }

    private (TaskArg Arg, object? Token) Convert(object? value)
    {
        if (value is IImplicitLiteral { IsImplicitLiteral: true } wrapped)
        {
            return (TaskArg.Literal(wrapped.ImplicitValue), TokenOf(wrapped.ImplicitValue));
        }

        switch (value)
        {
            case IDelayed delayed:
                graphs.Add(delayed.Graph);
                AddFutures(delayed.Futures);
                return (TaskArg.Ref(delayed.Key), delayed.Key);
            case IFuture future:
                graphs.Add(FutureTasks.Graph(future));
                AddFutures([future]);
                return (TaskArg.Ref(future.Key), future.Key);
            case IFinalizable collection:
                var finalized = Delayed.Finalized(collection);
                graphs.Add(finalized.Graph);
                return (TaskArg.Ref(finalized.Key), finalized.Key);
            case IDaskCollection other:
                throw new ArgumentException(
                    $"A {other.GetType().Name} cannot be passed to a delayed call: it does not implement IFinalizable, so there is no task that turns its blocks into one value. Compute it first, or pass its blocks.");
            case IEnumerable items when value is not string && ContainsLazy(items):
                var converted = items.Cast<object?>().Select(Convert).ToList();
                return (TaskArg.List(converted.Select(c => c.Arg)), converted.Select(c => c.Token).ToList());
            default:
                return (TaskArg.Literal(value), TokenOf(value));
        }
    }

    private void AddFutures(IEnumerable<IFuture> more)
    {
        foreach (var future in more)
        {
            if (!futures.Contains(future))
            {
                futures.Add(future);
            }
        }
    }

    private static bool ContainsLazy(IEnumerable items)
    {
        foreach (var item in items)
        {
            if (item is IDaskCollection or IFuture || (item is IEnumerable inner and not string && ContainsLazy(inner)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A deterministic token part for a literal: the value itself where <see cref="Tokenize"/>
    /// accepts it, else a hash of its encoding (the bytes that would cross a process boundary).
    /// </summary>
    private static object? TokenOf(object? value)
    {
        if (value is null or string or Key || value.GetType().IsPrimitive)
        {
            return value;
        }

        try
        {
            Tokenize.Token(value);
            return value;
        }
        catch (ArgumentException)
        {
        }

        try
        {
            var encoded = ValueCodecs.Encode(value);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(encoded.Header.Span);
            foreach (var segment in encoded.Segments)
            {
                hash.AppendData(segment.Bytes.Span);
            }

            return encoded.Tag + ":" + System.Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (NotSupportedException)
        {
            // Nothing deterministic describes this value: a fresh token keeps keys distinct.
            return Guid.NewGuid().ToString("N");
        }
    }
}

/// <summary>A delayed value that only wraps a plain value converted implicitly (see <see cref="Delayed{T}"/>'s conversion from <c>T</c>).</summary>
internal interface IImplicitLiteral
{
    /// <summary>Whether the value came from the implicit conversion.</summary>
    bool IsImplicitLiteral { get; }

    /// <summary>The plain value.</summary>
    object? ImplicitValue { get; }
}
