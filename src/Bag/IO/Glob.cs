using System.Text.RegularExpressions;

namespace MiniDask.Bag;

/// <summary>
/// File name patterns for ReadText: <c>*</c> and <c>?</c> match within one path segment, and a
/// <c>**</c> segment matches any number of directories. A directory stands for the files directly in it.
/// </summary>
internal static class Glob
{
    /// <summary>The full paths of the files <paramref name="pattern"/> matches, in ordinal order.</summary>
    /// <exception cref="FileNotFoundException">No file matches; the message names the pattern.</exception>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var full = Path.GetFullPath(pattern);
        if (full.IndexOfAny(['*', '?']) < 0)
        {
            if (File.Exists(full))
            {
                return [full];
            }

            if (Directory.Exists(full))
            {
                return NonEmpty(pattern, Directory.GetFiles(full));
            }

            throw new FileNotFoundException($"The file '{pattern}' does not exist.", full);
        }

        var root = Path.GetPathRoot(full)!;
        var segments = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var matches = new SortedSet<string>(StringComparer.Ordinal);
        Match(root, segments, 0, matches);
        return NonEmpty(pattern, matches);
    }

    private static IReadOnlyList<string> NonEmpty(string pattern, IEnumerable<string> files)
    {
        var sorted = files.Order(StringComparer.Ordinal).ToList();
        return sorted.Count > 0 ? sorted : throw new FileNotFoundException($"No files match '{pattern}'.", pattern);
    }

    private static void Match(string directory, string[] segments, int next, SortedSet<string> matches)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var segment = segments[next];
        var last = next == segments.Length - 1;
        if (segment == "**")
        {
            if (last)
            {
                matches.UnionWith(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories));
                return;
            }

            Match(directory, segments, next + 1, matches);
            foreach (var sub in Directory.EnumerateDirectories(directory))
            {
                Match(sub, segments, next, matches);
            }

            return;
        }

        if (segment.IndexOfAny(['*', '?']) < 0)
        {
            var path = Path.Combine(directory, segment);
            if (last && File.Exists(path))
            {
                matches.Add(path);
            }
            else if (!last)
            {
                Match(path, segments, next + 1, matches);
            }

            return;
        }

        var regex = new Regex("^" + Regex.Escape(segment).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);
        var entries = last ? Directory.EnumerateFiles(directory) : Directory.EnumerateDirectories(directory);
        foreach (var entry in entries.Where(e => regex.IsMatch(Path.GetFileName(e))))
        {
            if (last)
            {
                matches.Add(entry);
            }
            else
            {
                Match(entry, segments, next + 1, matches);
            }
        }
    }
}
