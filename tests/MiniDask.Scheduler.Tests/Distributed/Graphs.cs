using MiniDask.Graph;

namespace MiniDask.Scheduler.Tests.Distributed;

/// <summary>Small graphs for the state-machine tests. Ops are names only: nothing here runs them.</summary>
internal static class Graphs
{
    public static Key K(string name, params int[] index) => new(name, index);

    public static DaskTask Task(string op, params Key[] deps) =>
        new(op, [TaskArg.Literal(op), .. deps.Select(TaskArg.Ref)]);

    /// <summary><c>chain-0 ← chain-1 ← … ← chain-(n-1)</c>: each link reads the previous one.</summary>
    public static TaskGraph Chain(int length, string name = "chain")
    {
        var tasks = new Dictionary<Key, DaskTask> { [K(name, 0)] = Task("gen") };
        for (var i = 1; i < length; i++)
        {
            tasks[K(name, i)] = Task("inc", K(name, i - 1));
        }

        return TaskGraph.FromTasks(tasks);
    }

    /// <summary>
    /// A binary tree reduction over <paramref name="leaves"/> root blocks (<c>leaf-i</c>): level
    /// <c>l</c> sums pairs of level <c>l-1</c> into <c>sum-l-j</c>; returns the graph and the top key.
    /// </summary>
    public static (TaskGraph Graph, Key Top) TreeReduction(int leaves)
    {
        var tasks = new Dictionary<Key, DaskTask>();
        var level = Enumerable.Range(0, leaves).Select(i => K("leaf", i)).ToList();
        foreach (var key in level)
        {
            tasks[key] = Task("gen");
        }

        for (var l = 1; level.Count > 1; l++)
        {
            var next = new List<Key>();
            for (var j = 0; j < level.Count; j += 2)
            {
                var key = K("sum", l, j / 2);
                tasks[key] = j + 1 < level.Count ? Task("add", level[j], level[j + 1]) : Task("add", level[j]);
                next.Add(key);
            }

            level = next;
        }

        return (TaskGraph.FromTasks(tasks), level[0]);
    }

    /// <summary><c>n</c> independent root tasks <c>name-i</c>.</summary>
    public static TaskGraph Roots(int n, string name = "root", string op = "gen") =>
        TaskGraph.FromTasks(Enumerable.Range(0, n).ToDictionary(i => K(name, i), _ => Task(op)));

    /// <summary>One root <c>src</c> and <c>n</c> tasks <c>use-i</c> reading it: ready non-root work that piles up on one worker.</summary>
    public static TaskGraph Fan(int n)
    {
        var tasks = new Dictionary<Key, DaskTask> { [K("src")] = Task("gen") };
        for (var i = 0; i < n; i++)
        {
            tasks[K("use", i)] = Task("use", K("src"));
        }

        return TaskGraph.FromTasks(tasks);
    }

    public static Key[] KeysOf(TaskGraph graph, string name) => [.. graph.Keys.Where(k => k.Name == name).Order()];
}
