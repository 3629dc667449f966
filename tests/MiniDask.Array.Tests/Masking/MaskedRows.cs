using MiniDask.Kernels;

namespace MiniDask.Array.Tests;

/// <summary>
/// A fixed masked array for the tests of arrays with unknown chunk sizes: a (7, 5) matrix in
/// blocks of rows (3, 3, 1) and columns (2, 3), with rows 0, 2 and 6 kept by a 1-D mask, so
/// the middle block of rows keeps nothing. <see cref="Z"/> has shape (nan, 5); <see cref="Dense"/>
/// is its plain (3, 5) reference.
/// </summary>
internal static class MaskedRows
{
    public const int Columns = 5;

    public static readonly int[] KeptRows = [0, 2, 6];

    public static readonly double[] X = TestData.Matrix(7, Columns);

    public static DArray<double> XArray => DArray.FromArray(X, [7, Columns], [3, 2]).Rechunk([[3, 3, 1], [2, 3]]);

    public static DArray<Bool> RowMask =>
        DArray.FromArray(new NDArray<Bool>([.. Enumerable.Range(0, 7).Select(r => (Bool)KeptRows.Contains(r))], [7]), [[2, 5]]);

    public static DArray<double> Z => XArray[RowMask];

    public static double[] Dense => [.. KeptRows.SelectMany(r => X.Skip(r * Columns).Take(Columns))];

    public static double[] Row(int r) => [.. Dense.Skip(r * Columns).Take(Columns)];

    public static double[] Column(int c) => [.. KeptRows.Select((_, r) => Dense[(r * Columns) + c])];
}
