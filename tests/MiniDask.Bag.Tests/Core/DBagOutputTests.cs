using System.IO.Compression;
using MiniDask.Graph;

namespace MiniDask.Bag.Tests.Core;

public sealed class DBagOutputTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("minidask-bag-out-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(5000)]
    public void Take_AnyCount_MatchesLinqTake(int count)
    {
        var (items, bag) = TestData.Ints("random");

        Assert.Equal(items.Take(count), bag.Take(count, TestData.Sync));
    }

    [Fact]
    public void Take_FirstPartitionsSuffice_DoesNotComputeLaterPartitions()
    {
        var bag = DBag.Range(40, 8).Select(x => x >= 20 ? throw new InvalidOperationException("computed too much") : x);

        Assert.Equal(Enumerable.Range(0, 12), bag.Take(12, TestData.Sync));
    }

    [Fact]
    public void Take_WithEmptyPartitions_SkipsThem()
    {
        var (items, bag) = TestData.Ints("sparse");

        Assert.Equal(items.Take(4), bag.Take(4, TestData.Sync));
    }

    [Fact]
    public void ToTextFiles_Pattern_WritesOneFilePerPartitionInOrder()
    {
        var (lines, bag) = TestData.Words("text");

        var paths = bag.ToTextFiles(Path.Combine(directory, "out", "*.txt"), TestData.Sync);

        Assert.Equal(bag.PartitionCount, paths.Count);
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
        Assert.Equal(lines, paths.SelectMany(File.ReadLines));
        Assert.Equal(lines, DBag.ReadText(Path.Combine(directory, "out", "*.txt")).Run());
    }

    [Fact]
    public void ToTextFiles_ManyPartitions_PadsNumbersSoFilesSortInOrder()
    {
        var paths = DBag.Range(12, 12).ToTextFiles(Path.Combine(directory, "n-*.txt"), TestData.Sync);

        Assert.Equal("n-00.txt", Path.GetFileName(paths[0]));
        Assert.Equal("n-11.txt", Path.GetFileName(paths[11]));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i.ToString()), DBag.ReadText(Path.Combine(directory, "n-*.txt")).Run());
    }

    [Fact]
    public void ToTextFiles_Directory_WritesPartFiles()
    {
        var paths = DBag.Range(5, 2).ToTextFiles(Path.Combine(directory, "parts"), TestData.Sync);

        Assert.Equal(["0.part", "1.part"], paths.Select(Path.GetFileName));
        Assert.Equal(["0", "1"], File.ReadAllLines(paths[0]));
    }

    [Fact]
    public void ToTextFiles_GzipPattern_WritesCompressedFilesThatReadBack()
    {
        var people = TestData.People(20, seed: 2);

        var paths = DBag.FromSequence(people, npartitions: 3).ToTextFiles(Path.Combine(directory, "*.txt.gz"), TestData.Sync);

        using (var gzip = new GZipStream(File.OpenRead(paths[0]), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            Assert.Equal(people[0].ToString(), reader.ReadLine());
        }

        Assert.Equal(people.Select(p => p.ToString()), DBag.ReadText(Path.Combine(directory, "*.gz")).Run());
    }

    [Fact]
    public void ToTextFiles_TwoStars_Throws()
    {
        Assert.Throws<ArgumentException>(() => DBag.Range(2, 1).ToTextFiles(Path.Combine(directory, "*-*.txt"), TestData.Sync));
    }

    [Fact]
    public void Compute_DefaultOutputKeys_AreNamePartitionPairs()
    {
        var bag = DBag.Range(6, 3);

        Assert.Equal([new Key(bag.Name, 0), new Key(bag.Name, 1), new Key(bag.Name, 2)], bag.OutputKeys);
        Assert.Contains("3 partitions", bag.ToString());
    }
}
