using System.Collections.Immutable;

namespace MiniDask.Graph;

/// <summary>
/// Progress sinks that see every compute, beside the one a compute names in
/// <see cref="ComputeOptions.Progress"/> (Dask's registered callbacks): for the current async flow
/// with <see cref="Use"/>, as <c>using (new ProgressBar()) x.Compute();</c> does, or for the whole
/// process with <see cref="Register"/>. Every scheduler reports to them through <see cref="ProgressReporter"/>.
/// </summary>
public static class ProgressSinks
{
    private static readonly AsyncLocal<ImmutableList<IProgress<ComputeProgress>>?> Scoped = new();
    private static ImmutableList<IProgress<ComputeProgress>> global = [];

    /// <summary>Reports every compute of the current async flow to <paramref name="sink"/> until the result is disposed.</summary>
    public static IDisposable Use(IProgress<ComputeProgress> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Scoped.Value = (Scoped.Value ?? []).Add(sink);
        return new Removal(() => Scoped.Value = Scoped.Value?.Remove(sink));
    }

    /// <summary>Reports every compute in this process to <paramref name="sink"/> until the result is disposed.</summary>
    public static IDisposable Register(IProgress<ComputeProgress> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ImmutableInterlocked.Update(ref global, list => list.Add(sink));
        return new Removal(() => ImmutableInterlocked.Update(ref global, list => list.Remove(sink)));
    }

    /// <summary><paramref name="explicitSink"/> and the ambient sinks, each once.</summary>
    internal static IReadOnlyList<IProgress<ComputeProgress>> Active(IProgress<ComputeProgress>? explicitSink)
    {
        var scoped = Scoped.Value;
        var registered = Volatile.Read(ref global);
        if (scoped is null or { Count: 0 } && registered.Count == 0)
        {
            return explicitSink is null ? [] : [explicitSink];
        }

        var all = new List<IProgress<ComputeProgress>>();
        foreach (var sink in (explicitSink is null ? [] : new[] { explicitSink }).Concat(scoped ?? []).Concat(registered))
        {
            if (!all.Contains(sink, ReferenceEqualityComparer.Instance))
            {
                all.Add(sink);
            }
        }

        return all;
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        private Action? remove = remove;

        public void Dispose() => Interlocked.Exchange(ref remove, null)?.Invoke();
    }
}
