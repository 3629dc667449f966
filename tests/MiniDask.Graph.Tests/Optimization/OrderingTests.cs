using MiniDask.Graph.Optimization;
using MiniDask.Graph.Tests.TestSupport;
using static MiniDask.Graph.Tests.TestSupport.TestGraphs;

namespace MiniDask.Graph.Tests.Optimization;

public class OrderingTests
{
    [Fact]
    public void Order_TreeReduction_HoldsAtMostSplitTimesDepthPlusTwo()
    {
        var (graph, _, depth) = TreeReduction(256, 4);

        var peak = PeakLiveResults(graph, Ordering.Order(graph));

        Assert.Equal(4, depth);
        Assert.True(peak <= 4 * depth + 2, $"Peak of {peak} live results; expected at most {4 * depth + 2}.");
    }

    [Fact]
    public void Order_TreeReductionWithScrambledArguments_StillBounded()
    {
        var tasks = new Dictionary<Key, DaskTask>();
        var leaves = Enumerable.Range(0, 243).Select(i => K("leaf", i)).ToList();
        foreach (var leaf in leaves)
        {
            tasks[leaf] = Const(leaf[0]);
        }

        // Each group lists its inputs in reverse, and groups are interleaved across the key range.
        var shuffled = leaves.Select((k, i) => (k, i)).OrderBy(p => p.i % 81).ThenByDescending(p => p.i).Select(p => p.k).ToList();
        var (_, depth) = AddTreeReduction(tasks, "tree", shuffled, 3);
        var graph = TaskGraph.FromTasks(tasks);

        var peak = PeakLiveResults(graph, Ordering.Order(graph));

        Assert.True(peak <= 3 * depth + 2, $"Peak of {peak} live results; expected at most {3 * depth + 2}.");
    }

    [Fact]
    public void Order_SharedInputsFeedingTwoReductions_ReleasesEachInputEarly()
    {
        // Every root feeds both reductions: walking one reduction to the end before starting the
        // other would hold all 256 roots.
        var tasks = new Dictionary<Key, DaskTask>();
        var left = new List<Key>();
        var right = new List<Key>();
        for (var i = 0; i < 256; i++)
        {
            tasks[K("root", i)] = Const(i);
            tasks[K("left", i)] = Inc(K("root", i));
            tasks[K("right", i)] = Inc(K("root", i));
            left.Add(K("left", i));
            right.Add(K("right", i));
        }

        var (_, depth) = AddTreeReduction(tasks, "l", left, 4);
        AddTreeReduction(tasks, "r", right, 4);
        var graph = TaskGraph.FromTasks(tasks);

        var peak = PeakLiveResults(graph, Ordering.Order(graph));

        Assert.True(peak <= 2 * (4 * depth + 2), $"Peak of {peak} live results; expected at most {2 * (4 * depth + 2)}.");
    }

    [Fact]
    public void Order_RandomDag_TopologicalAndCoversEveryTask()
    {
        var random = new Random(1234);
        var tasks = new Dictionary<Key, DaskTask>();
        for (var i = 0; i < 3000; i++)
        {
            var deps = Enumerable.Range(0, i == 0 ? 0 : random.Next(0, 4)).Select(_ => K("t", random.Next(i))).Distinct().ToArray();
            tasks[K("t", i)] = deps.Length == 0 ? Const(i) : Add(deps);
        }

        var graph = TaskGraph.FromTasks(tasks);

        AssertTopological(graph, Ordering.Order(graph));
    }

