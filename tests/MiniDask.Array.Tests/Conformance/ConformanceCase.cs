using MiniDask.Graph;

namespace MiniDask.Array.Tests.Conformance;

/// <summary>
/// One array expression of the conformance suite: its name (dtype, shape, chunks and the
/// expression), how to compute it on a scheduler, and whether the LocalCluster subset runs it.
/// The expression is built anew for every compute, from the same data, so every mode runs the same graph.
/// </summary>
public sealed class ConformanceCase
{
    private readonly Func<IScheduler, ComputeOptions?, object?> compute;

    private ConformanceCase(string name, Func<IScheduler, ComputeOptions?, object?> compute, ComputeOptions? options)
    {
        Name = name;
        this.compute = compute;
        Options = options;
    }

    /// <summary>The case's name, unique in the catalog.</summary>
    public string Name { get; }

    /// <summary>The compute options every mode uses (such as optimization off), or null for the defaults.</summary>
    public ComputeOptions? Options { get; }

    /// <summary>Whether <see cref="ClusterConformanceTests"/> runs it.</summary>
    public bool OnCluster { get; set; }

    /// <summary>A case whose value is an array.</summary>
    public static ConformanceCase Of<T>(string name, Func<DArray<T>> build, ComputeOptions? options = null)
        where T : unmanaged, System.Numerics.INumber<T> =>
        new(name, (scheduler, o) => build().Compute(scheduler, o), options);

    /// <summary>A case whose value is a scalar.</summary>
    public static ConformanceCase Of<T>(string name, Func<DScalar<T>> build, ComputeOptions? options = null)
        where T : unmanaged, System.Numerics.INumber<T> =>
        new(name, (scheduler, o) => build().Compute(scheduler, o), options);

    /// <summary>Computes the case on <paramref name="scheduler"/>, recording its value or error.</summary>
    internal Outcome Run(IScheduler scheduler) => Outcome.Of(() => compute(scheduler, Options));

    /// <summary>Computes the case on <paramref name="scheduler"/> with <paramref name="options"/> instead of its own.</summary>
    internal Outcome Run(IScheduler scheduler, ComputeOptions options) => Outcome.Of(() => compute(scheduler, options));

    /// <summary>The name, as xunit shows it.</summary>
    public override string ToString() => Name;
}
