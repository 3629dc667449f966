using System.Text.RegularExpressions;
using MiniDask.Graph.Optimization;
using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Visualization;

public partial class DotRendererTests
{
    private static readonly TaskGraph Diamond = GraphOf(
        (K("load", 0), Const(1)),
        (K("inc", 0), Inc(K("load", 0))),
        (K("inc", 1), Inc(K("load", 0))),
        (K("total"), Add(K("inc", 0), K("inc", 1))));

    [Fact]
    public void ToDot_Diamond_ContainsEveryNodeAndEdge()
    {
        var dot = Diamond.ToDot();

        var ids = NodeIdsByTooltip(dot);
        Assert.Equal(Diamond.Keys.Select(k => k.ToString()).Order(), ids.Keys.Order());
        var edges = Edges(dot);
        var expected = Diamond.SelectMany(kv => kv.Value.Dependencies.Select(d => (ids[d.ToString()], ids[kv.Key.ToString()])));
        Assert.Equal(expected.Order(), edges.Order());
        AssertWellFormed(dot);
    }

    [Fact]
    public void ToDot_Task_LabelIsShortOpNameAndBlockIndex()
    {
        var dot = Diamond.ToDot();

        Assert.Contains("label=\"inc\\n(1)\"", dot);
        Assert.Contains("label=\"add\\ntotal\"", dot);
    }

    [Fact]
    public void ToDot_FusedTask_LabelCountsInlineTasks()
    {
        var tasks = new Dictionary<Key, DaskTask>();
        AddChain(tasks, "chain", 3);
        var fused = Fusion.FuseLinear(TaskGraph.FromTasks(tasks), [K("chain", 2)]);

        var dot = fused.ToDot();

        Assert.Contains("label=\"inc +2\\n(2)\"", dot);
    }

    [Fact]
    public void ToDot_NamesWithQuotesBackslashesAndNewlines_EscapedInQuotedStrings()
    {
        var odd = K("we\"ird\\na\nme", 0);
        var graph = GraphOf((odd, Const(1)), (K("user", 0), Inc(odd)));

        var dot = graph.ToDot();

        Assert.Contains("we\\\"ird\\\\na\\nme", dot);
        Assert.DoesNotContain("we\"ird", dot);
        AssertWellFormed(dot);
    }

    [Fact]
    public void ToDot_ClusterByName_OneClusterPerKeyName()
    {
        var dot = Diamond.ToDot();

        Assert.Equal(3, ClusterPattern().Matches(dot).Count);
        Assert.Empty(ClusterPattern().Matches(Diamond.ToDot(new DotOptions { ClusterByName = false })));
    }

    [Fact]
    public void ToDot_SameKeyName_SameFillColour()
    {
        var dot = Diamond.ToDot();

        var colours = NodePattern().Matches(dot)
            .Where(m => m.Groups["tooltip"].Value.StartsWith("('inc'", StringComparison.Ordinal))
            .Select(m => m.Groups["fill"].Value)
            .Distinct();
        Assert.Single(colours);
    }

    [Fact]
    public void ToDot_MoreTasksThanMaxNodes_ShowsTheFirstTasksToRunAndANote()
    {
        var (graph, _, _) = TreeReduction(64, 4);

        var dot = graph.ToDot(new DotOptions { MaxNodes = 5 });

        var shown = NodeIdsByTooltip(dot).Keys.Order().ToArray();
        Assert.Equal(["('leaf', 0)", "('leaf', 1)", "('leaf', 2)", "('leaf', 3)", "('tree-combine-1', 0)"], shown);
        Assert.Contains($"{graph.Count - 5} more tasks not shown", dot);
        Assert.Equal(4, Edges(dot).Count);
        AssertWellFormed(dot);
    }

    [Fact]
    public void ToDot_MissingDependency_DrawnAsDashedNode()
    {
        var graph = GraphOf((K("b", 0), Inc(K("gone", 3))));

        var dot = graph.ToDot();

        Assert.Contains("\"missing ('gone', 3)\" -> n0 [style=dashed];", dot);
        Assert.Contains("\"missing ('gone', 3)\" [label=\"missing\\ngone (3)\"", dot);
        AssertWellFormed(dot);
    }

    [Fact]
    public void ToDot_SameGraphTwice_SameText()
    {
        var (graph, _, _) = TreeReduction(30, 3);
        var rebuilt = TaskGraph.FromTasks(graph.Reverse().ToList());

        Assert.Equal(graph.ToDot(), rebuilt.ToDot());
    }

    [Fact]
    public void ToDot_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Diamond.ToDot(new DotOptions { MaxNodes = 0 }));
        Assert.Throws<ArgumentException>(() => Diamond.ToDot(new DotOptions { RankDirection = "UP" }));
    }

    private static Dictionary<string, string> NodeIdsByTooltip(string dot) =>
        NodePattern().Matches(dot).ToDictionary(m => m.Groups["tooltip"].Value, m => m.Groups["id"].Value);

    private static List<(string From, string To)> Edges(string dot) =>
        [.. EdgePattern().Matches(dot).Select(m => (m.Groups["from"].Value, m.Groups["to"].Value))];

    /// <summary>Checks that quoted strings close and braces balance outside them.</summary>
    private static void AssertWellFormed(string dot)
    {
        Assert.StartsWith("digraph minidask {", dot, StringComparison.Ordinal);
        var depth = 0;
        var inString = false;
        for (var i = 0; i < dot.Length; i++)
        {
            var c = dot[i];
            if (inString)
            {
                Assert.NotEqual('\n', c);
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
                Assert.True(depth >= 0, "Unbalanced '}'.");
            }
        }

        Assert.False(inString, "A quoted string is not closed.");
        Assert.Equal(0, depth);
    }

    [GeneratedRegex("""^\s*(?<id>n\d+) \[label="(?:[^"\\]|\\.)*", tooltip="(?<tooltip>(?:[^"\\]|\\.)*)", fillcolor="(?<fill>[^"]*)"\];$""", RegexOptions.Multiline)]
    private static partial Regex NodePattern();

    [GeneratedRegex(@"^\s*(?<from>n\d+) -> (?<to>n\d+);$", RegexOptions.Multiline)]
    private static partial Regex EdgePattern();

    [GeneratedRegex(@"subgraph cluster_\d+ \{")]
    private static partial Regex ClusterPattern();
}
