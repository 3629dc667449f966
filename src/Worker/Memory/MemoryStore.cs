using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Worker;

/// <summary>
/// The results a worker holds, like Dask's spillable buffer: values stay in memory while their
/// total stays under the spill threshold (60% of the memory limit by default); past it, the least
/// recently used values are written to the spill directory through their value codecs and read
/// back when a task or a peer asks for them. Thread-safe. Disposing deletes the spill directory.
/// On a worker with an execution device, values that leave the store (removed, replaced, or
/// dropped on dispose) are released on the device, and blocks in device memory never spill to
/// disk: the device evicts them to the host under its own limit.
/// </summary>
public sealed class MemoryStore : IDisposable
{
    private readonly object gate = new();
    private readonly IExecutionDevice? device;
    private readonly Dictionary<Key, Entry> entries = [];
    private readonly LinkedList<Key> recency = new();
    private readonly Dictionary<object, int> leases = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> orphans = new(ReferenceEqualityComparer.Instance);
    private long spillCount;
    private bool disposed;

    /// <summary>Creates a store spilling into <paramref name="spillDirectory"/> (created on first spill).</summary>
    /// <param name="memoryLimit">The worker's memory limit in bytes; 0 for none, in which case nothing spills.</param>
    /// <param name="spillDirectory">Where spilled values go; deleted on dispose.</param>
    /// <param name="spillFraction">The fraction of the limit above which values spill.</param>
    /// <param name="device">The worker's execution device, which values leaving the store are released to; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is negative or the fraction not in (0, 1].</exception>
    public MemoryStore(long memoryLimit, string spillDirectory, double spillFraction = 0.6, IExecutionDevice? device = null)
    {
        this.device = device;
        ArgumentOutOfRangeException.ThrowIfNegative(memoryLimit);
        ArgumentException.ThrowIfNullOrEmpty(spillDirectory);
        if (!(spillFraction > 0 && spillFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(spillFraction), spillFraction, "The spill fraction must be in (0, 1].");
        }

        SpillDirectory = spillDirectory;
        SpillThreshold = memoryLimit > 0 ? (long)(memoryLimit * spillFraction) : long.MaxValue;
    }

    /// <summary>The directory spilled values are written to.</summary>
    public string SpillDirectory { get; }

    /// <summary>Above this many bytes in memory, values spill; <see cref="long.MaxValue"/> without a limit.</summary>
    public long SpillThreshold { get; }

    /// <summary>Bytes of values held in memory now.</summary>
    public long MemoryBytes { get; private set; }

    /// <summary>Bytes of values on disk now.</summary>
    public long DiskBytes { get; private set; }

    /// <summary>Bytes written to disk by spilling, in total since the store was made.</summary>
    public long SpilledBytes { get; private set; }

    /// <summary>How many values are held, in memory or on disk.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> (replacing any value) and returns
    /// its size in bytes as it would be sent; a block in device memory counts only as an object
    /// towards <see cref="MemoryBytes"/>.
    /// </summary>
    public long Put(Key key, object? value)
    {
        var nbytes = ValueSizes.Of(value);
        var inMemory = ValueSizes.InMemory(value);
        lock (gate)
        {
            if (disposed)
            {
                // A task that finishes while the worker shuts down has nowhere to keep its result.
                return nbytes;
            }

            RemoveLocked(key, keep: value);
            entries[key] = new Entry(value, inMemory, recency.AddLast(key)) { Unspillable = value is IDeviceBlock };
            MemoryBytes += inMemory;
            SpillLocked();
        }

        return nbytes;
    }

    /// <summary>Whether a value is held under <paramref name="key"/>.</summary>
    public bool Contains(Key key)
    {
        lock (gate)
        {
            return entries.ContainsKey(key);
        }
    }

    /// <summary>The value under <paramref name="key"/>, read back from disk if it was spilled.</summary>
    public bool TryGet(Key key, out object? value)
    {
        lock (gate)
        {
            return TryGetLocked(key, out value);
        }
    }

    /// <summary>
    /// The value under <paramref name="key"/>, leased: until <see cref="EndLease"/>, its buffers are
    /// not given back for reuse even if the key is removed meanwhile. Tasks reading their
    /// dependencies and transfers sending values to peers hold leases while they use them.
    /// </summary>
    public bool TryLease(Key key, out object? value)
    {
        lock (gate)
        {
            if (!TryGetLocked(key, out value))
            {
                return false;
            }

            if (value is not null)
            {
                leases[value] = leases.GetValueOrDefault(value) + 1;
            }

            return true;
        }
    }

    /// <summary>Ends a lease taken by <see cref="TryLease"/>; a value removed while leased is recycled now.</summary>
    public void EndLease(object? value)
    {
        if (value is null)
        {
            return;
        }

        lock (gate)
        {
            if (!leases.TryGetValue(value, out var count))
            {
                return;
            }

            if (count > 1)
            {
                leases[value] = count - 1;
                return;
            }

            leases.Remove(value);
            if (orphans.Remove(value) && !disposed)
            {
                ValueRecycling.Released(value);
            }
        }
    }

