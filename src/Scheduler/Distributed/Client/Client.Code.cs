using System.Reflection;
using System.Security.Cryptography;
using MiniDask.Graph;
using MiniDask.Graph.Codecs;
using MiniDask.Graph.Optimization;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// User code travels with the client (as cloudpickle makes it for Dask): before a graph is sent,
/// the assemblies it needs that workers do not ship are uploaded once, content-addressed by hash;
/// the scheduler relays them to every worker, which loads them into a load context of this
/// client's and unloads it when the client leaves. Tasks then name this client as the owner of
/// the code they need.
/// </summary>
public sealed partial class Client
{
    private readonly SemaphoreSlim uploading = new(1, 1);
    private readonly Dictionary<string, string> uploaded = new(StringComparer.Ordinal);
    private volatile bool hasCode;

    /// <summary>
    /// Uploads the file at <paramref name="path"/> to every worker, now and as workers join (Dask's
    /// <c>upload_file</c>): a .NET assembly is loaded for this client's tasks, and any file is
    /// kept where its tasks find it with <c>UploadedFiles.PathOf(name)</c>. Assemblies a graph needs
    /// are uploaded without asking; this is for code loaded by reflection, native libraries and data.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file is at <paramref name="path"/>.</exception>
    public async Task UploadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The file to upload, {full}, does not exist.", full);
        }

        await UploadAsync([full], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Encodes <paramref name="prepared"/> for the scheduler (<see cref="GraphEncoding"/>), then
    /// uploads the assemblies it needs that were not uploaded yet. Encoding comes first so that a
    /// task whose literal cannot cross a process boundary is refused before anything, code
    /// included, is sent. Run specs name this client as the owner of their code once it has any.
    /// </summary>
    private async Task<List<Message>> EncodeAndUploadCodeAsync(
        PreparedGraph prepared, IReadOnlyList<Key> wanted, string clientId, bool reportProgress, ComputeOptions? options, CancellationToken cancellationToken)
    {
        var taskOptions = GraphEncoding.OptionsOf(options);
        if (borrowedCodeOwner is { } borrowed)
        {
            // A client made inside a task runs that task's code: the owning client's code is already on every worker.
            return GraphEncoding.Encode(prepared, wanted, clientId, borrowed, reportProgress, maxFrames, taskOptions);
        }

        var needed = CodeNeeds.Of(prepared.Graph);
        var owner = needed.Count > 0 || hasCode ? Id : "";
        var parts = GraphEncoding.Encode(prepared, wanted, clientId, owner, reportProgress, maxFrames, taskOptions);
        if (needed.Count > 0)
        {
            await UploadAsync([.. needed.Select(a => a.Location)], cancellationToken).ConfigureAwait(false);
        }

        return parts;
    }

    private async Task UploadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        await uploading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var files = new List<Wire.CodeFile>();
            var frames = new List<PayloadSegment>();
            var sent = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in paths.Distinct(StringComparer.Ordinal))
            {
                var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
                if (uploaded.TryGetValue(path, out var before) && before == hash)
                {
                    continue;
                }

                files.Add(new Wire.CodeFile { Name = Path.GetFileName(path), Sha256 = hash, Frame = frames.Count, IsAssembly = IsAssembly(path) });
                frames.Add(new PayloadSegment(bytes));
                sent[path] = hash;
            }

            if (files.Count == 0)
            {
                return;
            }

            await scheduler.SendAsync(new Message(new Wire.UploadCode { Owner = Id, Files = [.. files] }, frames), cancellationToken).ConfigureAwait(false);
            foreach (var (path, hash) in sent)
            {
                uploaded[path] = hash;
            }

            hasCode = true;
        }
        finally
        {
            uploading.Release();
        }
    }

    private static bool IsAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            return false;
        }
    }
}
