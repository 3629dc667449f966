using System.Text;

namespace MiniDask.Bag;

/// <summary>
/// Reads the lines of one block of a text file: the lines whose first byte lies in
/// <c>[start, end)</c>. A line starting inside the block is read to its end even past <c>end</c>, and
/// a block not at the start of the file skips the line that began before it, so consecutive blocks
/// split a file exactly at line boundaries. Lines end at <c>\n</c>, with an optional <c>\r</c>
/// before it; a UTF-8 byte order mark at the start of the file is skipped.
/// </summary>
internal static class LineReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The lines of block <c>[start, end)</c> of the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The block is not valid UTF-8; the message names the file and byte offset.</exception>
    public static List<string> ReadBlock(string path, long start, long end)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (start > 0)
        {
            file.Position = start - 1;
        }

        return Read(file, path, file.Position, end, skipFirstLine: start > 0);
    }

    /// <summary>All lines of <paramref name="stream"/>, such as a decompressing stream over a whole file.</summary>
    /// <exception cref="InvalidDataException">The text is not valid UTF-8; the message names the file and byte offset.</exception>
    public static List<string> ReadAll(Stream stream, string path) => Read(stream, path, 0, long.MaxValue, skipFirstLine: false);

    private static List<string> Read(Stream stream, string path, long position, long end, bool skipFirstLine)
    {
        var lines = new List<string>();
        var buffer = new byte[1 << 16];
        var head = 0;
        var tail = 0;
        var scanned = 0;
        var bufferStart = position;
        var eof = false;
        var skipping = skipFirstLine;

        // The file offset of the next line's first byte; a byte order mark counts as part of the first line.
        var lineStart = position;
        while (true)
        {
            var newline = buffer.AsSpan(head + scanned, tail - head - scanned).IndexOf((byte)'\n');
            if (newline < 0 && !eof)
            {
                scanned = tail - head;
                (buffer, bufferStart, head, tail, eof) = Refill(stream, buffer, bufferStart, head, tail);
                if (bufferStart + head == 0 && tail >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                {
                    head = 3;
                    scanned = 0;
                }

                continue;
            }

            var length = newline < 0 ? tail - head : scanned + newline;
            if (newline < 0 && length == 0)
            {
                break;
            }

            if (skipping)
            {
                skipping = false;
            }
            else if (lineStart >= end)
            {
                break;
            }
            else
            {
                var text = length > 0 && buffer[head + length - 1] == '\r' ? length - 1 : length;
                lines.Add(Decode(buffer.AsSpan(head, text), path, lineStart));
            }

            head += newline < 0 ? length : length + 1;
            lineStart = bufferStart + head;
            scanned = 0;
        }

        return lines;
    }

    private static (byte[] Buffer, long BufferStart, int Head, int Tail, bool Eof) Refill(
        Stream stream, byte[] buffer, long bufferStart, int head, int tail)
    {
        var kept = tail - head;
        if (kept == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        else
        {
            buffer.AsSpan(head, kept).CopyTo(buffer);
        }

        bufferStart += head;
        var read = stream.ReadAtLeast(buffer.AsSpan(kept), 1, throwOnEndOfStream: false);
        return (buffer, bufferStart, 0, kept + read, read == 0);
    }

    private static string Decode(ReadOnlySpan<byte> bytes, string path, long offset)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"'{path}' is not valid UTF-8: the line starting at byte {offset} has invalid bytes.", e);
        }
    }
}
