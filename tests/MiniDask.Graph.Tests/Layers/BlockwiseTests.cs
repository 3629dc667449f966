using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.BlockwiseGraphs;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Layers;

public class BlockwiseTests
{
    public BlockwiseTests() => TestOps.EnsureRegistered();

    [Fact]
    public void Tasks_TransposedRead_ReadsTheMirroredBlock()
    {
        var x = Source("x", 2, 3);
        var y = new Blockwise("y", "ji", new BlockwiseTask(TestOps.Inc, Read(x, "ij")));

        Assert.Equal(6, y.Count);
        Assert.Equal([K("x", 1, 2)], y.Tasks[K("y", 2, 1)].Dependencies);
        Assert.Equal(new object?[] { 13 }, Run(GraphOfLayers(x, y), K("y", 2, 1)));
    }

    [Fact]
    public void Tasks_InputWithOneBlockAlongALetter_IsBroadcast()
    {
        var row = Source("row", 1, 3);
        var grid = Source("grid", 4, 3);
        var sum = new Blockwise("sum", "ij", new BlockwiseTask(TestOps.Add, Read(grid, "ij"), Read(row, "ij")));

        Assert.Equal([K("grid", 3, 2), K("row", 0, 2)], sum.Tasks[K("sum", 3, 2)].Dependencies);
        Assert.Equal(new object?[] { 32 + 2 }, Run(GraphOfLayers(row, grid, sum), K("sum", 3, 2)));
    }

    [Fact]
    public void Tasks_ContractedLetter_PassesEveryBlockAlongItAsARowMajorList()
    {
        var x = Source("x", 2, 3);
        var total = new Blockwise("total", "i", new BlockwiseTask(TestOps.Sum, Read(x, "ij")));

        var task = total.Tasks[K("total", 1)];

        Assert.Equal([K("x", 1, 0), K("x", 1, 1), K("x", 1, 2)], Assert.IsType<ListArg>(Assert.Single(task.Args)).Items.Select(a => ((KeyRefArg)a).Key));
        Assert.Equal(new object?[] { 10 + 11 + 12 }, Run(GraphOfLayers(x, total), K("total", 1)));
    }

    [Fact]
    public void Tasks_ConcatenatedContractedLetter_PassesItsOneBlock()
    {
        var x = Source("x", 3, 1);
        var y = new Blockwise("y", "i", new BlockwiseTask(TestOps.Inc, BlockwiseArg.Blocks("x", "ij", [3, 1], concatenate: true)));

        Assert.Equal(K("x", 2, 0), Assert.IsType<KeyRefArg>(Assert.Single(y.Tasks[K("y", 2)].Args)).Key);
        Assert.Equal(new object?[] { 21 }, Run(GraphOfLayers(x, y), K("y", 2)));
    }

    [Fact]
    public void Tasks_NewAxis_TakesItsBlockCountFromTheSpec()
    {
        var x = Source("x", 2, 1);
        var y = new Blockwise("y", "ijk", new BlockwiseTask(TestOps.Inc, Read(x, "ij")), new Dictionary<char, int> { ['k'] = 3 });

        Assert.Equal(6, y.Count);
        Assert.Equal([K("x", 1, 0)], y.Tasks[K("y", 1, 0, 2)].Dependencies);
    }

    [Fact]
    public void Constructor_ConcatenatedLetterWithSeveralBlocks_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Blockwise("y", "i", new BlockwiseTask(TestOps.Inc, BlockwiseArg.Blocks("x", "ij", [3, 2], concatenate: true))));

        Assert.Contains("'j'", error.Message);
        Assert.Contains("2 blocks", error.Message);
    }

    [Fact]
    public void Constructor_InputsDisagreeOnALetter_ThrowsNamingLetterAndInputs()
    {
        var error = Assert.Throws<ArgumentException>(() => new Blockwise(
            "y", "ij", new BlockwiseTask(TestOps.Add, BlockwiseArg.Blocks("a", "ij", [2, 3]), BlockwiseArg.Blocks("b", "ij", [2, 4]))));

        Assert.Contains("'j'", error.Message);
        Assert.Contains("input a", error.Message);
        Assert.Contains("input b", error.Message);
    }

    [Fact]
    public void Constructor_OutputLetterNoArgumentHas_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new Blockwise("y", "ik", new BlockwiseTask(TestOps.Inc, BlockwiseArg.Blocks("x", "i", [2]))));

        Assert.Contains("'k'", error.Message);
    }

    [Fact]
    public void Constructor_RepeatedLetterInAnInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => BlockwiseArg.Blocks("x", "ii", [2, 2]));
    }

    [Fact]
    public void Count_OfAMillionBlocks_IsKnownWithoutMakingATask()
    {
        var positions = new Positions(1000, 1000);
        var x = Source("x", 1000, 1000, positions);
        var graph = GraphOfLayers(x, Inc("y", x));

        Assert.Equal(2_000_000, graph.Count);
        Assert.Equal(0, positions.Calls);
    }

    [Fact]
    public void ContainsKey_KeysInAndOutsideTheGrid()
    {
        var x = Source("x", 2, 3);

        Assert.True(x.ContainsKey(K("x", 1, 2)));
        Assert.False(x.ContainsKey(K("x", 2, 0)));
        Assert.False(x.ContainsKey(K("x", 1)));
        Assert.False(x.ContainsKey(K("other", 0, 0)));
    }

    [Fact]
    public void InputNames_NameTheLayersAndKeysRead()
    {
        var x = Source("x", 2, 2);
        var y = new Blockwise("y", "ij", new BlockwiseTask(TestOps.Add, Read(x, "ij"), BlockwiseArg.Constant(TaskArg.Ref(K("scalar")))));

        Assert.Equal(["scalar", "x"], y.InputNames.Order());
    }
}
