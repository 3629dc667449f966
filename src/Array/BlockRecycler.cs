using System.Collections;
using System.Runtime.CompilerServices;
using MiniDask.Graph;
using MiniDask.Graph.Loading;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Recycles the buffers of dense blocks the engine has released (see <see cref="ValueRecycling"/>),
/// so that a computation streaming many same-sized blocks reuses a few buffers instead of
/// faulting in fresh memory for every block. A block is recycled only while nothing else can
/// reach its buffer: any result that refers to it (the block itself, a view, a container
/// holding either) pins it for good, and so does handing it to the caller.
/// </summary>
internal sealed class BlockRecycler : IValueRecycler
{
    /// <summary>How deep into nested containers a result is searched for references to a block.</summary>
    private const int SearchDepth = 4;

    private static readonly TypeCache<object> CanHoldBlocks = new();

    public static BlockRecycler Instance { get; } = new();

    private BlockRecycler()
    {
    }

    public void Derived(object input, object? result)
    {
        switch (input)
        {
            case INDArray block when block.IsRecyclable:
                if (result is not null && Refers(result, block, SearchDepth))
                {
                    block.MarkShared();
                }

                break;
            case object?[] items:
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        Derived(item, result);
                    }
                }

                break;
        }
    }

    public void Released(object value)
    {
        if (value is INDArray block)
        {
            block.Recycle();
        }
    }

    public void Escaped(object value) => Pin(value, SearchDepth);

    private static void Pin(object value, int depth)
    {
        switch (value)
        {
            case INDArray block:
                block.MarkShared();
                break;
            case { } when depth == 0 || !MayHoldBlocks(value.GetType()):
                break;
            case ITuple tuple:
                for (var i = 0; i < tuple.Length; i++)
                {
                    if (tuple[i] is { } item)
                    {
                        Pin(item, depth - 1);
                    }
                }

                break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        Pin(item, depth - 1);
                    }
                }

                break;
        }
    }

    /// <summary>Whether <paramref name="result"/> is, views, or contains <paramref name="block"/>'s buffer.</summary>
    private static bool Refers(object result, INDArray block, int depth)
    {
        switch (result)
        {
            case INDArray array:
                return array.SharesBufferWith(block);
            case { } when depth == 0 || !MayHoldBlocks(result.GetType()):
                return false;
            case ITuple tuple:
                for (var i = 0; i < tuple.Length; i++)
                {
                    if (tuple[i] is { } item && Refers(item, block, depth - 1))
                    {
                        return true;
                    }
                }

                return false;
            case IEnumerable items:
                foreach (var item in items)
                {
                    if (item is not null && Refers(item, block, depth - 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether a value of type <paramref name="type"/> can refer to a block: false for strings,
    /// primitives and collections or tuples of them, so that large results of those are not walked.
    /// </summary>
    private static bool MayHoldBlocks(Type type) => (bool)CanHoldBlocks.GetOrAdd(type, static t => Inspect(t, 0));

    private static bool Inspect(Type type, int depth)
    {
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal))
        {
            return false;
        }

        if (depth > SearchDepth)
        {
            return true;
        }

        if (type.IsArray)
        {
            return Inspect(type.GetElementType()!, depth + 1);
        }

        // The BCL's collections and tuples hold only what their type arguments allow.
        return !type.IsGenericType || type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true
            || type.GetGenericArguments().Any(a => Inspect(a, depth + 1));
    }
}
