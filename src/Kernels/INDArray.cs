namespace MiniDask.Kernels;

/// <summary>
/// A dense block seen without its element type: what codecs, transports and device backends
/// need to move it (dtype, shape and the raw little-endian buffer).
/// </summary>
public interface INDArray
{
    /// <summary>The size of each axis, outermost first.</summary>
    ReadOnlySpan<int> Shape { get; }

    /// <summary>The number of axes (0 for a 0-d array).</summary>
    int Rank { get; }

    /// <summary>The number of elements.</summary>
    int Length { get; }

    /// <summary>The NumPy name of the element type, such as <c>float64</c>.</summary>
    string DType { get; }

    /// <summary>The CLR element type.</summary>
    Type ElementType { get; }

    /// <summary>The buffer as bytes, in row-major order; writes go to the array.</summary>
    Span<byte> AsBytes();

    /// <summary>Writes the array to <paramref name="stream"/> in NumPy <c>.npy</c> format.</summary>
    void SaveNpy(Stream stream);

    /// <summary>Writes the array to the file <paramref name="path"/> in NumPy <c>.npy</c> format.</summary>
    void SaveNpy(string path);

    /// <summary>
    /// Whether the engine may still recycle this array's buffer once no task needs the array
    /// (see <see cref="BlockPool"/>).
    /// </summary>
    bool IsRecyclable { get; }

    /// <summary>Marks the buffer as referenced from elsewhere, so it is never recycled.</summary>
    void MarkShared();

    /// <summary>Gives the buffer back to the <see cref="BlockPool"/> if this array still owns it alone.</summary>
    /// <returns>Whether the buffer went back to the pool.</returns>
    bool Recycle();

    /// <summary>Whether <paramref name="other"/> is this array or a view of the same buffer.</summary>
    bool SharesBufferWith(INDArray other);
}
