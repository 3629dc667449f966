using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace MiniDask.Array.Storage.Codecs;

/// <summary>
/// numcodecs' <c>blosc</c> (Blosc 1, Zarr v2's default compressor): a 16-byte header (format
/// version, codec version, flags, item size, sizes), the start of each block, then each block,
/// shuffled and compressed on its own, optionally split into one stream per byte of the item.
/// Reads the compressors LZ4/LZ4HC, Zstandard, zlib and BloscLZ with byte, bit or no shuffle;
/// writes LZ4, LZ4HC, Zstandard and zlib, with blocks as Blosc sizes them and never split.
/// </summary>
/// <param name="cname">The compressor: <c>lz4</c>, <c>lz4hc</c>, <c>zstd</c> or <c>zlib</c> (for writing).</param>
/// <param name="level">Blosc's <c>clevel</c>, 0 (store) to 9.</param>
/// <param name="shuffle">The filter applied before compressing.</param>
/// <param name="blockSize">Bytes per block; 0 sizes them as Blosc does.</param>
internal sealed class BloscCodec(string cname, int level, BloscShuffle shuffle, int blockSize) : IChunkCodec
{
    private const int HeaderLength = 16;
    private const int MinBufferSize = 128;
    private const int MaxSplits = 16;
    private const byte ByteShuffleFlag = 0x01;
    private const byte MemcpyFlag = 0x02;
    private const byte BitShuffleFlag = 0x04;
    private const byte NoSplitFlag = 0x10;

