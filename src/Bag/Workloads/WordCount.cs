using System.Text;

namespace MiniDask.Bag.Workloads;

/// <summary>
/// The <c>wordcount</c> benchmark: <see cref="DefaultLineCount"/> generated lines of
/// <see cref="WordsPerLine"/> words each, counted with a bag. Line <c>i</c> holds the words
/// <c>Vocabulary[(i * 7 + j) % 8]</c> for <c>j = 0..9</c>, joined by single spaces. The expression is
/// <c>FromSequence(lines, npartitions: 20)</c>, split on spaces, flatten, <c>Frequencies()</c>,
/// <c>TopK(3, by count)</c>; with the default sizes every word occurs 1,250,000 times, and the
/// result is alpha, beta and gamma (ties keep first-occurrence order).
/// </summary>
public static class WordCount
{
    /// <summary>The benchmark's number of lines.</summary>
    public const int DefaultLineCount = 1_000_000;

    /// <summary>The benchmark's number of partitions.</summary>
    public const int DefaultPartitions = 20;

    /// <summary>The number of words on every line.</summary>
    public const int WordsPerLine = 10;

    /// <summary>The eight words the lines are made of.</summary>
    public static IReadOnlyList<string> Vocabulary { get; } = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"];

    /// <summary>The benchmark's input: <paramref name="lineCount"/> lines as described on <see cref="WordCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lineCount"/> is negative.</exception>
    public static List<string> Lines(int lineCount = DefaultLineCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lineCount);
        var lines = new List<string>(lineCount);
        var line = new StringBuilder();
        for (var i = 0; i < lineCount; i++)
        {
            line.Clear();
            for (var j = 0; j < WordsPerLine; j++)
            {
                line.Append(j == 0 ? "" : " ").Append(Vocabulary[(int)(((7L * i) + j) % Vocabulary.Count)]);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>
    /// Generates the lines and builds the benchmark's lazy expression; time its <c>Compute()</c>
    /// (it processes <c>lineCount * WordsPerLine</c> words).
    /// </summary>
    /// <param name="lineCount">How many lines to generate.</param>
    /// <param name="npartitions">How many partitions to split them into.</param>
    public static DBag<(string Item, long Count)> Build(int lineCount = DefaultLineCount, int npartitions = DefaultPartitions) =>
        Build(Lines(lineCount), npartitions);

    /// <summary>The benchmark's lazy expression over given lines: the three most frequent words with their counts.</summary>
    /// <param name="lines">The lines of text.</param>
    /// <param name="npartitions">How many partitions to split them into.</param>
    public static DBag<(string Item, long Count)> Build(IEnumerable<string> lines, int npartitions = DefaultPartitions) =>
        DBag.FromSequence(lines, npartitions: npartitions)
            .Select(SplitWords)
            .Flatten()
            .Frequencies()
            .TopK(3, ByCount);

    private static string[] SplitWords(string line) => line.Split(' ');

    private static long ByCount((string Item, long Count) pair) => pair.Count;
}
