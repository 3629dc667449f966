namespace MiniDask.Graph.Codecs;

/// <summary>
/// The element type of a payload segment's buffer. A receiver allocates the destination as an
/// array of this type and reads the bytes straight into it, so a decoded <c>double[]</c> block
/// is the very array the transport filled.
/// </summary>
public enum PayloadElementType : byte
{
    /// <summary>Plain bytes (<c>byte[]</c>).</summary>
    Byte = 0,

    /// <summary>32-bit integers (<c>int[]</c>).</summary>
    Int32 = 1,

    /// <summary>64-bit integers (<c>long[]</c>).</summary>
    Int64 = 2,

    /// <summary>32-bit floats (<c>float[]</c>).</summary>
    Single = 3,

    /// <summary>64-bit floats (<c>double[]</c>).</summary>
    Double = 4,
}
