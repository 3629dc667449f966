using System.Text;
using MiniDask.Graph.Codecs;

namespace MiniDask.Worker;

/// <summary>
/// A value spilled to disk in its wire form: the codec tag, the codec header, and each payload
/// segment with its element type, so reading it back allocates the same typed buffers a transfer would.
/// </summary>
internal static class SpillFile
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> and returns the bytes written.</summary>
    public static long Write(string path, object? value)
    {
        var encoded = ValueCodecs.Encode(value);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(encoded.Tag);
        writer.Write(encoded.Header.Length);
        writer.Write(encoded.Header.Span);
        writer.Write(encoded.Segments.Count);
        foreach (var segment in encoded.Segments)
        {
            writer.Write((byte)segment.ElementType);
            writer.Write(segment.Length);
            writer.Write(segment.Bytes.Span);
        }

        writer.Flush();
        return stream.Length;
    }

    /// <summary>Reads back a value written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a spilled value.</exception>
    public static object? Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var tag = reader.ReadString();
        var header = reader.ReadBytes(reader.ReadInt32());
        var count = reader.ReadInt32();
        var segments = new PayloadSegment[count];
        for (var i = 0; i < count; i++)
        {
            var type = (PayloadElementType)reader.ReadByte();
            var length = reader.ReadInt32();
            segments[i] = PayloadSegment.Allocate(type, length, out var destination);
            stream.ReadExactly(destination.Span);
        }

        return ValueCodecs.Decode(tag, header, segments);
    }
}
