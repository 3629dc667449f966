using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>NumPy's <c>einsum</c> over chunked arrays.</summary>
public static partial class DArray
{
    /// <summary>
    /// The Einstein summation <paramref name="subscripts"/> of <paramref name="operands"/> (NumPy's
    /// <c>einsum</c>): explicit (<c>"ij,jk-&gt;ik"</c>) or implicit (<c>"ij,jk"</c>, output = the
    /// labels used once, sorted) form, repeated labels within an operand (diagonals, traces), and
    /// <c>...</c> for broadcast leading axes. Operands are contracted left to right: labels no later
    /// operand or the output needs are summed as early as possible, a pure contraction goes
    /// through <see cref="DArray{TElement}.TensorDot(DArray{TElement}, int[], int[], int?)"/>,
    /// and shared batch labels through a broadcast product.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The subscripts are malformed, do not match the operands' ranks, give a label two sizes, or
    /// name an output label no operand has; the message names the subscripts.
    /// </exception>
    public static DArray<T> Einsum<T>(string subscripts, params DArray<T>[] operands)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(subscripts);
        ArgumentNullException.ThrowIfNull(operands);
        var plan = EinsumPlan.Parse(subscripts, [.. operands.Select(o => o.ShapeArray)]);
        var terms = new List<(DArray<T> Array, List<char> Labels)>();
        for (var i = 0; i < operands.Length; i++)
        {
            terms.Add(TakeDiagonals(operands[i], plan.Inputs[i]));
        }

        var output = plan.Output;
        for (var i = 0; i < terms.Count; i++)
        {
            var later = terms.Skip(i + 1).SelectMany(t => t.Labels).Concat(output).ToHashSet();
            var own = terms.Take(i).SelectMany(t => t.Labels).ToHashSet();
            terms[i] = SumLabels(terms[i], l => !later.Contains(l) && !own.Contains(l));
        }

        var (acc, labels) = terms[0];
        for (var i = 1; i < terms.Count; i++)
        {
            var (next, nextLabels) = terms[i];
            var needed = terms.Skip(i + 1).SelectMany(t => t.Labels).Concat(output).ToHashSet();
            var shared = labels.Intersect(nextLabels).ToList();
            var contracted = shared.Where(l => !needed.Contains(l)).ToList();
            if (contracted.Count > 0 && contracted.Count == shared.Count)
            {
                acc = acc.TensorDot(next, [.. contracted.Select(l => labels.IndexOf(l))], [.. contracted.Select(l => nextLabels.IndexOf(l))]);
                labels = [.. labels.Where(l => !contracted.Contains(l)), .. nextLabels.Where(l => !contracted.Contains(l))];
                continue;
            }

            var union = labels.Union(nextLabels).ToList();
            acc = Align(acc, labels, union) * Align(next, nextLabels, union);
            labels = union;
            (acc, labels) = SumLabels((acc, labels), l => !needed.Contains(l));
        }

        (acc, labels) = SumLabels((acc, labels), l => !output.Contains(l));
        var order = output.Select(l => labels.IndexOf(l)).ToArray();
        return order.SequenceEqual(Enumerable.Range(0, order.Length)) ? acc : acc.Transpose(order);
    }

    /// <summary>The operand with every repeated label reduced to its diagonal (the diagonal's label moves to the end).</summary>
    private static (DArray<T>, List<char>) TakeDiagonals<T>(DArray<T> x, IReadOnlyList<char> labels)
        where T : unmanaged, INumber<T>
    {
        var current = labels.ToList();
        while (current.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            var p = current.IndexOf(repeated.Key);
            var q = current.IndexOf(repeated.Key, p + 1);
            x = x.Diagonal(0, p, q);
            current.RemoveAt(q);
            current.RemoveAt(p);
            current.Add(repeated.Key);
        }

        return (x, current);
    }

    /// <summary>The term with the axes of the labels <paramref name="drop"/> picks summed away.</summary>
    private static (DArray<T>, List<char>) SumLabels<T>((DArray<T> Array, List<char> Labels) term, Func<char, bool> drop)
        where T : unmanaged, INumber<T>
    {
        var axes = term.Labels.Select((l, a) => (l, a)).Where(p => drop(p.l)).Select(p => p.a).ToArray();
        return axes.Length == 0 ? term : (term.Array.Sum(axes), [.. term.Labels.Where(l => !drop(l))]);
    }

    /// <summary>The array's axes put in <paramref name="union"/>'s order, with size-1 axes for the labels it lacks.</summary>
    private static DArray<T> Align<T>(DArray<T> x, List<char> labels, List<char> union)
        where T : unmanaged, INumber<T>
    {
        var present = union.Where(labels.Contains).ToList();
        var order = present.Select(l => labels.IndexOf(l)).ToArray();
        if (!order.SequenceEqual(Enumerable.Range(0, order.Length)))
        {
            x = x.Transpose(order);
        }

        return present.Count == union.Count ? x : x[[.. union.Select(l => labels.Contains(l) ? Slice.All : Slice.NewAxis)]];
    }
}

