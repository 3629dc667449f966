using System.IO.Compression;
using System.Text;

namespace MiniDask.Bag;

/// <summary>Ops that read and write text files.</summary>
internal static class TextOps
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The lines of one block of a file: <c>[path, start, end, gzip]</c> (not generic). A gzip file is read whole.</summary>
    public static object? ReadText(object?[] args)
    {
        var path = (string)args[0]!;
        if (!(bool)args[3]!)
        {
            return LineReader.ReadBlock(path, (long)args[1]!, (long)args[2]!);
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return LineReader.ReadAll(gzip, path);
        }
        catch (InvalidDataException e) when (e.InnerException is not DecoderFallbackException)
        {
            throw new InvalidDataException($"'{path}' is not a valid gzip file: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes a partition as UTF-8 lines, one element's <c>ToString()</c> per line, streaming it
    /// through the bag's pending stages: <c>[types, source, index, stages, path, gzip]</c>. Returns the
    /// path, as a one-element partition.
    /// </summary>
    public static object? WriteText<T>(object?[] args)
    {
        var path = (string)args[4]!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        using Stream output = (bool)args[5]! ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new StreamWriter(output, Utf8, bufferSize: 1 << 16);
        Streams.Into<T, LineSink<T>>(args, _ => new(writer));
        return new List<string> { path };
    }

    private sealed class LineSink<T>(StreamWriter writer) : Sink<T>
    {
        public override void Push(T item)
        {
            writer.Write(item?.ToString());
            writer.Write('\n');
        }
    }
}
