namespace MiniDask.Graph.Optimization;

/// <summary>
/// Memory-aware static ordering of a graph (in the spirit of <c>dask.order</c>): schedulers run
/// ready tasks lowest priority first, so a branch is finished before a new one is started and
/// intermediates are released early.
/// </summary>
/// <remarks>
/// <para>
/// The order is built in two passes over integer task indices, in O(n log n + e log d) time for
/// n tasks, e dependency edges and at most d dependencies per task:
/// </para>
/// <list type="number">
/// <item>
/// A pass from the roots up estimates, for every task, how many results a sequential run holds at
/// its peak while computing it, counting each result as one unit (the Sethi-Ullman register
/// count, generalized to any number of inputs): computing the inputs largest-peak first, input
/// <c>j</c> is computed while <c>j</c> earlier ones are held. Shared inputs are counted once per
/// use, so on graphs that are not trees this is an overestimate that still ranks branches.
/// </item>
/// <item>
/// A depth-first walk from the outputs (the tasks nothing depends on, in key order) reaches each
/// task's dependencies largest-peak first and emits a task once its dependencies are emitted, so
/// one branch is finished before the next is started. After each emission, every task that is now
/// ready and whose run releases at least one input (it is that input's last unfinished
/// dependent) is emitted at once: running it costs no memory, and it keeps a shared input from
/// being held until the walk happens to reach its other users.
/// </item>
/// </list>
/// <para>
/// Ties are broken by key order, so the result does not depend on how the graph was built, and the
/// order is topological: every task comes after all its dependencies.
/// </para>
/// </remarks>
public static class Ordering
{
    /// <summary>A priority for every task of <paramref name="graph"/>: lower runs first.</summary>
    /// <remarks>Dependencies that are not tasks of the graph are treated as already computed.</remarks>
    /// <exception cref="GraphValidationException">The graph has a cycle; the message names keys on it.</exception>
    public static Dictionary<Key, int> Order(TaskGraph graph)
    {
        var priorities = Priorities(graph);
        var result = new Dictionary<Key, int>(priorities.Length);
        for (var i = 0; i < priorities.Length; i++)
        {
            result[graph.KeyAt(i)] = priorities[i];
        }

        return result;
    }

    /// <summary>
    /// The priority of the task at each position of <paramref name="graph"/> (see
    /// <see cref="TaskGraph.KeyAt"/>): lower runs first; a permutation of <c>0 .. Count - 1</c>.
    /// </summary>
    /// <remarks>Dependencies that are not tasks of the graph are treated as already computed.</remarks>
    /// <exception cref="GraphValidationException">The graph has a cycle; the message names keys on it.</exception>
    public static int[] Priorities(TaskGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var shape = new Shape(graph.Index);
        var peak = PeakEstimates(shape);

        // Largest peak first; equal peaks in key order (positions follow key order).
        Comparison<int> largestPeakFirst = (a, b) => peak[a] != peak[b] ? peak[b].CompareTo(peak[a]) : a.CompareTo(b);
        for (var v = 0; v < shape.Count; v++)
        {
            var deps = shape.DependencyRow(v);
            if (deps.Length > 1)
            {
                deps.Sort(largestPeakFirst);
            }
        }

        var emitted = new Walk(shape).Run();
        var priority = new int[emitted.Length];
        for (var i = 0; i < emitted.Length; i++)
        {
            priority[emitted[i]] = i;
        }

        return priority;
    }

    /// <summary>
    /// The peak number of results held while computing each task, visiting tasks in topological
    /// order (Kahn's algorithm, which also finds cycles).
    /// </summary>
    private static int[] PeakEstimates(Shape shape)
    {
        var n = shape.Count;
        var peak = new int[n];
        var waiting = new int[n];
        var ready = new Queue<int>();
        for (var v = 0; v < n; v++)
        {
            waiting[v] = shape.DependencyRow(v).Length;
            if (waiting[v] == 0)
            {
                ready.Enqueue(v);
            }
        }

        var inputPeaks = new List<int>();
        var visited = 0;
        while (ready.Count > 0)
        {
            var v = ready.Dequeue();
            visited++;
            var deps = shape.DependencyRow(v);
            inputPeaks.Clear();
            foreach (var d in deps)
            {
                inputPeaks.Add(peak[d]);
            }

            inputPeaks.Sort((a, b) => b.CompareTo(a));
            var p = deps.Length + 1;
            for (var j = 0; j < inputPeaks.Count; j++)
            {
                p = Math.Max(p, inputPeaks[j] + j);
            }

            peak[v] = p;
            foreach (var user in shape.Dependents(v))
            {
                if (--waiting[user] == 0)
                {
                    ready.Enqueue(user);
                }
            }
        }

        if (visited < n)
        {
            var stuck = Enumerable.Range(0, n).Where(v => waiting[v] > 0).Take(10).Select(v => shape.Keys[v]);
            throw new GraphValidationException(
                $"The graph has a cycle; tasks on or after it: {string.Join(", ", stuck)}{(n - visited > 10 ? ", ..." : "")}.");
        }

        return peak;
    }