    private bool TryGetLocked(Key key, out object? value)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            value = null;
            return false;
        }

        if (entry.Path is { } path)
        {
            entry.Value = SpillFile.Read(path);
            File.Delete(path);
            entry.Path = null;
            DiskBytes -= entry.DiskBytes;
            MemoryBytes += entry.NBytes;
            entry.Node = recency.AddLast(key);
            SpillLocked(keep: k => k == key);
        }
        else if (entry.Node is { } node)
        {
            recency.Remove(node);
            recency.AddLast(node);
        }

        value = entry.Value;
        return true;
    }

    /// <summary>The value under <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No value is held under it; the message names the key.</exception>
    public object? Get(Key key) =>
        TryGet(key, out var value) ? value : throw new KeyNotFoundException($"Worker holds no result for {key}.");

    /// <summary>Drops the value under <paramref name="key"/>, in memory or on disk.</summary>
    public void Remove(Key key)
    {
        lock (gate)
        {
            RemoveLocked(key);
        }
    }

    /// <summary>Drops every value and deletes the spill directory.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var entry in entries.Values)
            {
                device?.Release(entry.Value);
            }

            entries.Clear();
            recency.Clear();
            MemoryBytes = 0;
            DiskBytes = 0;
            if (Directory.Exists(SpillDirectory))
            {
                Directory.Delete(SpillDirectory, recursive: true);
            }
        }
    }

    /// <summary>
    /// Drops the value under <paramref name="key"/>, releasing it on the device and recycling its
    /// buffers (at once, or when its last lease ends) unless it is <paramref name="keep"/> (a value put
    /// again under its key).
    /// </summary>
    private void RemoveLocked(Key key, object? keep = null)
    {
        if (!entries.Remove(key, out var entry))
        {
            return;
        }

        if (device is not null && entry.Value is { } value && !ReferenceEquals(value, keep))
        {
            device.Release(value);
        }

        if (entry.Path is { } path)
        {
            File.Delete(path);
            DiskBytes -= entry.DiskBytes;
        }
        else
        {
            MemoryBytes -= entry.NBytes;
            if (entry.Value is { } held && !ReferenceEquals(held, keep))
            {
                // Its buffers go back to the block pool for the next task, unless a task or a transfer still reads it.
                if (leases.ContainsKey(held))
                {
                    orphans.Add(held);
                }
                else
                {
                    ValueRecycling.Released(held);
                }
            }
        }

        if (entry.Node is { } node)
        {
            recency.Remove(node);
        }
    }

    /// <summary>
    /// Spills least recently used values until at most <paramref name="targetBytes"/> stay in
    /// memory (or nothing spillable is left); returns the bytes taken out of memory.
    /// </summary>
    public long SpillDownTo(long targetBytes)
    {
        lock (gate)
        {
            var before = MemoryBytes;
            SpillLocked(threshold: Math.Max(0, targetBytes));
            return before - MemoryBytes;
        }
    }

    /// <summary>
    /// Makes room for a task about to run: spills least recently used values, never those in
    /// <paramref name="keep"/> (its inputs, which it is about to read), until <paramref name="bytes"/>
    /// more (its estimated result) fit under the spill threshold. Without it the result would land
    /// past the threshold and spilling would start only after the task had held both. Returns the
    /// bytes taken out of memory.
    /// </summary>
    public long MakeRoomFor(long bytes, IReadOnlyCollection<Key> keep)
    {
        if (SpillThreshold == long.MaxValue || bytes <= 0)
        {
            return 0;
        }

        lock (gate)
        {
            var target = SpillThreshold - bytes;
            if (MemoryBytes <= target)
            {
                return 0;
            }

            var before = MemoryBytes;
            SpillLocked(keep: keep.Count == 0 ? null : keep.Contains, threshold: Math.Max(0, target));
            return before - MemoryBytes;
        }
    }

    /// <summary>Spills least recently used values until memory is under <paramref name="threshold"/> (the spill threshold when null), never those <paramref name="keep"/> holds to.</summary>
    private void SpillLocked(Func<Key, bool>? keep = null, long? threshold = null)
    {
        var limit = threshold ?? SpillThreshold;
        var node = recency.First;
        while (MemoryBytes > limit && node is not null && !disposed)
        {
            var next = node.Next;
            var key = node.Value;
            var entry = entries[key];
            if (keep?.Invoke(key) != true && !entry.Unspillable)
            {
                Spill(entry);
            }

            node = next;
        }
    }

    private void Spill(Entry entry)
    {
        Directory.CreateDirectory(SpillDirectory);
        var path = Path.Combine(SpillDirectory, $"{++spillCount}.bin");
        try
        {
            entry.DiskBytes = SpillFile.Write(path, entry.Value);
        }
        catch (NotSupportedException)
        {
            // No codec: the value can only live in memory.
            File.Delete(path);
            entry.Unspillable = true;
            return;
        }

        recency.Remove(entry.Node!);
        entry.Node = null;
        entry.Value = null;
        entry.Path = path;
        MemoryBytes -= entry.NBytes;
        DiskBytes += entry.DiskBytes;
        SpilledBytes += entry.DiskBytes;
    }

    private sealed class Entry(object? value, long nbytes, LinkedListNode<Key>? node)
    {
        public object? Value { get; set; } = value;

        public long NBytes { get; } = nbytes;

        public LinkedListNode<Key>? Node { get; set; } = node;

        public string? Path { get; set; }

        public long DiskBytes { get; set; }

        public bool Unspillable { get; set; }
    }
}
