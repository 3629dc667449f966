namespace MiniDask.Graph;

/// <summary>Finding a cycle among tasks, for graph validation on the client and on the scheduler.</summary>
public static class Cycles
{
    /// <summary>
    /// A cycle among the tasks reachable from <paramref name="starts"/>, as the keys along it with
    /// the first repeated at the end (<c>a, b, a</c>), or null when there is none. Iterative
    /// three-colour depth-first search, so any depth is safe; a dependency still on the path closes
    /// a cycle.
    /// </summary>
    /// <param name="starts">The keys to search from.</param>
    /// <param name="dependenciesOf">A task's dependencies, or null for a key outside the search (it is not followed).</param>
    public static List<Key>? Find(IEnumerable<Key> starts, Func<Key, IReadOnlyList<Key>?> dependenciesOf)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(dependenciesOf);
        var colour = new Dictionary<Key, byte>();
        var stack = new Stack<(Key Key, IReadOnlyList<Key> Deps, int Next)>();
        foreach (var start in starts)
        {
            if (colour.ContainsKey(start) || dependenciesOf(start) is not { } startDeps)
            {
                continue;
            }

            colour[start] = 1;
            stack.Push((start, startDeps, 0));
            while (stack.Count > 0)
            {
                var (key, deps, next) = stack.Pop();
                if (next >= deps.Count)
                {
                    colour[key] = 2;
                    continue;
                }

                stack.Push((key, deps, next + 1));
                var dep = deps[next];
                if (colour.TryGetValue(dep, out var c))
                {
                    if (c == 1)
                    {
                        var path = stack.Select(f => f.Key).Reverse().SkipWhile(k => k != dep).ToList();
                        path.Add(dep);
                        return path;
                    }
                }
                else if (dependenciesOf(dep) is { } depDeps)
                {
                    colour[dep] = 1;
                    stack.Push((dep, depDeps, 0));
                }
            }
        }

        return null;
    }
}
