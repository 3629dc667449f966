using MiniDask.Graph;

namespace MiniDask.Bag;

public sealed partial class DBag<T>
{
    /// <summary>
    /// Groups the elements by key with a task-based shuffle (Dask's <c>groupby(shuffle="tasks")</c>),
    /// giving a bag of <c>(key, items)</c> pairs, items in their original order. Each element goes to
    /// the partition its key hashes to (a hash that is the same in every process); no task holds more
    /// than one partition's worth of data. Up to <paramref name="maxBranch"/> partitions shuffle in one
    /// stage; more take several stages, each exchanging data among groups of at most
    /// <c>k</c> partitions, where <c>k</c> to the power of the stage count is the smallest such power
    /// that is at least the partition count. The result has that many partitions.
    /// </summary>
    /// <param name="keySelector">The key of an element; must not be null.</param>
    /// <param name="maxBranch">The most partitions one task gathers from in a stage (at least 2).</param>
    /// <remarks>For a few keys and an associative reduction, <see cref="FoldBy{TKey}"/> needs no shuffle and is much faster.</remarks>
    public DBag<(TKey Key, List<T> Items)> GroupBy<TKey>(Func<T, TKey> keySelector, int maxBranch = 32)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBranch, 2);
        var (stages, k) = ShufflePlan(PartitionCount, maxBranch);
        var total = (int)Math.Pow(k, stages);
        var types = new[] { typeof(T), typeof(TKey) };
        var tagged = new[] { typeof((int, TKey, T)) };
        var function = Function(keySelector);
        var token = Tokens.Name("shuffle", Name, function, types, maxBranch)["shuffle-".Length..];
        var (hashName, splitName, getName, joinName) = ($"shuffle-hash-{token}", $"shuffle-split-{token}", $"shuffle-get-{token}", $"shuffle-join-{token}");

        var graph = Stream(hashName, OpNames.ShuffleHash, types, _ => [function, TaskArg.Literal(total)]);
        var split = new Dictionary<Key, DaskTask>();
        var get = new Dictionary<Key, DaskTask>();
        var join = new Dictionary<Key, DaskTask>();
        var data = new Key[total];
        for (var p = 0; p < total; p++)
        {
            data[p] = p < PartitionCount ? new Key(hashName, p) : new Key(joinName, 0, p);
            if (p >= PartitionCount)
            {
                join[data[p]] = GenericOps.Task(OpNames.Empty, tagged);
            }
        }

        for (int stage = 1, place = 1; stage <= stages; stage++, place *= k)
        {
            for (var p = 0; p < total; p++)
            {
                var splitKey = new Key(splitName, stage, p);
                split[splitKey] = GenericOps.Task(OpNames.ShuffleSplit, types, data[p], TaskArg.Literal(k), TaskArg.Literal(place));
                for (var j = 0; j < k; j++)
                {
                    get[new Key(getName, stage, p, j)] = GenericOps.Task(OpNames.ShuffleGet, types, splitKey, TaskArg.Literal(j));
                }
            }

            for (var p = 0; p < total; p++)
            {
                // Partition p gathers its digit's bucket from the k partitions that differ from it only in this stage's digit.
                var digit = p / place % k;
                var peers = Enumerable.Range(0, k).Select(j => new Key(getName, stage, p + ((j - digit) * place), digit));
                data[p] = new Key(joinName, stage, p);
                join[data[p]] = GenericOps.Task(OpNames.Concat, tagged, TaskArg.Refs(peers));
            }
        }

        graph = TaskGraph.FromLayer(new MaterializedLayer(splitName, split), graph);
        graph = TaskGraph.FromLayer(new MaterializedLayer(getName, get), graph);
        graph = TaskGraph.FromLayer(new MaterializedLayer(joinName, join), graph);
        return DBag.Create<(TKey, List<T>)>(
            $"groupby-{token}", total, p => GenericOps.Task(OpNames.GroupCollect, types, data[p]), [graph], lineage);
    }

    /// <summary>The number of shuffle stages and the partitions exchanging data per group in each.</summary>
    private static (int Stages, int K) ShufflePlan(int partitions, int maxBranch)
    {
        if (partitions <= maxBranch)
        {
            return (1, partitions);
        }

        var stages = 1;
        for (var reach = (long)maxBranch; reach < partitions; reach *= maxBranch)
        {
            stages++;
        }

        var k = 2;
        while (Math.Pow(k, stages) < partitions)
        {
            k++;
        }

        return (stages, k);
    }
}
