using MiniDask.Graph;

namespace MiniDask.Bag;

public static partial class DBag
{
    /// <summary>
    /// The lines of the text files that <paramref name="pathOrGlob"/> names: a file, a directory
    /// (the files directly in it), or a pattern where <c>*</c> and <c>?</c> match within a name and
    /// <c>**</c> matches any number of directories. Files are read as UTF-8 in ordinal path order;
    /// lines end at <c>\n</c> (a <c>\r</c> before it is dropped) and do not include it. Each file is one
    /// partition, or with <paramref name="blocksize"/> one partition per block of that many bytes,
    /// split at line boundaries. Files ending in <c>.gz</c> are decompressed and always read whole.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist or the pattern matches no file; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blocksize"/> is less than 1.</exception>
    /// <remarks>
    /// A file that is not valid UTF-8 fails the compute with an <see cref="InvalidDataException"/>
    /// naming the file and the byte offset of the offending line.
    /// </remarks>
    public static DBag<string> ReadText(string pathOrGlob, long? blocksize = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrGlob);
        return ReadText([pathOrGlob], blocksize);
    }

    /// <summary>The lines of the files that each of <paramref name="pathsOrGlobs"/> names, in the given order (see <see cref="ReadText(string, long?)"/>).</summary>
    /// <exception cref="FileNotFoundException">A file does not exist or a pattern matches no file; the message names it.</exception>
    /// <exception cref="ArgumentException">No path is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blocksize"/> is less than 1.</exception>
    public static DBag<string> ReadText(IEnumerable<string> pathsOrGlobs, long? blocksize = null)
    {
        ArgumentNullException.ThrowIfNull(pathsOrGlobs);
        if (blocksize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(blocksize));
        }

        var files = pathsOrGlobs.SelectMany(Glob.Expand).ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException("ReadText needs at least one path or pattern.", nameof(pathsOrGlobs));
        }

        var blocks = new List<(string Path, long Start, long End, bool Gzip)>();
        var stamps = new List<object>();
        foreach (var path in files)
        {
            var info = new FileInfo(path);
            stamps.Add(path);
            stamps.Add(info.Length);
            stamps.Add(info.LastWriteTimeUtc.Ticks);
            var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            var count = gzip || blocksize is null ? 1 : Math.Max(1, (info.Length + blocksize.Value - 1) / blocksize.Value);
            for (var j = 0L; j < count; j++)
            {
                blocks.Add((path, j * (blocksize ?? 0), j == count - 1 ? long.MaxValue : (j + 1) * blocksize!.Value, gzip));
            }
        }

        var name = Tokens.Name("read-text", stamps, blocksize);
        return Create<string>(name, blocks.Count, i => new DaskTask(
            OpNames.ReadText,
            TaskArg.Literal(blocks[i].Path),
            TaskArg.Literal(blocks[i].Start),
            TaskArg.Literal(blocks[i].End),
            TaskArg.Literal(blocks[i].Gzip)), [], []);
    }
}
