namespace MiniDask.Graph.Optimization;

/// <summary>
/// Fuses chains of <see cref="Blockwise"/> layers into one layer before any task exists (Dask's
/// <c>optimize_blockwise</c> and <c>rewrite_blockwise</c>): a chain of elementwise ops, a
/// creation op and the elementwise ops after it, or elementwise ops and the per-block step of
/// a reduction become one layer whose every task runs the chain inline for its block. The
/// fused layer keeps the last layer's name, so its keys are the keys the chain produced.
/// </summary>
/// <remarks>
/// A layer is fused into the one that reads it when nothing else reads it, its keys were not
/// requested, it is read through one argument only, and that argument reads it block for block:
/// each of its blocks by exactly one block of the reader (no broadcasting and no contraction),
/// so fusing never runs a block's work twice. Fusion stops where a fused task would nest deeper
/// than <see cref="Fusion.DefaultMaxChainLength"/> tasks, as low-level fusion does.
/// </remarks>
internal static class BlockwiseFusion
{
    /// <summary>The layers with every fusable chain fused, in dependency order.</summary>
    /// <param name="layers">Culled layers, in dependency order.</param>
    /// <param name="keys">The requested keys: layers holding them are never fused away.</param>
    public static List<Layer> Fuse(IReadOnlyList<Layer> layers, IEnumerable<Key> keys)
    {
        var keep = new HashSet<string>(keys.Select(k => k.Name), StringComparer.Ordinal);
        var byName = new Dictionary<string, Layer>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var name in layer.KeyNames)
            {
                byName.TryAdd(name, layer);
            }
        }

        // Readers of each layer, by layer name.
        var readers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var input in layer.InputNames)
            {
                if (byName.TryGetValue(input, out var producer))
                {
                    Readers(readers, producer.Name).Add(layer.Name);
                }
            }
        }

        var fused = new Dictionary<string, Layer>(StringComparer.Ordinal);
        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            var layer = layers[i];
            if (absorbed.Contains(layer.Name))
            {
                continue;
            }

            if (layer is Blockwise blockwise)
            {
                var refused = new HashSet<string>(StringComparer.Ordinal);
                while (FindFusable(blockwise, byName, readers, keep, absorbed, refused) is var (read, dependency))
                {
                    var merged = blockwise.Absorb(read, dependency);
                    if (merged.Task.Depth > Fusion.DefaultMaxChainLength)
                    {
                        refused.Add(dependency.Name);
                        continue;
                    }

                    blockwise = merged;
                    absorbed.Add(dependency.Name);
                    foreach (var input in dependency.InputNames)
                    {
                        if (byName.TryGetValue(input, out var producer))
                        {
                            var set = Readers(readers, producer.Name);
                            set.Remove(dependency.Name);
                            set.Add(blockwise.Name);
                        }
                    }
                }

                layer = blockwise;
            }

            fused[layer.Name] = layer;
        }

        return [.. layers.Where(l => !absorbed.Contains(l.Name)).Select(l => fused[l.Name])];
    }

    /// <summary>An argument of <paramref name="layer"/> reading a layer that can be fused into it, or null.</summary>
    private static (BlockwiseInput Read, Blockwise Dependency)? FindFusable(
        Blockwise layer,
        Dictionary<string, Layer> byName,
        Dictionary<string, HashSet<string>> readers,
        HashSet<string> keep,
        HashSet<string> absorbed,
        HashSet<string> refused)
    {
        var args = layer.Task.AllArgs().ToList();
        foreach (var read in args.OfType<BlockwiseInput>())
        {
            if (keep.Contains(read.Name) || absorbed.Contains(read.Name) || refused.Contains(read.Name)
                || !byName.TryGetValue(read.Name, out var producer) || producer is not Blockwise dependency
                || !readers.TryGetValue(dependency.Name, out var users) || users.Count != 1 || !users.Contains(layer.Name))
            {
                continue;
            }

            var reads = args.Count(a => a is BlockwiseInput other && other.Name == read.Name)
                + args.OfType<BlockwiseConstant>().Count(c => BlockwisePlan.KeysIn(c.Argument).Any(k => k.Name == read.Name));
            if (reads == 1 && BlockForBlock(layer, read, dependency))
            {
                return (read, dependency);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="read"/> reads each block of <paramref name="dependency"/> from
    /// exactly one block of <paramref name="layer"/>: every letter it names is an output letter
    /// with the dependency's block count, and every output letter it does not name has one block.
    /// </summary>
    private static bool BlockForBlock(Blockwise layer, BlockwiseInput read, Blockwise dependency)
    {
        if (read.Index.Length != dependency.OutputIndex.Length)
        {
            return false;
        }

        for (var k = 0; k < read.Index.Length; k++)
        {
            var letter = read.Index[k];
            if (!layer.OutputIndex.Contains(letter)
                || layer.NumBlocks[letter] != read.NumBlocks[k]
                || dependency.NumBlocks[dependency.OutputIndex[k]] != read.NumBlocks[k])
            {
                return false;
            }
        }

        return layer.OutputIndex.All(letter => read.Index.Contains(letter) || layer.NumBlocks[letter] == 1);
    }

    private static HashSet<string> Readers(Dictionary<string, HashSet<string>> readers, string name)
    {
        if (!readers.TryGetValue(name, out var set))
        {
            readers[name] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        return set;
    }
}
