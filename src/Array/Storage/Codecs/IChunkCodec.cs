namespace MiniDask.Array.Storage.Codecs;

/// <summary>A compressor of stored chunks, such as numcodecs' Blosc, Zlib or Zstd: bytes in, bytes out.</summary>
internal interface IChunkCodec
{
    /// <summary>Compresses the bytes of a chunk of items of <paramref name="itemSize"/> bytes into <paramref name="destination"/>.</summary>
    void Encode(ReadOnlySpan<byte> raw, int itemSize, Stream destination);

    /// <summary>
    /// Decompresses <paramref name="encoded"/> into <paramref name="decoded"/>, which has the exact
    /// size of the chunk.
    /// </summary>
    /// <exception cref="InvalidDataException">The data is malformed or does not decode to exactly that many bytes.</exception>
    void Decode(ReadOnlySpan<byte> encoded, Span<byte> decoded);
}
