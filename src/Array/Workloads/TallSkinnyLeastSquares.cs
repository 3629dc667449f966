using MathNet.Numerics.LinearAlgebra;
using MiniDask.Kernels;

namespace MiniDask.Array.Workloads;

/// <summary>
/// The <c>lstsq</c> benchmark workload: <see cref="Linalg.Lstsq"/> of a tall-and-skinny normal
/// matrix A (by default 2,000,000 × 50 doubles, 800 MB, in 100,000-row blocks) against
/// <c>b = A x_true + noise</c>. A is generated block by block and never held whole: peak memory
/// stays at a few blocks. <see cref="Direct"/> is the same computation without the engine.
/// </summary>
public static class TallSkinnyLeastSquares
{
    /// <summary>Rows of A by default.</summary>
    public const int DefaultRows = 2_000_000;

    /// <summary>Columns of A by default.</summary>
    public const int DefaultColumns = 50;

    /// <summary>Rows per block by default.</summary>
    public const int DefaultBlockRows = 100_000;

    /// <summary>The standard deviation of the noise added to <c>A x_true</c>.</summary>
    public const double NoiseScale = 0.01;

    /// <summary>The coefficients b is made from: <c>1 + j / 10</c>.</summary>
    public static double[] TrueCoefficients(int columns) => [.. Enumerable.Range(0, columns).Select(j => 1 + (j / 10.0))];

    /// <summary>The least-squares solution x, lazily: A and the noise from a generator of <paramref name="seed"/>.</summary>
    public static DArray<double> Build(int rows = DefaultRows, int columns = DefaultColumns, int blockRows = DefaultBlockRows, long seed = 1)
    {
        var rng = DArray.RandomGenerator(seed);
        var a = rng.Normal(size: [rows, columns], chunks: new[] { blockRows, columns });
        var noise = rng.Normal(scale: NoiseScale, size: [rows], chunks: blockRows);
        var b = a.MatMul(DArray.FromArray(new NDArray<double>(TrueCoefficients(columns), [columns]), [columns])) + noise;
        return Linalg.Lstsq(a, b).X;
    }

    /// <summary>
    /// The same solution without the engine: the same random blocks generated on all cores, each
    /// <c>[A_i | b_i]</c> reduced to its R factor at once, the R factors stacked and factored, and x
    /// solved from the result, as a careful engineer would stream it by hand.
    /// </summary>
    public static double[] Direct(int rows = DefaultRows, int columns = DefaultColumns, int blockRows = DefaultBlockRows, long seed = 1)
    {
        var blocks = (rows + blockRows - 1) / blockRows;
        var coefficients = Vector<double>.Build.DenseOfArray(TrueCoefficients(columns));
        var factors = new Matrix<double>[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var height = Math.Min(blockRows, rows - (i * blockRows));
            // Streams 1 and 2: the generator's first two calls, A and the noise.
            var a = RandomBlockOps.Continuous(seed, 1, [i, 0], [height, columns], "normal", [0, 1]);
            var b = RandomBlockOps.Continuous(seed, 2, [i], [height], "normal", [0, NoiseScale]);
            var fitted = MatrixBlocks.ToMatrix(a) * coefficients;
            for (var r = 0; r < height; r++)
            {
                b.Data[r] += fitted[r];
            }

            factors[i] = MatrixBlocks.RFactor([a, b]);
        });

        var r = MatrixBlocks.ThinQr(MatrixBlocks.StackRows(factors)).R;
        return ((NDArray<double>)LeastSquares.Part([MatrixBlocks.ToBlock(r), columns, rows, true, "x"])!).Data;
    }
}
