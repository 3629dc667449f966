using MiniDask.Array;

namespace MiniDask.Cli;

/// <summary>The demo's expression: <c>y = (x + x.T) - x.Mean(axis: 0)</c> over a random square array.</summary>
internal static class DemoExpression
{
    public const long Seed = 42;

    public static (DArray<double> X, DArray<double> Y) Build(int size, int chunks)
    {
        var x = DArray.Random(shape: [size, size], chunks: [chunks, chunks], seed: Seed);
        var y = (x + x.T) - x.Mean(axis: 0);
        return (x, y);
    }
}
