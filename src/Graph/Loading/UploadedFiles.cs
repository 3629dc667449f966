namespace MiniDask.Graph.Loading;

/// <summary>
/// Where the files a client uploaded (<c>Client.UploadFileAsync</c>) are, as seen by its tasks: on
/// a worker, in a directory of that client's; anywhere else (a local scheduler in the client's own
/// process), where the client has them.
/// </summary>
public static class UploadedFiles
{
    /// <summary>
    /// The path of the uploaded file named <paramref name="fileName"/> for the task running on this
    /// thread; outside a client's task on a worker, <paramref name="fileName"/> itself.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or not a plain file name.</exception>
    public static string PathOf(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        if (CodeContexts.CurrentDirectory() is not { } directory)
        {
            return fileName;
        }

        var name = Path.GetFileName(fileName);
        return name.Length > 0
            ? Path.Combine(directory, name)
            : throw new ArgumentException($"'{fileName}' names no file.", nameof(fileName));
    }
}
