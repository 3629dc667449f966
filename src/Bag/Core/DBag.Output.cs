using System.Globalization;
using MiniDask.Graph;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag;

public sealed partial class DBag<T>
{
    /// <summary>
    /// The first <paramref name="count"/> elements (fewer if the bag is shorter), computing only the
    /// partitions needed: the first partition, then twice as many more at each further step.
    /// </summary>
    /// <param name="count">How many elements to return.</param>
    /// <param name="scheduler">The scheduler; the ambient default when null.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public List<T> Take(int count, IScheduler? scheduler = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new List<T>(Math.Min(count, 1 << 16));
        var next = 0;
        for (var batch = 1; result.Count < count && next < PartitionCount; batch *= 2)
        {
            var wanted = keys[next..Math.Min(PartitionCount, next + batch)];
            var parts = (scheduler ?? Schedulers.Default).Get(Graph, wanted, cancellationToken: cancellationToken);
            for (var i = 0; i < parts.Length && result.Count < count; i++)
            {
                var items = Partition.Span<T>(parts[i], next + i);
                result.AddRange(items[..Math.Min(items.Length, count - result.Count)]);
            }

            next += wanted.Length;
        }

        return result;
    }

    /// <summary>
    /// Writes each partition to a text file, one element's <c>ToString()</c> per line in UTF-8, and
    /// returns the paths. In <paramref name="path"/>, a <c>*</c> stands for the partition number,
    /// zero-padded so that the files sort in partition order (<c>out/*.txt</c> gives <c>out/00.txt</c>,
    /// <c>out/01.txt</c>, ...); a path without <c>*</c> is a directory that receives <c>0.part</c>, ....
    /// Paths ending in <c>.gz</c> are gzip-compressed. Directories are created as needed.
    /// </summary>
    /// <param name="path">The file name pattern or directory.</param>
    /// <param name="scheduler">The scheduler; the ambient default when null.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> has more than one <c>*</c>.</exception>
    public IReadOnlyList<string> ToTextFiles(string path, IScheduler? scheduler = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Count(c => c == '*') > 1)
        {
            throw new ArgumentException($"The path '{path}' has more than one '*'; use one for the partition number.", nameof(path));
        }

        var width = (PartitionCount - 1).ToString(CultureInfo.InvariantCulture).Length;
        var paths = Enumerable.Range(0, PartitionCount)
            .Select(i => i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'))
            .Select(number => Path.GetFullPath(path.Contains('*') ? path.Replace("*", number, StringComparison.Ordinal) : Path.Combine(path, number + ".part")))
            .ToList();
        var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var name = Tokens.Name("to-textfiles", Name, paths, gzip);
        var graph = Stream(name, OpNames.WriteText, [typeof(T)], i => [TaskArg.Literal(paths[i]), TaskArg.Literal(gzip)]);
        var files = new DBag<string>(graph, name, PartitionCount, lineage);
        return files.Compute(scheduler, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Checks that a distributed run can compute this bag: its graph names no process-local user
    /// function (see <see cref="UserFunctions"/>) and every element type in <see cref="ElementTypes"/>
    /// is serializable (see <see cref="BagCodec"/>).
    /// </summary>
    /// <exception cref="ProcessLocalFunctionException">A task calls a process-local function; the message names the captured variables.</exception>
    /// <exception cref="UnserializableTypeException">An element type cannot be serialized; the message names it.</exception>
    public void EnsureDistributable() => Distributable.Ensure(Graph, lineage);
}
