using System.Security.Cryptography;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The code clients uploaded, kept by the scheduler for workers (like the files of Dask's
/// <c>upload_file</c>): each file's bytes once per content hash, and each owner's set of files. The
/// scheduler checks the hashes and file names and relays the bytes; it never loads them. A worker
/// that joins late receives every owner's code before any of its tasks. Used under the server's lock.
/// </summary>
internal sealed class CodeStore
{
    private readonly Dictionary<string, StoredFile> files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Wire.CodeFile>> byOwner = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="owner"/> has uploaded code that workers hold.</summary>
    public bool Owns(string owner) => byOwner.ContainsKey(owner);

    /// <summary>
    /// Stores the files of <paramref name="upload"/> under <paramref name="owner"/> and returns the
    /// message that relays the new ones to workers, or null when every file was already there.
    /// </summary>
    /// <exception cref="ProtocolException">A file's name is not a plain file name, its frame is missing, or its bytes do not match its hash.</exception>
    public Message? Add(string owner, Message upload)
    {
        var body = (Wire.UploadCode)upload.Body;
        if (!byOwner.TryGetValue(owner, out var owned))
        {
            byOwner[owner] = owned = [];
        }

        var added = new List<Wire.CodeFile>();
        foreach (var file in body.Files)
        {
            if (file.Name.Length == 0 || file.Name != Path.GetFileName(file.Name) || file.Name is "." or "..")
            {
                throw new ProtocolException($"An uploaded file is named '{file.Name}'; it must be a plain file name.");
            }

            var bytes = upload.Frame(file.Frame, $"uploaded file {file.Name}");
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Bytes.Span));
            if (hash != file.Sha256)
            {
                throw new ProtocolException($"Uploaded file {file.Name} does not match its SHA-256: it says {file.Sha256}, its bytes hash to {hash}.");
            }

            if (owned.Exists(f => f.Sha256 == hash && f.Name == file.Name))
            {
                continue;
            }

            if (!files.TryGetValue(hash, out var stored))
            {
                files[hash] = stored = new StoredFile(bytes);
            }

            stored.Owners++;
            var kept = new Wire.CodeFile { Name = file.Name, Sha256 = hash, IsAssembly = file.IsAssembly };
            owned.Add(kept);
            added.Add(kept);
        }

        return added.Count == 0 ? null : Relay(owner, added);
    }

    /// <summary>Forgets <paramref name="owner"/>'s code; true when it had any (workers are then told to release it).</summary>
    public bool Remove(string owner)
    {
        if (!byOwner.Remove(owner, out var owned))
        {
            return false;
        }

        foreach (var file in owned)
        {
            if (files.TryGetValue(file.Sha256, out var stored) && --stored.Owners == 0)
            {
                files.Remove(file.Sha256);
            }
        }

        return true;
    }

    /// <summary>Every owner's code as relay messages, for a worker that just joined.</summary>
    public IEnumerable<Message> Uploads() => byOwner.Select(kv => Relay(kv.Key, kv.Value));

    private Message Relay(string owner, IReadOnlyList<Wire.CodeFile> owned)
    {
        var frames = new PayloadSegment[owned.Count];
        var relayed = new Wire.CodeFile[owned.Count];
        for (var i = 0; i < owned.Count; i++)
        {
            frames[i] = files[owned[i].Sha256].Bytes;
            relayed[i] = new Wire.CodeFile { Name = owned[i].Name, Sha256 = owned[i].Sha256, Frame = i, IsAssembly = owned[i].IsAssembly };
        }

        return new Message(new Wire.UploadCode { Owner = owner, Files = relayed }, frames);
    }

    private sealed class StoredFile(PayloadSegment bytes)
    {
        public PayloadSegment Bytes { get; } = bytes;

        public int Owners { get; set; }
    }
}
