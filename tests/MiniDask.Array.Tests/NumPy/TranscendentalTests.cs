using MiniDask.Kernels;

namespace MiniDask.Array.Tests.NumPy;

/// <summary>
/// Elementwise functions of chunked arrays give each element the scalar <see cref="Math"/>
/// function's bits, whatever the chunking (one block, uneven blocks, one element per block) or the dtype.
/// </summary>
public class TranscendentalTests
{
    public static TheoryData<int[]> Chunkings() => [[37], [10], [1], [5, 1, 31]];

    [Fact]
    public void Tanh_Float32OfTinyValues_IsTheValueAsInNumPy()
    {
        var result = DArray.Full<float>([16], [16], 1e-8f).Tanh().ComputeSync();

        Assert.All(result.Data, v => Assert.Equal(1e-8f, v));
        Assert.Equal(1e-8, DArray.Full<double>([16], [16], 1e-8).Tanh().ComputeSync().Data[7]);
    }

    [Theory]
    [MemberData(nameof(Chunkings))]
    public void Functions_AnyChunking_EqualTheScalarFunctionBitForBit(int[] chunks)
    {
        var random = new Random(5);
        double[] data = [.. Enumerable.Range(0, 37).Select(i => i switch
        {
            0 => 1e-9,
            1 => -0.0,
            2 => 1e-310,
            3 => double.NaN,
            4 => 710,
            _ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 4)),
        })];
        var x = DArray.FromArray(data, [37], chunks.Length == 1 ? chunks : [37]);
        if (chunks.Length > 1)
        {
            x = x.Rechunk([chunks]);
        }

        (DArray<double> Actual, Func<double, double> Scalar)[] cases =
        [
            (x.Exp(), Math.Exp), (x.Log(), Math.Log), (x.Sin(), Math.Sin), (x.Cos(), Math.Cos),
            (x.Tanh(), Math.Tanh), (x.Sqrt(), Math.Sqrt), (x.Power(1.5), v => Math.Pow(v, 1.5)),
            (x.AsType<float>().Tanh().AsType<double>(), v => MathF.Tanh((float)v)),
            (x.AsType<float>().Exp().AsType<double>(), v => MathF.Exp((float)v)),
        ];

        foreach (var (actual, scalar) in cases)
        {
            var result = actual.ComputeSync().Data;
            for (var i = 0; i < data.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalar(data[i])), BitConverter.DoubleToInt64Bits(result[i]));
            }
        }
    }
}
