using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Shape;

/// <summary>The inputs and answers NumPy wrote for the shape tests (Shape/Fixtures/make_fixtures.py), and comparisons with them.</summary>
internal static class NumPyAnswers
{
    /// <summary>NumPy's answer named <paramref name="name"/>.</summary>
    public static NDArray<T> Load<T>(string name)
        where T : unmanaged, System.Numerics.INumber<T> =>
        NDArray.LoadNpy<T>(Path.Combine(AppContext.BaseDirectory, "Shape", "Fixtures", name + ".npy"));

    /// <summary>Input <paramref name="name"/> cut into the blocks <paramref name="chunks"/> (uneven on purpose).</summary>
    public static DArray<T> Input<T>(string name, int[][] chunks)
        where T : unmanaged, System.Numerics.INumber<T> => DArray.FromArray(Load<T>(name), chunks);

    /// <summary>The 5×6 float64 input with a NaN at (1, 2), in uneven blocks.</summary>
    public static DArray<double> A => Input<double>("a", [[2, 3], [4, 1, 1]]);

    /// <summary>The length-5 float64 vector, in uneven blocks.</summary>
    public static DArray<double> V => Input<double>("v", [[2, 1, 2]]);

    /// <summary>The 2×3×4 float64 input, in uneven blocks.</summary>
    public static DArray<double> B => Input<double>("b", [[1, 1], [2, 1], [3, 1]]);

    /// <summary>The 4×3 float64 input.</summary>
    public static DArray<double> C => Input<double>("c", [[3, 1], [2, 1]]);

    /// <summary>The 4×5 float64 input.</summary>
    public static DArray<double> M => Input<double>("m", [[1, 3], [2, 2, 1]]);

    /// <summary>The 3×4 int64 input.</summary>
    public static DArray<long> I => Input<long>("i", [[2, 1], [1, 3]]);

    /// <summary>Asserts the computed array has NumPy's shape and values exactly (NaN where NumPy has NaN).</summary>
    public static void Equal<T>(string name, DArray<T> actual)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var expected = Load<T>(name);
        var result = actual.ComputeSync();
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.Equal(expected.Shape.ToArray(), result.Shape.ToArray());
        var first = Enumerable.Range(0, expected.Length).FirstOrDefault(k => !expected.Data[k].Equals(result.Data[k]), -1);
        Assert.True(first < 0, $"{name}: first difference at flat index {first} of shape {Shapes.Format(expected.Shape)}: expected {(first < 0 ? "" : expected.Data[first])}, got {(first < 0 ? "" : result.Data[first])}");
    }

    /// <summary>Asserts NumPy's shape and values within a relative 1e-12 (sums in another order round differently).</summary>
    public static void Close(string name, DArray<double> actual)
    {
        var expected = Load<double>(name);
        var result = actual.ComputeSync();
        Assert.Equal(expected.Shape.ToArray(), result.Shape.ToArray());
        for (var k = 0; k < expected.Length; k++)
        {
            var (e, r) = (expected.Data[k], result.Data[k]);
            Assert.True(double.IsNaN(e) ? double.IsNaN(r) : Math.Abs(e - r) <= 1e-12 * Math.Max(1, Math.Abs(e)), $"{name}[{k}]: expected {e}, got {r}");
        }
    }
}
