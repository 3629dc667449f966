using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Worker;

/// <summary>The size in bytes of a task result: what sending it costs, and what it takes of the worker's memory.</summary>
internal static class ValueSizes
{
    private const long ObjectOverhead = 32;

    /// <summary>The bytes the value is sent as: buffers count their bytes, other values what their codec would send.</summary>
    public static long Of(object? value) => value switch
    {
        null => 0,
        IDeviceBlock device => ObjectOverhead + device.SizeInBytes,
        INDArray block => ObjectOverhead + block.AsBytes().Length,
        System.Array array when array.GetType().GetElementType()!.IsPrimitive => ObjectOverhead + Buffer.ByteLength(array),
        string text => ObjectOverhead + (2L * text.Length),
        _ when value.GetType().IsPrimitive => ObjectOverhead,
        _ => Encoded(value),
    };

    /// <summary>
    /// The bytes the value takes of host memory, as the memory limit counts it: as <see cref="Of"/>,
    /// except that a block in device memory counts as an object, bounded by its device's own limit.
    /// </summary>
    public static long InMemory(object? value) => value is IDeviceBlock ? ObjectOverhead : Of(value);

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
