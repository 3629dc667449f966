using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>Ops that produce whole partitions: materializing a pipeline, and functions of whole partitions.</summary>
internal static class PartitionOps
{
    /// <summary>A partition streamed through the bag's stages into a list: <c>[types, source, index, stages]</c>.</summary>
    public static object? Materialize<T>(object?[] args) => Streams.Into<T, ListSink<T>>(args, static _ => new()).Items;

    /// <summary>MapPartitions: <c>[types, partition, index, function of the whole partition]</c>.</summary>
    public static object? MapPartitions<T, TResult>(object?[] args)
    {
        var index = (int)args[2]!;
        var items = Partition.List<T>(args[1], index);
        var function = UserFunctions.Typed<Func<IEnumerable<T>, IEnumerable<TResult>>>(args[3]);
        try
        {
            var output = function.Call(items.AsReadOnly());
            return output as List<TResult> ?? [.. output];
        }
        catch (Exception e)
        {
            throw UserFunctionException.OnPartition(function.Name, index, e);
        }
    }
}
