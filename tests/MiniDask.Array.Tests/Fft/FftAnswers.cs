using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Fft;

/// <summary>The inputs and answers NumPy wrote for the FFT and complex128 tests (Fft/Fixtures/make_fixtures.py), and comparisons with them.</summary>
internal static class FftAnswers
{
    /// <summary>NumPy's array named <paramref name="name"/>.</summary>
    public static NDArray<T> Load<T>(string name)
        where T : unmanaged, System.Numerics.INumber<T> =>
        NDArray.LoadNpy<T>(Path.Combine(AppContext.BaseDirectory, "Fft", "Fixtures", name + ".npy"));

    /// <summary>Input <paramref name="name"/> cut into the blocks <paramref name="chunks"/> (uneven on purpose), or one block.</summary>
    public static DArray<T> Input<T>(string name, int[][]? chunks = null)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var data = Load<T>(name);
        return DArray.FromArray(data, chunks ?? [.. data.Shape.ToArray().Select(n => new[] { n })]);
    }

    /// <summary>Asserts NumPy's shape and complex values, each part within 1e-12 of the largest magnitude (the FFTs sum in another order).</summary>
    public static void Close(string name, DArray<Complex128> actual)
    {
        var expected = Load<Complex128>(name);
        var result = actual.ComputeSync();
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.Equal(expected.Shape.ToArray(), result.Shape.ToArray());
        var tolerance = 1e-12 * Math.Max(1, expected.Data.Select(v => v.Magnitude).DefaultIfEmpty(0).Max());
        for (var k = 0; k < expected.Length; k++)
        {
            var (e, r) = (expected.Data[k], result.Data[k]);
            Assert.True(
                Math.Abs(e.Real - r.Real) <= tolerance && Math.Abs(e.Imaginary - r.Imaginary) <= tolerance,
                $"{name}[{k}] of shape {Shapes.Format(expected.Shape)}: expected {e}, got {r}");
        }
    }

    /// <summary>Asserts NumPy's shape and real values within 1e-12 of the largest magnitude.</summary>
    public static void Close(string name, DArray<double> actual)
    {
        var expected = Load<double>(name);
        var result = actual.ComputeSync();
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.Equal(expected.Shape.ToArray(), result.Shape.ToArray());
        var tolerance = 1e-12 * Math.Max(1, expected.Data.Select(Math.Abs).DefaultIfEmpty(0).Max());
        for (var k = 0; k < expected.Length; k++)
        {
            var (e, r) = (expected.Data[k], result.Data[k]);
            Assert.True(Math.Abs(e - r) <= tolerance, $"{name}[{k}] of shape {Shapes.Format(expected.Shape)}: expected {e}, got {r}");
        }
    }
}
