using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>Block functions that check a statistic's result when its blocks are computed.</summary>
internal static class StatisticsChecks
{
    /// <summary>The index block, or NumPy's "All-NaN slice encountered" error where a slice had no non-NaN element.</summary>
    /// <exception cref="ArgumentException">A count is zero.</exception>
    public static NDArray<long> RefuseAllNaN(NDArray<long> index, NDArray<double> counts) =>
        counts.Data.Contains(0.0)
            ? throw new ArgumentException("All-NaN slice encountered: nanargmin and nanargmax have no index to give where every element is NaN.")
            : index;
}
