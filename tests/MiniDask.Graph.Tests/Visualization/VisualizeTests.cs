using System.Text;
using MiniDask.Tests.Graphviz;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Visualization;

/// <summary>Layout, colours and labels of <see cref="DotRenderer.ToDot"/>, and the files <see cref="GraphVisualization.Visualize"/> writes.</summary>
public sealed class VisualizeTests
{
    private static readonly TaskGraph Narrow = GraphOf(
        (K("load", 0), Const(1)),
        (K("inc", 0), Inc(K("load", 0))),
        (K("inc", 1), Inc(K("load", 0))),
        (K("total"), Add(K("inc", 0), K("inc", 1))));

    [Fact]
    public void ToDot_WideGraph_LaidOutLeftToRightOneColumnPerLayer()
    {
        var (graph, _, depth) = TreeReduction(64, 4);

        var dot = graph.ToDot();

        Assert.Contains("rankdir=LR;", dot);
        Assert.Contains("newrank=true;", dot);
        var layers = dot.Split('\n').Where(l => l.TrimStart().StartsWith("{ rank=same;", StringComparison.Ordinal)).ToList();
        Assert.Equal(depth + 1, layers.Count);
        Assert.Equal(64, layers[0].Count(c => c == ';') - 1);
    }

    [Fact]
    public void ToDot_NarrowGraph_StaysBottomToTopWithoutLayers()
    {
        var dot = Narrow.ToDot();

        Assert.Contains("rankdir=BT;", dot);
        Assert.DoesNotContain("rank=same", dot);
    }

    [Fact]
    public void ToDot_RankDirectionGiven_IsKeptForAWideGraph()
    {
        var dot = TreeReduction(64, 4).Graph.ToDot(new DotOptions { RankDirection = "TB" });

        Assert.Contains("rankdir=TB;", dot);
        Assert.DoesNotContain("rank=same", dot);
    }

    [Fact]
    public void ToDot_ColorByOrder_RunsFromBlueForTheFirstTaskToRedForTheLast()
    {
        var dot = Narrow.ToDot(new DotOptions { Color = DotColor.Order });

        Assert.Contains("tooltip=\"('load', 0)\", fillcolor=\"0.660 0.450 0.950\"", dot);
        Assert.Contains("tooltip=\"'total'\", fillcolor=\"0.000 0.450 0.950\"", dot);
    }

    [Fact]
    public void ToDot_ColorNone_FillsWhite()
    {
        var dot = Narrow.ToDot(new DotOptions { Color = DotColor.None });

        Assert.Equal(4, CountOf(dot, "fillcolor=\"white\""));
    }

    [Fact]
    public void ToDot_CollectionOps_LabelledByOpWithoutNamespaceOrDTypeAndByBlock()
    {
        var graph = GraphOf(
            (K("x", 0), new DaskTask("array.random", TaskArg.Literal(1))),
            (K("sum-chunk-1f", 0), new DaskTask("array.sum-chunk.float64", K("x", 0))),
            (K("sq", 0), new DaskTask("array.user.map[float64,float64]:user:MyApp:MyApp.Ops:Square", K("x", 0))));

        var dot = graph.ToDot();

        Assert.Contains("label=\"random\\n(0)\"", dot);
        Assert.Contains("label=\"sum-chunk\\n(0)\"", dot);
        Assert.Contains("label=\"Ops.Square\\n(0)\"", dot);
    }

    [Fact]
    public void Visualize_DotFile_WritesTheCulledGraphAsDotText()
    {
        var dir = Directory.CreateTempSubdirectory("minidask-viz-");
        try
        {
            var graph = GraphOf((K("a"), Const(1)), (K("b"), Inc(K("a"))), (K("unused"), Const(2)));

            var file = new Collection(graph, [K("b")]).Visualize(Path.Combine(dir.FullName, "sub", "graph.dot"));

            var dot = File.ReadAllText(file.FullName);
            Assert.StartsWith("digraph minidask {", dot, StringComparison.Ordinal);
            Assert.Contains("tooltip=\"'b'\"", dot);
            Assert.DoesNotContain("unused", dot);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Visualize_UnknownExtension_ThrowsListingTheFormats()
    {
        var error = Assert.Throws<ArgumentException>(() => new Collection(Narrow, [K("total")]).Visualize("graph.txt"));

        Assert.Contains(".svg", error.Message);
        Assert.Contains(".png", error.Message);
        Assert.Contains(".dot", error.Message);
    }

    [Fact]
    public void Render_GraphvizMissing_SaysHowToInstallIt()
    {
        var error = Assert.Throws<GraphvizNotFoundException>(() =>
            GraphVisualization.Render(Narrow.ToDot(), "svg", "graph.svg", "minidask-no-such-dot-program"));

        Assert.Contains("graph.svg needs graphviz's dot program", error.Message);
        Assert.Contains("apt-get install graphviz", error.Message);
        Assert.Contains("brew install graphviz", error.Message);
    }

    [GraphvizFact]
    public void Visualize_SvgPngAndPdf_DrawnByGraphviz()
    {
        var dir = Directory.CreateTempSubdirectory("minidask-viz-");
        try
        {
            var collection = new Collection(TreeReduction(16, 4).Graph, [TreeReduction(16, 4).Root]);

            var svg = File.ReadAllText(collection.Visualize(Path.Combine(dir.FullName, "g.svg")).FullName);
            var png = File.ReadAllBytes(collection.Visualize(Path.Combine(dir.FullName, "g.png")).FullName);
            var pdf = File.ReadAllBytes(collection.Visualize(Path.Combine(dir.FullName, "g.pdf"), new DotOptions { Color = DotColor.Order }).FullName);

            Assert.Contains("<svg", svg);
            Assert.Contains(">sum</text>", svg);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf[..4]));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private sealed class Collection(TaskGraph graph, IReadOnlyList<Key> keys) : IDaskCollection
    {
        public TaskGraph Graph { get; } = graph;

        public IReadOnlyList<Key> OutputKeys { get; } = keys;
    }
}
