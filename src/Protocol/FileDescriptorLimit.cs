using System.Globalization;

namespace MiniDask.Protocol;

/// <summary>The process's limit on open file descriptors (<c>ulimit -n</c>), where the system tells it.</summary>
internal static class FileDescriptorLimit
{
    /// <summary>The soft limit from <c>/proc/self/limits</c>; null where there is none to read (not Linux) or it is unlimited.</summary>
    public static long? Soft()
    {
        const string limits = "/proc/self/limits";
        if (!File.Exists(limits))
        {
            return null;
        }

        try
        {
            return Parse(File.ReadLines(limits));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The soft limit on the <c>Max open files</c> line of a <c>/proc/PID/limits</c> text.</summary>
    public static long? Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
        }

        return null;
    }

    /// <summary>How many descriptors the process has open now (the entries of <c>/proc/self/fd</c>); null where that cannot be read.</summary>
    public static int? Open()
    {
        const string descriptors = "/proc/self/fd";
        try
        {
            return Directory.Exists(descriptors) ? Directory.GetFileSystemEntries(descriptors).Length : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
