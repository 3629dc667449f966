namespace MiniDask.Kernels.Tests;

public class BlockRandomTests
{
    [Fact]
    public void Uniform_SameSeedAndIndex_GivesTheSameBlock()
    {
        var a = BlockRandom.Uniform(42, [3, 1], [50, 20]);
        var b = BlockRandom.Uniform(42, [3, 1], [50, 20]);

        Assert.Equal(a.Data, b.Data);
    }

    [Fact]
    public void Uniform_OtherIndexOrSeed_GivesOtherNumbers()
    {
        var a = BlockRandom.Uniform(42, [0, 1], [100]);

        Assert.NotEqual(a.Data, BlockRandom.Uniform(42, [1, 0], [100]).Data);
        Assert.NotEqual(a.Data, BlockRandom.Uniform(43, [0, 1], [100]).Data);
        Assert.NotEqual(a.Data, BlockRandom.Uniform(42, [0, 1, 0], [100]).Data);
    }

    [Fact]
    public void FillUniform_ShorterBuffer_IsAPrefixOfTheLongerOne()
    {
        var longer = new double[64];
        var shorter = new double[13];

        BlockRandom.FillUniform(longer, 7, [2]);
        BlockRandom.FillUniform(shorter, 7, [2]);

        Assert.Equal(longer[..13], shorter);
    }

    [Fact]
    public void Uniform_MillionValues_AreUniformOnUnitIntervalWith53Bits()
    {
        var x = BlockRandom.Uniform(2024, [0], [1_000_000]).Data;

        Assert.All(x, v => Assert.InRange(v, 0.0, Math.BitDecrement(1.0)));
        var mean = x.Average();
        var variance = x.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, 0.5 - 0.002, 0.5 + 0.002);
        Assert.InRange(variance, (1.0 / 12) - 0.002, (1.0 / 12) + 0.002);
        var histogram = new int[10];
        foreach (var v in x)
        {
            histogram[(int)(v * 10)]++;
        }

        Assert.All(histogram, h => Assert.InRange(h, 98_500, 101_500));
        var scaled = x.Select(v => v * (1UL << 53)).ToArray();
        Assert.All(scaled, s => Assert.Equal(Math.Floor(s), s));
        var odd = scaled.Count(s => ((ulong)s & 1) == 1);
        Assert.InRange(odd, 495_000, 505_000);
    }
}
