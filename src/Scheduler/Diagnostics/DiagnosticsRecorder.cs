namespace MiniDask.Scheduler.Diagnostics;

/// <summary>
/// What a scheduler remembers for diagnostics, beside its state: the task stream (bounded, read by
/// cursor), per-group finished counts and durations, a task-duration histogram, transfer totals
/// and worker memory over time. Thread-safe; the schedulers add to it, views read it.
/// </summary>
internal sealed class DiagnosticsRecorder(int streamCapacity = 100_000, int memoryCapacity = 20_000, int groupCapacity = 200)
{
    /// <summary>Upper bounds of the task-duration histogram's buckets, in seconds.</summary>
    public static readonly double[] DurationBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60];

    private readonly object gate = new();
    private readonly List<TaskStreamRecord> stream = [];
    private readonly List<MemorySample> memory = [];
    private readonly Dictionary<string, GroupTally> groups = new(StringComparer.Ordinal);
    private readonly List<string> groupOrder = [];
    private readonly long[] durationCounts = new long[DurationBuckets.Length];
    private long streamBase;
    private long durationCount;
    private double durationSum;
    private long transfers;
    private long transferBytes;

    /// <summary>Records a task-stream entry; a compute counts as a finished task of its group.</summary>
    public void Add(TaskStreamRecord record)
    {
        lock (gate)
        {
            if (stream.Count >= streamCapacity)
            {
                var drop = streamCapacity / 4;
                stream.RemoveRange(0, drop);
                streamBase += drop;
            }

            stream.Add(record);
            switch (record.Action)
            {
                case "compute":
                    var tally = Tally(record.Group);
                    tally.Finished++;
                    tally.Duration += record.Duration;
                    CountDuration(record.Duration);
                    break;
                case "erred":
                    Tally(record.Group).Erred++;
                    break;
                case "transfer":
                    transfers++;
                    transferBytes += record.NBytes;
                    break;
            }
        }
    }

    /// <summary>Makes <paramref name="group"/> known (so it is listed in first-seen order) with its op and the groups it reads.</summary>
    public void SeeGroup(string group, string op, IEnumerable<string> dependsOn)
    {
        lock (gate)
        {
            var tally = Tally(group);
            tally.Op = op;
            tally.DependsOn.UnionWith(dependsOn);
        }
    }

    /// <summary>Records a memory sample.</summary>
    public void Add(MemorySample sample)
    {
        lock (gate)
        {
            if (memory.Count >= memoryCapacity)
            {
                memory.RemoveRange(0, memoryCapacity / 4);
            }

            memory.Add(sample);
        }
    }

    /// <summary>Records after <paramref name="cursor"/>.</summary>
    public TaskStreamPage Since(long cursor, int limit)
    {
        lock (gate)
        {
            var from = (int)Math.Clamp(cursor - streamBase, 0, stream.Count);
            var count = Math.Min(Math.Max(limit, 0), stream.Count - from);
            return new TaskStreamPage(stream.GetRange(from, count), streamBase + from + count);
        }
    }

    /// <summary>The cursor after the newest record.</summary>
    public long Cursor
    {
        get
        {
            lock (gate)
            {
                return streamBase + stream.Count;
            }
        }
    }

    /// <summary>Memory samples at or after <paramref name="since"/>.</summary>
    public IReadOnlyList<MemorySample> MemorySince(double since)
    {
        lock (gate)
        {
            return [.. memory.Where(m => m.Time >= since)];
        }
    }

    /// <summary>The groups in first-seen order with what was recorded of them: op, finished, erred, duration and dependencies (no live counts).</summary>
    public IReadOnlyList<TaskGroupSnapshot> Groups()
    {
        lock (gate)
        {
            return [.. groupOrder.Select(g => new TaskGroupSnapshot(g, groups[g].Op)
            {
                Finished = groups[g].Finished,
                Erred = groups[g].Erred,
                Duration = groups[g].Duration,
                DependsOn = [.. groups[g].DependsOn.Order(StringComparer.Ordinal)],
            })];
        }
    }

    /// <summary>Fills the histogram and transfer fields of <paramref name="metrics"/>.</summary>
    public ClusterMetrics Complete(ClusterMetrics metrics)
    {
        lock (gate)
        {
            var cumulative = new long[durationCounts.Length];
            long running = 0;
            for (var i = 0; i < cumulative.Length; i++)
            {
                running += durationCounts[i];
                cumulative[i] = running;
            }

            return metrics with
            {
                Transfers = transfers,
                TransferBytes = transferBytes,
                DurationBuckets = DurationBuckets,
                DurationCounts = cumulative,
                DurationCount = durationCount,
                DurationSum = durationSum,
            };
        }
    }

    private void CountDuration(double seconds)
    {
        durationCount++;
        durationSum += seconds;
        var bucket = Array.FindIndex(DurationBuckets, b => seconds <= b);
        if (bucket >= 0)
        {
            durationCounts[bucket]++;
        }
    }

    private GroupTally Tally(string group)
    {
        if (!groups.TryGetValue(group, out var tally))
        {
            if (groupOrder.Count >= groupCapacity)
            {
                groups.Remove(groupOrder[0]);
                groupOrder.RemoveAt(0);
            }

            groups[group] = tally = new GroupTally();
            groupOrder.Add(group);
        }

        return tally;
    }

    private sealed class GroupTally
    {
        public string Op { get; set; } = "";

        public int Finished { get; set; }

        public int Erred { get; set; }

        public double Duration { get; set; }

        public HashSet<string> DependsOn { get; } = new(StringComparer.Ordinal);
    }
}
