namespace MiniDask.Testing;

/// <summary>Comparisons of floating-point results that allow rounding.</summary>
public static class Tolerance
{
    /// <summary>
    /// Asserts that <paramref name="actual"/> has <paramref name="expected"/>'s length and each
    /// element is equal to it (NaN to NaN, infinity to infinity) or within
    /// <paramref name="tolerance"/> of it, relative to its magnitude where that exceeds 1.
    /// </summary>
    /// <param name="expected">The reference values.</param>
    /// <param name="actual">The values computed.</param>
    /// <param name="tolerance">The allowed difference, relative above magnitude 1.</param>
    /// <param name="what">What the values are, for the failure message.</param>
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-9, string what = "")
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(
                expected[i].Equals(actual[i]) || Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{(what.Length == 0 ? "Element" : $"{what} element")} {i}: expected {expected[i]}, got {actual[i]}.");
        }
    }
}
