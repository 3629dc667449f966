using MiniDask.Graph;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

/// <summary>The checks a bag or item passes before a distributed run: sendable functions and sendable values.</summary>
internal static class Distributable
{
    /// <summary>Checks every element type of <paramref name="elementTypes"/>, then every user function <paramref name="graph"/> names.</summary>
    public static void Ensure(TaskGraph graph, IEnumerable<Type> elementTypes)
    {
        foreach (var type in elementTypes)
        {
            BagCodec.EnsureSerializable(type);
        }

        UserFunctions.EnsureDistributable(graph);
    }
}