    /// <summary>
    /// The graph's positions (key order) with a copy of each task's dependency row, which the
    /// order sorts largest peak first, and the graph's own dependent rows (ascending).
    /// </summary>
    private sealed class Shape
    {
        private readonly GraphIndex graph;
        private readonly int[] start;
        private readonly int[] dependencies;

        public Shape(GraphIndex graph)
        {
            this.graph = graph;
            (start, dependencies) = graph.CopyDependencies();
        }

        public int Count => graph.Count;

        public ReadOnlySpan<Key> Keys => graph.Keys;

        /// <summary>The task's distinct dependencies inside the graph (writable: the order sorts them).</summary>
        public Span<int> DependencyRow(int v) => dependencies.AsSpan(start[v], start[v + 1] - start[v]);

        /// <summary>The task's dependents, in ascending position (key) order.</summary>
        public ReadOnlySpan<int> Dependents(int v) => graph.DependentsOf(v);
    }

    /// <summary>The depth-first walk from the outputs with eager release (see <see cref="Ordering"/>).</summary>
    private sealed class Walk
    {
        private const byte Unvisited = 0;
        private const byte Entered = 1;
        private const byte Emitted = 2;

        private readonly Shape shape;
        private readonly byte[] state;

        /// <summary>Dependencies of each task not yet emitted: 0 means ready.</summary>
        private readonly int[] waiting;

        /// <summary>Dependents of each task not yet emitted: 0 means its result can be released.</summary>
        private readonly int[] unfinishedUsers;

        /// <summary>How many of each task's inputs have that task as their last unfinished dependent.</summary>
        private readonly int[] releases;

        private readonly int[] order;
        private readonly Stack<int> eager = new();
        private int next;

        public Walk(Shape shape)
        {
            this.shape = shape;
            var n = shape.Count;
            state = new byte[n];
            waiting = new int[n];
            unfinishedUsers = new int[n];
            releases = new int[n];
            order = new int[n];
            for (var v = 0; v < n; v++)
            {
                waiting[v] = shape.DependencyRow(v).Length;
                var users = shape.Dependents(v);
                unfinishedUsers[v] = users.Length;
                if (users.Length == 1)
                {
                    releases[users[0]]++;
                }
            }
        }

        /// <summary>The task positions in run order.</summary>
        public int[] Run()
        {
            var stack = new Stack<(int Task, int Next)>();
            for (var output = 0; output < shape.Count; output++)
            {
                if (shape.Dependents(output).Length != 0 || state[output] != Unvisited)
                {
                    continue;
                }

                state[output] = Entered;
                stack.Push((output, 0));
                while (stack.Count > 0)
                {
                    var (v, i) = stack.Pop();
                    if (state[v] == Emitted)
                    {
                        continue;
                    }

                    var deps = shape.DependencyRow(v);
                    while (i < deps.Length && state[deps[i]] == Emitted)
                    {
                        i++;
                    }

                    if (i < deps.Length)
                    {
                        // Acyclic (checked by the peak pass), so an unemitted dependency is unvisited.
                        stack.Push((v, i + 1));
                        state[deps[i]] = Entered;
                        stack.Push((deps[i], 0));
                    }
                    else
                    {
                        EmitWithEager(v);
                    }
                }
            }

            return order;
        }

        private void EmitWithEager(int task)
        {
            Emit(task);
            while (eager.Count > 0)
            {
                var v = eager.Pop();
                if (state[v] != Emitted)
                {
                    Emit(v);
                }
            }
        }

        private void Emit(int v)
        {
            order[next++] = v;
            state[v] = Emitted;

            // Candidates are pushed in descending key order so that they are emitted ascending;
            // dependents of v come off the stack first, continuing the branch that v is on.
            var deps = shape.DependencyRow(v);
            for (var j = deps.Length - 1; j >= 0; j--)
            {
                var d = deps[j];
                if (--unfinishedUsers[d] == 1)
                {
                    var last = LastUnfinishedUser(d);
                    releases[last]++;
                    Consider(last);
                }
            }

            var users = shape.Dependents(v);
            for (var j = users.Length - 1; j >= 0; j--)
            {
                var u = users[j];
                if (--waiting[u] == 0)
                {
                    Consider(u);
                }
            }
        }

        private int LastUnfinishedUser(int task)
        {
            foreach (var u in shape.Dependents(task))
            {
                if (state[u] != Emitted)
                {
                    return u;
                }
            }

            throw new InvalidOperationException($"Task {shape.Keys[task]} has no unfinished dependent left.");
        }

        /// <summary>Schedules <paramref name="v"/> for eager emission when it is ready and releases an input.</summary>
        private void Consider(int v)
        {
            if (state[v] != Emitted && waiting[v] == 0 && releases[v] > 0)
            {
                eager.Push(v);
            }
        }
    }
}
