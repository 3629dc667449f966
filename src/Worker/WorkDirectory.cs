using Microsoft.Extensions.Logging;

namespace MiniDask.Worker;

/// <summary>
/// A worker's own directory under its local directory (spilled values, uploaded code), held by an
/// exclusive lock on a <c>.dirlock</c> file beside it for as long as the worker lives, as
/// distributed's diskutils does. The lock goes with the process however it ends, so a starting
/// worker purges every directory whose lock is free: what a killed worker left behind.
/// </summary>
internal sealed class WorkDirectory : IDisposable
{
    /// <summary>How the names of worker directories begin.</summary>
    public const string Prefix = "minidask-worker-";

    /// <summary>The suffix of lock files.</summary>
    public const string LockSuffix = ".dirlock";

    /// <summary>The suffix of the directory beside the work directory holding uploaded code.</summary>
    public const string UploadsSuffix = "-uploads";

    private readonly FileStream lockFile;
    private int disposed;

    private WorkDirectory(string path, FileStream lockFile, IReadOnlyList<string> purged)
    {
        Path = path;
        this.lockFile = lockFile;
        Purged = purged;
    }

    /// <summary>The worker's directory (created when first used); uploaded code goes to it with <see cref="UploadsSuffix"/>.</summary>
    public string Path { get; }

    /// <summary>The stale directories purged when this one was made.</summary>
    public IReadOnlyList<string> Purged { get; }

    /// <summary>Purges stale worker directories under <paramref name="parent"/>, then makes and locks a new one.</summary>
    /// <exception cref="IOException"><paramref name="parent"/> cannot be created or written.</exception>
    public static WorkDirectory Create(string parent, ILogger logger)
    {
        Directory.CreateDirectory(parent);
        var purged = PurgeStale(parent, logger);
        var path = System.IO.Path.Combine(parent, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var lockFile = new FileStream(path + LockSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new WorkDirectory(path, lockFile, purged);
    }

    /// <summary>
    /// Deletes every worker directory under <paramref name="parent"/> whose lock file nobody holds,
    /// with its uploads and its lock file. Returns the directories deleted.
    /// </summary>
    public static IReadOnlyList<string> PurgeStale(string parent, ILogger logger)
    {
        var purged = new List<string>();
        foreach (var lockPath in Directory.EnumerateFiles(parent, $"{Prefix}*{LockSuffix}"))
        {
            FileStream held;
            try
            {
                // .NET takes an exclusive advisory lock (flock) for FileShare.None: it fails while a live worker holds it.
                held = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            using (held)
            {
                var directory = lockPath[..^LockSuffix.Length];
                try
                {
                    DeleteIfPresent(directory);
                    DeleteIfPresent(directory + UploadsSuffix);
                    File.Delete(lockPath);
                    purged.Add(directory);
                    WorkerLog.PurgedStaleDirectory(logger, directory);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    WorkerLog.CannotPurge(logger, directory, e.Message);
                }
            }
        }

        return purged;
    }

    /// <summary>Releases the lock and deletes the lock file; the directories are deleted by their owners first.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            DeleteIfPresent(Path);
            DeleteIfPresent(Path + UploadsSuffix);
            File.Delete(Path + LockSuffix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next worker on this directory to purge once the lock is free.
        }
        finally
        {
            lockFile.Dispose();
        }
    }

    private static void DeleteIfPresent(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
