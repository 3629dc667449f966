namespace MiniDask.Graph.Codecs;

/// <summary>
/// A value as it crosses a process boundary: the tag of its codec, a small header (type
/// arguments and inline data) and zero or more payload segments that are sent as they are.
/// </summary>
/// <param name="Tag">The codec's wire tag (see <see cref="IValueCodec.Tag"/>).</param>
/// <param name="Header">Type arguments and inline data.</param>
/// <param name="Segments">Raw buffers, in order; large arrays and blocks are not copied into them.</param>
public sealed record EncodedValue(string Tag, ReadOnlyMemory<byte> Header, IReadOnlyList<PayloadSegment> Segments)
{
    /// <summary>The header length plus the length of every segment.</summary>
    public long TotalBytes => Header.Length + Segments.Sum(s => (long)s.Length);
}