    /// <summary>The compressors Blosc numbers in bits 5 to 7 of its flags.</summary>
    private static readonly string[] Formats = ["blosclz", "lz4", "snappy", "zlib", "zstd"];

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<byte> raw, int itemSize, Stream destination)
    {
        var typeSize = itemSize is > 0 and < 256 ? itemSize : 1;
        var filter = shuffle == BloscShuffle.Auto ? (typeSize == 1 ? BloscShuffle.Bit : BloscShuffle.Byte) : shuffle;
        var flags = (byte)(NoSplitFlag | (FormatOf(cname) << 5)
            | (filter == BloscShuffle.Byte ? ByteShuffleFlag : 0) | (filter == BloscShuffle.Bit ? BitShuffleFlag : 0));
        var size = raw.Length;
        var block = BlockSize(size, typeSize);
        var blocks = size == 0 ? 0 : (size + block - 1) / block;

        // Pooled buffers: the assembled chunk (never larger than the raw bytes plus the overhead
        // of storing every block raw), one block's shuffle and one block's compressed form.
        var capacity = HeaderLength + (8 * blocks) + size;
        var output = ArrayPool<byte>.Shared.Rent(capacity);
        var shuffled = ArrayPool<byte>.Shared.Rent(block);
        var compressed = ArrayPool<byte>.Shared.Rent(CompressBound(block));
        try
        {
            var at = -1;
            if (level > 0 && size >= MinBufferSize)
            {
                using var zstd = cname == "zstd" ? new Compressor(level) : null;
                at = HeaderLength + (4 * blocks);
                for (var b = 0; b < blocks && at >= 0; b++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(HeaderLength + (4 * b)), at);
                    var source = raw.Slice(b * block, Math.Min(block, size - (b * block)));
                    at = EncodeBlock(source, typeSize, filter, shuffled, compressed, zstd, output.AsSpan(0, capacity), at);
                }
            }

            if (at >= 0 && at < size + HeaderLength)
            {
                WriteHeader(output, flags, typeSize, size, block, at);
                destination.Write(output, 0, at);
                return;
            }

            // Too small or incompressible: the raw bytes after the header, as Blosc stores them.
            WriteHeader(output, (byte)(flags | MemcpyFlag), typeSize, size, block, HeaderLength + size);
            destination.Write(output, 0, HeaderLength);
            destination.Write(raw);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<byte>.Shared.Return(shuffled);
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    /// <inheritdoc/>
    public void Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded) => Decompress(encoded, decoded);

    /// <summary>Decodes one Blosc 1 buffer into <paramref name="decoded"/>, which must have its uncompressed size.</summary>
    /// <exception cref="InvalidDataException">The buffer is malformed, of another size, or uses a compressor that cannot be read.</exception>
    public static void Decompress(ReadOnlySpan<byte> src, Span<byte> decoded)
    {
        if (src.Length < HeaderLength)
        {
            throw new InvalidDataException($"A blosc chunk of {src.Length} bytes is shorter than Blosc's 16-byte header.");
        }

        var version = src[0];
        var flags = src[2];
        var typeSize = src[3];
        var size = BinaryPrimitives.ReadInt32LittleEndian(src[4..]);
        var block = BinaryPrimitives.ReadInt32LittleEndian(src[8..]);
        var total = BinaryPrimitives.ReadInt32LittleEndian(src[12..]);
        if (version is 0 or > 2)
        {
            throw new InvalidDataException($"A blosc chunk has format version {version}; Blosc 1 buffers (versions 1 and 2) are read, not Blosc 2 frames.");
        }

        Codec.CheckLength(size, decoded.Length, "blosc");
        if (total > src.Length || total < HeaderLength || typeSize == 0 || (size > 0 && block <= 0))
        {
            throw new InvalidDataException($"A blosc chunk's header is inconsistent: {total} compressed bytes of {src.Length}, item size {typeSize}, block size {block}.");
        }

        src = src[..total];
        if ((flags & MemcpyFlag) != 0)
        {
            Codec.CheckLength(total - HeaderLength, size, "blosc");
            src.Slice(HeaderLength, size).CopyTo(decoded);
            return;
        }

        var format = flags >> 5;
        var blocks = size == 0 ? 0 : (size + block - 1) / block;
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Min(block, size));
        try
        {
            for (var b = 0; b < blocks; b++)
            {
                var length = Math.Min(block, size - (b * block));
                var start = BinaryPrimitives.ReadInt32LittleEndian(src[(HeaderLength + (4 * b))..]);
                DecodeBlock(src, start, flags, format, typeSize, leftover: length < block, scratch.AsSpan(0, length), decoded.Slice(b * block, length));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void DecodeBlock(ReadOnlySpan<byte> src, int at, byte flags, int format, int typeSize, bool leftover, Span<byte> scratch, Span<byte> output)
    {
        var byteShuffled = (flags & ByteShuffleFlag) != 0 && typeSize > 1;
        var bitShuffled = (flags & BitShuffleFlag) != 0 && output.Length >= typeSize;
        var target = byteShuffled || bitShuffled ? scratch : output;
        var split = (flags & NoSplitFlag) == 0 && typeSize <= MaxSplits && output.Length / typeSize >= MinBufferSize && !leftover;
        var streams = split ? typeSize : 1;
        var streamLength = output.Length / streams;
        for (var s = 0; s < streams; s++)
        {
            if (at < 0 || at > src.Length - 4)
            {
                throw new InvalidDataException($"A blosc chunk's block data starts at byte {at}, outside its {src.Length} bytes.");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(src[at..]);
            at += 4;
            if (length < 0 || length > src.Length - at)
            {
                throw new InvalidDataException($"A blosc chunk's stream of {length} bytes at byte {at} runs past its {src.Length} bytes.");
            }

            var piece = target.Slice(s * streamLength, streamLength);
            if (length == streamLength)
            {
                src.Slice(at, length).CopyTo(piece);
            }
            else
            {
                DecompressStream(format, src.Slice(at, length), piece);
            }

            at += length;
        }

        if (byteShuffled)
        {
            Shuffle.UnBytes(typeSize, scratch, output);
        }
        else if (bitShuffled)
        {
            Shuffle.UnBits(typeSize, scratch, output);
        }
    }

    private static void DecompressStream(int format, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        switch (format)
        {
            case 0:
                Codec.CheckLength(BloscLZ.Decode(src, dst), dst.Length, "blosc/blosclz");
                break;
            case 1:
                Codec.CheckLength(LZ4Codec.Decode(src, dst), dst.Length, "blosc/lz4");
                break;
            case 3:
                new DeflateCodec(gzip: false, level: 0).Decode(src, dst);
                break;
            case 4:
                Codec.Zstd(src, dst, "blosc/zstd");
                break;
            default:
                throw new InvalidDataException(
                    $"A blosc chunk is compressed with {(format < Formats.Length ? Formats[format] : $"compressor {format}")}, which cannot be read; blosclz, lz4, lz4hc, zlib and zstd can.");
        }
    }

    private static void WriteHeader(Span<byte> output, byte flags, int typeSize, int size, int block, int total)
    {
        output[0] = 2;
        output[1] = 1;
        output[2] = flags;
        output[3] = (byte)typeSize;
        BinaryPrimitives.WriteInt32LittleEndian(output[4..], size);
        BinaryPrimitives.WriteInt32LittleEndian(output[8..], block);
        BinaryPrimitives.WriteInt32LittleEndian(output[12..], total);
    }

    private static int FormatOf(string cname) => cname switch
    {
        "lz4" or "lz4hc" => 1,
        "zlib" => 3,
        "zstd" => 4,
        _ => throw new NotSupportedException($"Blosc compressor '{cname}' cannot be written; use lz4, lz4hc, zstd or zlib."),
    };

    /// <summary>Blosc's block size for a chunk: the whole chunk up to 32 KB, then larger with the level (and doubled for the slower compressors).</summary>
    private int BlockSize(int size, int typeSize)
    {
        const int l1 = 32 * 1024;
        var block = size;
        if (blockSize > 0)
        {
            block = Math.Clamp(blockSize, MinBufferSize, int.MaxValue);
        }
        else if (size >= l1)
        {
            var factor = level switch { 0 => 0.25, 1 => 0.5, 2 => 1, 3 => 2, 4 or 5 => 4, _ => 8 };
            block = (int)(l1 * factor * (cname is "lz4hc" or "zlib" or "zstd" ? (level == 9 ? 4 : 2) : 1));
        }

        block = Math.Max(1, Math.Min(block, size));
        return block > typeSize ? block / typeSize * typeSize : block;
    }

    /// <summary>Room for any compressor's output of <paramref name="length"/> bytes (zlib's worst case included).</summary>
    private static int CompressBound(int length) =>
        Math.Max(LZ4Codec.MaximumOutputSize(length), Compressor.GetCompressBound(length)) + (length / 100) + 64;

    /// <summary>Shuffles and compresses one block at <paramref name="at"/> of <paramref name="output"/>; returns the next offset, or -1 when it would not fit.</summary>
    private int EncodeBlock(ReadOnlySpan<byte> source, int typeSize, BloscShuffle filter, byte[] shuffled, byte[] compressed, Compressor? zstd, Span<byte> output, int at)
    {
        ReadOnlySpan<byte> data = source;
        if (filter == BloscShuffle.Byte && typeSize > 1)
        {
            Shuffle.Bytes(typeSize, source, shuffled.AsSpan(0, source.Length));
            data = shuffled.AsSpan(0, source.Length);
        }
        else if (filter == BloscShuffle.Bit && source.Length >= typeSize)
        {
            Shuffle.Bits(typeSize, source, shuffled.AsSpan(0, source.Length));
            data = shuffled.AsSpan(0, source.Length);
        }

        var n = CompressStream(data, compressed, zstd);
        var stored = n <= 0 || n >= data.Length ? data : compressed.AsSpan(0, n);
        if (at + 4 + stored.Length > output.Length)
        {
            return -1;
        }

        BinaryPrimitives.WriteInt32LittleEndian(output[at..], stored.Length);
        stored.CopyTo(output[(at + 4)..]);
        return at + 4 + stored.Length;
    }

    /// <summary>Compresses one (shuffled) block into <paramref name="target"/>; returns the bytes written, or 0 when it does not fit.</summary>
    private int CompressStream(ReadOnlySpan<byte> data, byte[] target, Compressor? zstd)
    {
        switch (cname)
        {
            case "lz4":
            case "lz4hc":
                return LZ4Codec.Encode(data, target, cname == "lz4" ? LZ4Level.L00_FAST : (LZ4Level)Math.Clamp(level, 3, 12));
            case "zlib":
                using (var stream = new MemoryStream(target))
                {
                    new DeflateCodec(gzip: false, level).Encode(data, 1, stream);
                    return (int)stream.Position;
                }

            default:
                return zstd!.Wrap(data, target);
        }
    }
}
