namespace MiniDask.Graph;

/// <summary>
/// What a distributed scheduler is asked for every task of a compute, submit or persist (Dask's
/// annotations: <c>priority</c>, <c>retries</c>, <c>resources</c>, <c>workers</c>,
/// <c>allow_other_workers</c>). Set them for one compute with <see cref="ComputeOptions.Annotations"/>,
/// or for everything submitted in a scope with <see cref="Annotate"/>:
/// <code>using (TaskAnnotations.Annotate(new TaskAnnotations { Resources = new Dictionary&lt;string, double&gt; { ["GPU"] = 1 } }))
/// {
///     var sum = await client.ComputeAsync(x.Sum());
/// }</code>
/// The local scheduler ignores them.
/// </summary>
public sealed record TaskAnnotations
{
    private static readonly AsyncLocal<TaskAnnotations?> Ambient = new();

    /// <summary>Higher runs first, ahead of the graph's own order (0 by default; clamped to ±1024).</summary>
    public int Priority { get; init; }

    /// <summary>How many times a task that raised is run again before its error is reported (Dask's <c>retries</c>).</summary>
    public int Retries { get; init; }

    /// <summary>
    /// Abstract resources each task holds while it runs, such as <c>GPU = 1</c> or <c>MEMORY = 8e9</c>:
    /// tasks run only on workers started with at least as much (<c>minidask worker --resources "GPU=1"</c>),
    /// and no more of them at once than the worker offers.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Resources { get; init; }

    /// <summary>The workers (addresses or names) allowed to run the tasks; null for any.</summary>
    public IReadOnlyList<string>? Workers { get; init; }

    /// <summary>Whether tasks may run on other workers when none of <see cref="Workers"/> is in the cluster.</summary>
    public bool AllowLooseRestrictions { get; init; }

    /// <summary>The annotations of the innermost <see cref="Annotate"/> scope of the calling flow, or null.</summary>
    public static TaskAnnotations? Current => Ambient.Value;

    /// <summary>
    /// Applies <paramref name="annotations"/> to every compute, persist and submit of a distributed
    /// client in the calling flow until the result is disposed (Dask's <c>with dask.annotate(...)</c>);
    /// a compute's own <see cref="ComputeOptions.Annotations"/> take precedence.
    /// </summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public static IDisposable Annotate(TaskAnnotations annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        annotations.Validate();
        var previous = Ambient.Value;
        Ambient.Value = annotations;
        return new Scope(previous);
    }

    /// <summary>Checks the values: retries not negative, resources named with finite non-negative amounts, workers named.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Retries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Retries), Retries, "Retries must be zero or more.");
        }

        foreach (var (name, amount) in Resources ?? new Dictionary<string, double>())
        {
            if (string.IsNullOrWhiteSpace(name) || !double.IsFinite(amount) || amount < 0)
            {
                throw new ArgumentException($"The resource '{name}' = {amount} needs a name and a finite, non-negative amount.", nameof(Resources));
            }
        }

        if (Workers is { } workers && workers.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A worker restriction is empty; name workers by address (tcp://HOST:PORT) or by name.", nameof(Workers));
        }
    }

    private sealed class Scope(TaskAnnotations? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
