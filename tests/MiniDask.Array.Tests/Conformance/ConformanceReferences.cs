using System.Collections.Concurrent;

namespace MiniDask.Array.Tests.Conformance;

/// <summary>The host reference of each case (the single-threaded scheduler), computed once per test run and shared by the local and cluster suites.</summary>
internal static class ConformanceReferences
{
    private static readonly ConcurrentDictionary<string, Outcome> References = new();

    /// <summary>The reference outcome of <paramref name="conformance"/>.</summary>
    public static Outcome Of(ConformanceCase conformance) => References.GetOrAdd(conformance.Name, _ => conformance.Run(TestData.Sync));
}
