using MiniDask.Graph;

namespace MiniDask.Bag.Tests.Core;

public sealed class DBagPipelineTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("minidask-bag-pipeline-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [MemberData(nameof(TestData.WordDatasets), MemberType = typeof(TestData))]
    public void StageChain_EveryConsumer_AgreesWithLinq(string dataset)
    {
        var (lines, bag) = TestData.Words(dataset);
        var expected = lines.SelectMany(l => l.Split(' ')).Where(w => w.Length > 0).Select(w => (Word: w, w.Length)).Select(p => p.Item2).ToList();
        var chain = bag.SelectMany(l => l.Split(' ')).Where(w => w.Length > 0).Select(w => (Word: w, w.Length)).Pluck<int>(1);

        Assert.Equal(expected, chain.Run());
        Assert.Equal(expected.Count, chain.Count().Run());
        Assert.Equal(expected.Sum(), chain.Sum().Run());
        Assert.Equal(expected.Distinct(), chain.Distinct().Run());
        Assert.Equal(expected.CountBy(x => x).Select(kv => (kv.Key, (long)kv.Value)), chain.Frequencies().Run().Select(p => (p.Item, p.Count)));
        Assert.Equal(expected.OrderDescending().Take(3), chain.TopK(3).Run());
        Assert.Equal(expected.Take(5), chain.Take(5, TestData.Sync));
        Assert.Equal(expected, chain.Repartition(3).Run());
        Assert.Equal(expected.Order(), chain.GroupBy(x => x).Run().SelectMany(g => g.Items).Order());
        Assert.Equal(expected.Zip(expected), chain.Zip(chain).Run().Select(p => (p.First, p.Second)));
    }

    [Fact]
    public void StageChain_WrittenToText_StreamsThroughStages()
    {
        var (lines, bag) = TestData.Words("text");

        var paths = bag.Where(l => l.Length > 0).Select(l => l.ToUpperInvariant()).ToTextFiles(Path.Combine(directory, "*.txt"), TestData.Sync);

        Assert.Equal(lines.Where(l => l.Length > 0).Select(l => l.ToUpperInvariant()), paths.SelectMany(File.ReadLines));
    }

    [Fact]
    public void StageChain_Reduction_ReadsSourcesNotIntermediateBags()
    {
        var source = DBag.Range(100, 4);
        var chain = source.Select(x => x + 1).Where(x => x % 2 == 0).Select(x => x * 10);

        var count = chain.Count();

        Assert.Equal(3, count.Graph.Layers.Count);
        Assert.Contains(source.Name, count.Graph.Layers.Keys);
        Assert.Equal(50, count.Run());
    }

    [Fact]
    public void StageChain_SameExpressionTwice_SameKeys()
    {
        var first = DBag.Range(10, 2).Select(Twice).Where(IsBig);
        var second = DBag.Range(10, 2).Select(Twice).Where(IsBig);

        Assert.Equal(first.Name, second.Name);
        Assert.Equal(first.Count().Key, second.Count().Key);
    }

    [Fact]
    public void StageChain_FailingLaterStage_NamesSourceElementAndValue()
    {
        var bag = DBag.FromSequence(["a b", "c d e", "f"], npartitions: 2)
            .SelectMany(l => l.Split(' '))
            .Select(w => w == "d" ? throw new InvalidOperationException("no d") : w);

        var e = Assert.Throws<TaskFailedException>(() => bag.Frequencies().Run());

        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Equal(1, inner.Partition);
        Assert.Equal(0, inner.Element);
        Assert.Contains("partition 1, element 0 (\"d\")", inner.Message);
    }

    [Fact]
    public void SelectMany_LazyCollectionThrowsWhileEnumerating_NamesTheSelector()
    {
        var bag = DBag.Range(6, 2).SelectMany(Repeat);

        var e = Assert.Throws<TaskFailedException>(() => bag.Run());

        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Equal(1, inner.Partition);
        Assert.Contains("Repeat", inner.Message);
        Assert.IsType<ArgumentException>(inner.InnerException);
    }

    [Fact]
    public void SelectMany_ResultSelectorThrows_NamesPartition()
    {
        var bag = from x in DBag.Range(4, 2) from y in new[] { 1, 0 } select x / y;

        var e = Assert.Throws<TaskFailedException>(() => bag.Run());

        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Equal(0, inner.Partition);
        Assert.IsType<DivideByZeroException>(inner.InnerException);
    }

    [Fact]
    public void Join_OuterKeyThrows_NamesPartitionAndElement()
    {
        var bag = DBag.FromSequence(["ab", "", "cd"], npartitions: 1).Join(["a"], w => w[..1], o => o, (w, o) => w + o);

        var e = Assert.Throws<TaskFailedException>(() => bag.Run());

        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Equal(1, inner.Element);
    }

    [Fact]
    public void Join_InnerKeyThrows_NamesTheJoinedElement()
    {
        string[] inner = ["x", ""];
        var bag = DBag.FromSequence(["x"], npartitions: 1).Join(inner, w => w, o => o[..1], (w, o) => w + o);

        var e = Assert.Throws<TaskFailedException>(() => bag.Run());

        var failure = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Null(failure.Partition);
        Assert.Contains("element 1 (\"\") of the joined sequence", failure.Message);
    }

    private static int Twice(int x) => x * 2;

    private static bool IsBig(int x) => x > 5;

    private static IEnumerable<int> Repeat(int x)
    {
        yield return x;
        if (x == 4)
        {
            throw new ArgumentException("four");
        }
    }
}
