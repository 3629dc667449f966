using System.Collections.Concurrent;
using System.Text.Json;

namespace MiniDask.Array.Storage;

/// <summary>The folders of Zarr directory stores: preparing one for a new array, and JSON as zarr-python writes it.</summary>
internal static class ZarrStore
{
    /// <summary>JSON indented by four spaces, as zarr-python writes its metadata.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 4 };

    /// <summary>The group metadata file's name.</summary>
    public const string GroupFile = ".zgroup";

    /// <summary>
    /// Makes <paramref name="folder"/> an empty folder for a new array: creates it, or, with
    /// <paramref name="overwrite"/>, deletes the Zarr array or group in it. Never deletes a folder
    /// that holds anything else.
    /// </summary>
    /// <exception cref="IOException">The folder holds a Zarr array or group and <paramref name="overwrite"/> is false, holds other files, or is a file.</exception>
    public static void Prepare(string folder, bool overwrite)
    {
        if (File.Exists(folder))
        {
            throw new IOException($"{folder} is a file; a Zarr array is a folder.");
        }

        if (Directory.Exists(folder))
        {
            var kind = File.Exists(Path.Combine(folder, ZarrMetadata.FileName)) ? "array"
                : File.Exists(Path.Combine(folder, GroupFile)) ? "group"
                : null;
            if (kind is not null && !overwrite)
            {
                throw new IOException($"{folder} already holds a Zarr {kind}; pass overwrite: true to replace it.");
            }

            if (kind is null && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                throw new IOException($"{folder} holds files that are not a Zarr store; write to a new or empty folder.");
            }

            if (kind is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Directory.CreateDirectory(folder);
    }
}

/// <summary>
/// The parsed <c>.zarray</c> of each array folder used in this process, kept while the file's
/// time and length are unchanged, so that each chunk task does not parse it again.
/// </summary>
internal static class ZarrMetadataCache
{
    private static readonly ConcurrentDictionary<string, (DateTime Stamp, long Length, ZarrMetadata Metadata)> Entries = new(StringComparer.Ordinal);

    /// <summary>The metadata of the array in <paramref name="folder"/> (a full path).</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>.zarray</c>; the message says when it holds a group.</exception>
    /// <exception cref="InvalidDataException">The metadata is malformed.</exception>
    /// <exception cref="NotSupportedException">The array uses a dtype, compressor or filter that cannot be read.</exception>
    public static ZarrMetadata Get(string folder)
    {
        var file = new FileInfo(Path.Combine(folder, ZarrMetadata.FileName));
        if (!file.Exists)
        {
            throw new FileNotFoundException(Missing(folder), file.FullName);
        }

        if (Entries.TryGetValue(folder, out var entry) && entry.Stamp == file.LastWriteTimeUtc && entry.Length == file.Length)
        {
            return entry.Metadata;
        }

        var metadata = ZarrMetadata.Parse(File.ReadAllText(file.FullName), file.FullName);
        Entries[folder] = (file.LastWriteTimeUtc, file.Length, metadata);
        return metadata;
    }

    /// <summary>Writes <paramref name="metadata"/> to the <c>.zarray</c> of <paramref name="folder"/> and keeps it.</summary>
    public static void Write(string folder, ZarrMetadata metadata)
    {
        var file = new FileInfo(Path.Combine(folder, ZarrMetadata.FileName));
        File.WriteAllText(file.FullName, metadata.ToJson());
        file.Refresh();
        Entries[folder] = (file.LastWriteTimeUtc, file.Length, metadata);
    }

    private static string Missing(string folder)
    {
        if (File.Exists(Path.Combine(folder, ZarrStore.GroupFile)))
        {
            var arrays = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, ZarrMetadata.FileName, SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(folder, Path.GetDirectoryName(f)!)).Order(StringComparer.Ordinal).Take(5).ToList()
                : [];
            return $"{folder} holds a Zarr group, not an array; open one of its arrays{(arrays.Count > 0 ? $", such as {string.Join(", ", arrays.Select(a => Path.Combine(folder, a)))}" : string.Empty)}.";
        }

        return Directory.Exists(folder)
            ? $"{folder} is not a Zarr v2 array: it has no {ZarrMetadata.FileName}."
            : $"The Zarr array {folder} does not exist.";
    }
}
