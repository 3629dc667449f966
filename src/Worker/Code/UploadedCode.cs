using Microsoft.Extensions.Logging;
using MiniDask.Graph.Loading;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>
/// The code and files clients uploaded to this worker: for each client, a collectible load context
/// holding its assemblies (<see cref="ClientCodeContext"/>) and a directory holding every file it
/// uploaded. A task whose run spec names its client runs inside that client's context, so its ops
/// and types resolve from the client's assemblies; when the client leaves, the scheduler says so and
/// its context is unloaded and its directory deleted.
/// </summary>
internal sealed class UploadedCode(string directory, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, ClientCodeContext> contexts = new(StringComparer.Ordinal);
    private readonly List<WeakReference> unloading = [];
    private readonly Dictionary<string, TaskCompletionSource> arrivals = new(StringComparer.Ordinal);

    /// <summary>
    /// Completes once <paramref name="owner"/>'s code is here, or after <paramref name="timeout"/>:
    /// code comes through the scheduler, while a client's direct requests (a function run on every
    /// worker) may overtake it.
    /// </summary>
    public Task WaitForAsync(string owner, TimeSpan timeout)
    {
        if (owner.Length == 0)
        {
            return Task.CompletedTask;
        }

        lock (contexts)
        {
            if (contexts.ContainsKey(owner))
            {
                return Task.CompletedTask;
            }

            if (!arrivals.TryGetValue(owner, out var arrival))
            {
                arrivals[owner] = arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return arrival.Task.WaitAsync(timeout).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The clients whose code is loaded now.</summary>
    public IReadOnlyList<string> Owners
    {
        get
        {
            lock (contexts)
            {
                return [.. contexts.Keys];
            }
        }
    }

    /// <summary>
    /// How many released contexts are still in memory: unloading completes once nothing refers to
    /// the clients' code any more (the next garbage collections after their last task).
    /// </summary>
    public int StillInMemory
    {
        get
        {
            lock (contexts)
            {
                unloading.RemoveAll(w => !w.IsAlive);
                return unloading.Count;
            }
        }
    }

    /// <summary>Keeps the files of <paramref name="upload"/> for its owner: assemblies in its load context, every file in its directory.</summary>
    /// <exception cref="ProtocolException">A file's name is not a plain file name or its frame is missing.</exception>
    public void Add(Wire.UploadCode upload, Message message)
    {
        ClientCodeContext context;
        lock (contexts)
        {
            if (!contexts.TryGetValue(upload.Owner, out context!))
            {
                context = new ClientCodeContext(upload.Owner);
                contexts[upload.Owner] = context;
                CodeContexts.Register(upload.Owner, context, DirectoryOf(upload.Owner));
            }
        }

        TaskCompletionSource? arrived;
        lock (contexts)
        {
            arrivals.Remove(upload.Owner, out arrived);
        }

        var target = Directory.CreateDirectory(DirectoryOf(upload.Owner)).FullName;
        foreach (var file in upload.Files)
        {
            if (file.Name.Length == 0 || file.Name != Path.GetFileName(file.Name) || file.Name is "." or "..")
            {
                throw new ProtocolException($"An uploaded file is named '{file.Name}'; it must be a plain file name.");
            }

            var bytes = message.Frame(file.Frame, $"uploaded file {file.Name}").Bytes.ToArray();
            File.WriteAllBytes(Path.Combine(target, file.Name), bytes);
            if (file.IsAssembly)
            {
                context.Add(Path.GetFileNameWithoutExtension(file.Name), bytes);
            }
        }

        WorkerLog.CodeLoaded(logger, upload.Owner, upload.Files.Length);
        arrived?.TrySetResult();
    }

    /// <summary>Unloads <paramref name="owner"/>'s context and deletes its files.</summary>
    public void Release(string owner)
    {
        ClientCodeContext? context;
        lock (contexts)
        {
            contexts.Remove(owner, out context);
            if (context is not null)
            {
                unloading.Add(new WeakReference(context));
            }
        }

        if (context is null)
        {
            return;
        }

        CodeContexts.Unregister(owner);
        context.Unload();
        TryDelete(DirectoryOf(owner));
        WorkerLog.CodeUnloaded(logger, owner);
    }

    /// <summary>
    /// Makes <paramref name="owner"/>'s context the one that reflection resolves assemblies in on this
    /// thread until the scope is disposed; with no owner (or one this worker does not know) the
    /// worker's own assemblies serve.
    /// </summary>
    public System.Runtime.Loader.AssemblyLoadContext.ContextualReflectionScope Enter(string owner)
    {
        ClientCodeContext? context = null;
        if (owner.Length > 0)
        {
            lock (contexts)
            {
                contexts.TryGetValue(owner, out context);
            }
        }

        return context is null
            ? System.Runtime.Loader.AssemblyLoadContext.EnterContextualReflection(null)
            : context.EnterContextualReflection();
    }

    /// <summary>Unloads every context and deletes every directory.</summary>
    public void Dispose()
    {
        foreach (var owner in Owners)
        {
            Release(owner);
        }

        TryDelete(directory);
    }

    /// <summary>The owner's directory: its name made safe for a path, and a hash of it so that two owners never share one.</summary>
    private string DirectoryOf(string owner) => Path.Combine(
        directory,
        string.Concat(owner.Take(40).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'))
            + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owner)))[..12]);

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still open by a running task; the worker's temporary directory is removed on exit anyway.
        }
    }
}
