using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Worker;

/// <summary>The size in bytes of a task result, as the memory limit counts it.</summary>
internal static class ValueSizes
{
    private const long ObjectOverhead = 32;

    /// <summary>
    /// Buffers count their bytes; other values count what their codec would send. A block in
    /// device memory counts as an object: the device's own limit bounds it, not the worker's.
    /// </summary>
    public static long Of(object? value) => value switch
    {
        null => 0,
        IDeviceBlock => ObjectOverhead,
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