/// <summary>The parsed subscripts of an einsum: one label list per operand and the output's, ellipses expanded.</summary>
internal sealed record EinsumPlan(IReadOnlyList<IReadOnlyList<char>> Inputs, IReadOnlyList<char> Output)
{
    /// <summary>Parses <paramref name="subscripts"/> for operands of <paramref name="shapes"/>.</summary>
    /// <exception cref="ArgumentException">The subscripts are malformed or do not fit the operands.</exception>
    public static EinsumPlan Parse(string subscripts, int[][] shapes)
    {
        var text = subscripts.Replace(" ", "", StringComparison.Ordinal);
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        var inputs = (arrow < 0 ? text : text[..arrow]).Split(',');
        if (inputs.Length != shapes.Length)
        {
            throw Bad(subscripts, $"it names {inputs.Length} operands but {shapes.Length} were given");
        }

        var maxEllipsis = 0;
        var parsed = new List<IReadOnlyList<char>>();
        var sizes = new Dictionary<char, int>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var (labels, hasEllipsis) = Labels(subscripts, inputs[i]);
            var ellipsisRank = shapes[i].Length - labels.Count(l => l != '.');
            if (ellipsisRank < 0 || (!hasEllipsis && ellipsisRank != 0))
            {
                throw Bad(subscripts, $"operand {i} has {shapes[i].Length} axes but term '{inputs[i]}' labels {labels.Count(l => l != '.')}");
            }

            maxEllipsis = Math.Max(maxEllipsis, ellipsisRank);
            var expanded = new List<char>();
            foreach (var l in labels)
            {
                if (l == '.')
                {
                    expanded.AddRange(Enumerable.Range(0, ellipsisRank).Select(k => EllipsisLabel(ellipsisRank - k)));
                }
                else
                {
                    expanded.Add(l);
                }
            }

            for (var a = 0; a < expanded.Count; a++)
            {
                var size = shapes[i][a];
                if (sizes.TryGetValue(expanded[a], out var known) && known != size && known != 1 && size != 1)
                {
                    throw Bad(subscripts, $"label '{Describe(expanded[a])}' has sizes {known} and {size}");
                }

                sizes[expanded[a]] = known == 0 || known == 1 ? size : known;
            }

            parsed.Add(expanded);
        }

        var ellipsisLabels = Enumerable.Range(0, maxEllipsis).Select(k => EllipsisLabel(maxEllipsis - k)).ToList();
        List<char> output;
        if (arrow >= 0)
        {
            var (labels, _) = Labels(subscripts, text[(arrow + 2)..]);
            output = [.. labels.SelectMany(l => l == '.' ? ellipsisLabels : [l])];
            if (output.Distinct().Count() != output.Count)
            {
                throw Bad(subscripts, "the output repeats a label");
            }

            if (output.FirstOrDefault(l => !sizes.ContainsKey(l)) is var missing && missing != default)
            {
                throw Bad(subscripts, $"output label '{Describe(missing)}' is not in any operand");
            }
        }
        else
        {
            var counts = parsed.SelectMany(p => p).Where(l => !ellipsisLabels.Contains(l)).GroupBy(l => l).Where(g => g.Count() == 1).Select(g => g.Key).Order();
            output = [.. ellipsisLabels, .. counts];
        }

        return new EinsumPlan(parsed, output);
    }

    /// <summary>The labels of one term, with one '.' standing for its ellipsis.</summary>
    private static (List<char> Labels, bool HasEllipsis) Labels(string subscripts, string term)
    {
        var hasEllipsis = term.Contains("...", StringComparison.Ordinal);
        var rest = term.Replace("...", ".", StringComparison.Ordinal);
        if (rest.Count(c => c == '.') > (hasEllipsis ? 1 : 0) || rest.Any(c => c != '.' && !char.IsAsciiLetter(c)))
        {
            throw Bad(subscripts, $"term '{term}' may hold only letters and one '...'");
        }

        return ([.. rest], hasEllipsis);
    }

    /// <summary>A label for the k-th ellipsis axis counted from the right, outside the letters.</summary>
    private static char EllipsisLabel(int k) => (char)(0x100 + k);

    private static string Describe(char label) => label >= 0x100 ? $"... axis {label - 0x100} from the right" : label.ToString();

    private static ArgumentException Bad(string subscripts, string reason) => new($"Einsum subscripts '{subscripts}': {reason}.", nameof(subscripts));
}
