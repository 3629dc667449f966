using MiniDask.Graph.Codecs;
using MiniDask.Kernels;

namespace MiniDask.Worker;

/// <summary>The size in bytes of a task result, as the memory limit counts it.</summary>
internal static class ValueSizes
{
    private const long ObjectOverhead = 32;

    /// <summary>Buffers count their bytes; other values count what their codec would send.</summary>
    public static long Of(object? value) => value switch
    {
        null => 0,
        INDArray block => ObjectOverhead + block.AsBytes().Length,
        System.Array array when array.GetType().GetElementType()!.IsPrimitive => ObjectOverhead + Buffer.ByteLength(array),
        string text => ObjectOverhead + (2L * text.Length),
        _ when value.GetType().IsPrimitive => ObjectOverhead,
        _ => Encoded(value),
    };

    private static long Encoded(object value)
    {
        try
        {
            return ObjectOverhead + ValueCodecs.Encode(value).TotalBytes;
        }
        catch (NotSupportedException)
        {
            // A value with no codec cannot leave this worker; count it as an object.
            return ObjectOverhead;
        }
    }
}
