using System.Buffers;
using System.IO.Compression;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace MiniDask.Array.Storage.Codecs;

/// <summary>No compression (a <c>null</c> compressor): chunks hold their raw bytes.</summary>
internal sealed class RawCodec : IChunkCodec
{
    /// <summary>The one instance.</summary>
    public static readonly RawCodec Instance = new();

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<byte> raw, int itemSize, Stream destination) => destination.Write(raw);

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded)
    {
        Codec.CheckLength(encoded.Length, decoded.Length, "raw");
        encoded.CopyTo(decoded);
    }
}

/// <summary>numcodecs' <c>zlib</c> (a zlib stream) and <c>gzip</c> (a gzip member), through System.IO.Compression.</summary>
/// <param name="gzip">Whether the stream has gzip's header rather than zlib's.</param>
/// <param name="level">The compression level, 0 to 9.</param>
internal sealed class DeflateCodec(bool gzip, int level) : IChunkCodec
{
    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<byte> raw, int itemSize, Stream destination)
    {
        using var stream = gzip
            ? (Stream)new GZipStream(destination, Options(level), leaveOpen: true)
            : new ZLibStream(destination, Options(level), leaveOpen: true);
        stream.Write(raw);
    }

    /// <inheritdoc/>
    public unsafe void Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded)
    {
        fixed (byte* p = encoded)
        {
            using var input = new UnmanagedMemoryStream(p, encoded.Length);
            using Stream stream = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
            Codec.ReadExactly(stream, decoded, gzip ? "gzip" : "zlib");
        }
    }

    /// <summary>
    /// A zlib level (0 to 9) as .NET's options: level 0 stores, any other is passed on as zlib's own level.
    /// </summary>
    internal static ZLibCompressionOptions Options(int level) => new() { CompressionLevel = level };
}

/// <summary>numcodecs' <c>zstd</c>: one Zstandard frame per chunk, through ZstdSharp.</summary>
/// <param name="level">The compression level.</param>
internal sealed class ZstdCodec(int level) : IChunkCodec
{
    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<byte> raw, int itemSize, Stream destination) =>
        Codec.WritePooled(Compressor.GetCompressBound(raw.Length), raw, level, destination, static (source, target, level) =>
        {
            using var compressor = new Compressor(level);
            return compressor.Wrap(source, target);
        });

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded) => Codec.Zstd(encoded, decoded, "zstd");
}

/// <summary>
/// numcodecs' <c>lz4</c>: the uncompressed size as a little-endian 32-bit integer, then one LZ4
/// block, through K4os.Compression.LZ4.
/// </summary>
/// <param name="acceleration">numcodecs' acceleration; 1 and above compress with LZ4's fast mode.</param>
internal sealed class Lz4Codec(int acceleration) : IChunkCodec
{
    /// <summary>numcodecs' acceleration, kept for the metadata; K4os' fast mode serves every value.</summary>
    public int Acceleration { get; } = acceleration;

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<byte> raw, int itemSize, Stream destination) =>
        Codec.WritePooled(4 + LZ4Codec.MaximumOutputSize(raw.Length), raw, 0, destination, static (source, target, _) =>
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(target, source.Length);
            var n = LZ4Codec.Encode(source, target[4..]);
            return n < 0 ? throw new InvalidOperationException("LZ4 could not compress a chunk.") : 4 + n;
        });

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded)
    {
        if (encoded.Length < 4)
        {
            throw new InvalidDataException($"An lz4 chunk of {encoded.Length} bytes is shorter than its 4-byte size header.");
        }

        Codec.CheckLength(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(encoded), decoded.Length, "lz4");
        Codec.CheckLength(LZ4Codec.Decode(encoded[4..], decoded), decoded.Length, "lz4");
    }
}

/// <summary>Compresses <c>source</c> into <c>target</c> (large enough) at a level; returns the bytes written.</summary>
internal delegate int SpanCompressor(ReadOnlySpan<byte> source, Span<byte> target, int level);

/// <summary>Checks and buffers shared by the codecs.</summary>
internal static class Codec
{
    /// <summary>
    /// Compresses <paramref name="raw"/> with <paramref name="compress"/> into a pooled buffer of
    /// <paramref name="bound"/> bytes and writes the result to <paramref name="destination"/>, so
    /// a chunk leaves no large garbage behind.
    /// </summary>
    public static void WritePooled(int bound, ReadOnlySpan<byte> raw, int level, Stream destination, SpanCompressor compress)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var written = compress(raw, buffer.AsSpan(0, bound), level);
            destination.Write(buffer, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Throws unless a chunk decoded to <paramref name="expected"/> bytes.</summary>
    /// <exception cref="InvalidDataException">It decoded to another size, or failed (a negative size).</exception>
    public static void CheckLength(long actual, long expected, string codec)
    {
        if (actual != expected)
        {
            throw new InvalidDataException(actual < 0
                ? $"The {codec} data of a chunk is malformed."
                : $"A {codec} chunk decodes to {actual} bytes, but the chunk holds {expected}.");
        }
    }

    /// <summary>Fills <paramref name="decoded"/> from <paramref name="stream"/>, which must end there.</summary>
    /// <exception cref="InvalidDataException">The stream ends early, holds more, or is malformed.</exception>
    public static void ReadExactly(Stream stream, Span<byte> decoded, string codec)
    {
        try
        {
            var read = stream.ReadAtLeast(decoded, decoded.Length, throwOnEndOfStream: false);
            CheckLength(read == decoded.Length && stream.ReadByte() >= 0 ? read + 1 : read, decoded.Length, codec);
        }
        catch (InvalidDataException e) when (!e.Message.Contains("chunk", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The {codec} data of a chunk is malformed: {e.Message}", e);
        }
    }

    /// <summary>Decodes one Zstandard frame into exactly <paramref name="decoded"/>.</summary>
    /// <exception cref="InvalidDataException">The frame is malformed or of another size.</exception>
    public static void Zstd(ReadOnlySpan<byte> encoded, Span<byte> decoded, string codec)
    {
        int written;
        try
        {
            using var decompressor = new Decompressor();
            written = decompressor.Unwrap(encoded, decoded);
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"The {codec} data of a chunk is malformed: {e.Message}", e);
        }

        CheckLength(written, decoded.Length, codec);
    }
}
