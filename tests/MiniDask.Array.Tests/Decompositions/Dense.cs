using MathNet.Numerics.LinearAlgebra;
using MiniDask.Kernels;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests.Decompositions;

/// <summary>Dense MathNet references for the blocked linear algebra.</summary>
internal static class Dense
{
    public static readonly LocalScheduler Local = new(threads: 2);

    public static Matrix<double> Of(DArray<double> x) => Of(x.Compute(Local));

    public static Matrix<double> Of(NDArray<double> x) => x.Rank == 2
        ? Matrix<double>.Build.DenseOfRowMajor(x.Shape[0], x.Shape[1], x.Data)
        : Matrix<double>.Build.Dense(x.Shape[0], 1, x.Data);

    public static Vector<double> VectorOf(DArray<double> x) => Vector<double>.Build.DenseOfArray(x.Compute(Local).Data);

    /// <summary>A random normal matrix as a chunked array.</summary>
    public static DArray<double> Random(int rows, int columns, int[] chunks, long seed) =>
        DArray.RandomGenerator(seed).Normal(size: [rows, columns], chunks: chunks);

    /// <summary>|X - Y| relative to |Y| (Frobenius), 0 when both vanish.</summary>
    public static double RelativeError(Matrix<double> x, Matrix<double> y) =>
        (x - y).FrobeniusNorm() / Math.Max(y.FrobeniusNorm(), double.Epsilon);

    public static void AssertClose(Matrix<double> actual, Matrix<double> expected, double tolerance = 1e-10) =>
        Assert.True(RelativeError(actual, expected) < tolerance, $"relative error {RelativeError(actual, expected):E2} is not below {tolerance:E0}");

    public static void AssertIdentity(Matrix<double> x, double tolerance = 1e-10) =>
        Assert.True((x - Matrix<double>.Build.DenseIdentity(x.RowCount)).FrobeniusNorm() <= tolerance, $"|X - I| = {(x - Matrix<double>.Build.DenseIdentity(x.RowCount)).FrobeniusNorm():E2}");

    public static void AssertUpperTriangular(Matrix<double> x) =>
        Assert.True(x.StrictlyLowerTriangle().FrobeniusNorm() == 0, "entries below the diagonal are not zero");

    public static void AssertLowerTriangular(Matrix<double> x) =>
        Assert.True(x.StrictlyUpperTriangle().FrobeniusNorm() == 0, "entries above the diagonal are not zero");
}