    [Fact]
    public void Order_SameGraphInsertedInOppositeOrders_SamePriorities()
    {
        var (graph, _, _) = TreeReduction(100, 3);
        var reversed = TaskGraph.FromTasks(graph.Reverse().ToList());

        var first = Ordering.Order(graph);
        var second = Ordering.Order(reversed);

        Assert.Equal(first.OrderBy(kv => kv.Key), second.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Order_IndependentChains_EachChainFinishedBeforeTheNextInKeyOrder()
    {
        var tasks = new Dictionary<Key, DaskTask>();
        AddChain(tasks, "c", 4);
        AddChain(tasks, "a", 4);
        AddChain(tasks, "b", 4);
        var graph = TaskGraph.FromTasks(tasks);

        var order = Ordering.Order(graph);

        var run = order.OrderBy(kv => kv.Value).Select(kv => kv.Key.Name).ToArray();
        Assert.Equal(["a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c"], run);
    }

    [Fact]
    public void Order_EqualInputs_RunInKeyOrderWhateverTheArgumentOrder()
    {
        var graph = GraphOf(
            (K("x", 2), Const(2)),
            (K("x", 0), Const(0)),
            (K("x", 1), Const(1)),
            (K("total"), Add(K("x", 2), K("x", 0), K("x", 1))));

        var order = Ordering.Order(graph);

        Assert.True(order[K("x", 0)] < order[K("x", 1)]);
        Assert.True(order[K("x", 1)] < order[K("x", 2)]);
        Assert.Equal(3, order[K("total")]);
    }

    [Fact]
    public void Order_InputsOfUnequalSize_LargerInputComputedFirst()
    {
        // Computing the four-leaf reduction first holds at most 5 results; the single leaf first, 6.
        var tasks = new Dictionary<Key, DaskTask> { [K("a-single")] = Const(1) };
        var leaves = Enumerable.Range(0, 4).Select(i => K("z-leaf", i)).ToList();
        foreach (var leaf in leaves)
        {
            tasks[leaf] = Const(leaf[0]);
        }

        tasks[K("z-part")] = Sum(leaves);
        tasks[K("total")] = Add(K("a-single"), K("z-part"));
        var graph = TaskGraph.FromTasks(tasks);

        var order = Ordering.Order(graph);

        Assert.True(order[K("z-part")] < order[K("a-single")]);
    }

    [Fact]
    public void Order_InputSharedByTwoBranches_SecondUserRunsRightAfterTheFirst()
    {
        // r1 feeds p (branch a) and s (branch b). Once p ran, s releases r1, so it runs at once
        // rather than after the whole of branch a.
        var graph = GraphOf(
            (K("r", 1), Const(1)),
            (K("r", 2), Const(2)),
            (K("p"), Inc(K("r", 1))),
            (K("q"), Inc(K("r", 2))),
            (K("s"), Inc(K("r", 1))),
            (K("t"), Inc(K("r", 2))),
            (K("a"), Add(K("p"), K("q"))),
            (K("b"), Add(K("s"), K("t"))));

        var order = Ordering.Order(graph);

        Assert.Equal(order[K("p")] + 1, order[K("s")]);
        Assert.True(order[K("s")] < order[K("r", 2)]);
    }

    [Fact]
    public void Order_HundredThousandTasks_OrdersEveryTaskTopologically()
    {
        var tasks = new Dictionary<Key, DaskTask>(120_000);
        var mapped = new List<Key>(50_000);
        for (var i = 0; i < 50_000; i++)
        {
            tasks[K("load", i)] = Const(i);
            tasks[K("map", i)] = Inc(K("load", i));
            mapped.Add(K("map", i));
        }

        var (_, depth) = AddTreeReduction(tasks, "sum", mapped, 4);
        var graph = TaskGraph.FromTasks(tasks);

        var order = Ordering.Order(graph);

        Assert.True(graph.Count > 100_000);
        AssertTopological(graph, order);
        Assert.True(PeakLiveResults(graph, order) <= 4 * depth + 3);
    }

    [Fact]
    public void Order_MissingDependency_TreatedAsAlreadyComputed()
    {
        var graph = GraphOf((K("b"), Inc(K("outside"))), (K("c"), Inc(K("b"))));

        var order = Ordering.Order(graph);

        Assert.Equal(0, order[K("b")]);
        Assert.Equal(1, order[K("c")]);
    }

    [Fact]
    public void Order_Cycle_ThrowsNamingItsKeys()
    {
        var graph = GraphOf((K("root"), Const(0)), (K("a"), Add(K("root"), K("b"))), (K("b"), Inc(K("a"))));

        var error = Assert.Throws<GraphValidationException>(() => Ordering.Order(graph));

        Assert.Contains("'a'", error.Message);
        Assert.Contains("'b'", error.Message);
        Assert.DoesNotContain("'root'", error.Message);
    }
}
