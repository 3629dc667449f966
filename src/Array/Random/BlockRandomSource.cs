using MathNet.Numerics.Random;

namespace MiniDask.Array;

/// <summary>
/// The random source of one block of a <see cref="RandomGenerator"/> array: xoshiro256** whose
/// 256-bit state is derived with SplitMix64 from the generator's seed, the call's stream number
/// and the block index, so every block has its own independent stream and the same block is
/// the same numbers wherever and whenever it is computed. MathNet's distributions draw from it.
/// (MathNet's own generators take 32-bit seeds, too few to give every block of every call its
/// own stream.)
/// </summary>
internal sealed class BlockRandomSource : RandomSource
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>The source of block <paramref name="blockIndex"/> of stream <paramref name="stream"/> of generator <paramref name="seed"/>.</summary>
    public BlockRandomSource(long seed, long stream, ReadOnlySpan<int> blockIndex)
        : base(threadSafe: false)
    {
        var key = Mix((ulong)seed + Golden);
        key = Mix(key ^ (ulong)stream);
        key = Mix(key ^ (ulong)blockIndex.Length);
        foreach (var i in blockIndex)
        {
            key = Mix(key + Golden + (uint)i);
        }

        s0 = Mix(key += Golden);
        s1 = Mix(key += Golden);
        s2 = Mix(key += Golden);
        s3 = Mix(key + Golden);
        if ((s0 | s1 | s2 | s3) == 0)
        {
            // xoshiro's one forbidden state; SplitMix64 outputs make it practically impossible.
            s0 = Golden;
        }
    }

    /// <summary>A uniform 64-bit integer (xoshiro256**'s output).</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform integer in <c>[0, bound)</c>, without modulo bias (Lemire's method).</summary>
    public ulong NextBelow(ulong bound)
    {
        if (bound == 0)
        {
            return NextUInt64();
        }

        var product = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return product;
    }

    /// <inheritdoc />
    protected override double DoSample() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc />
    protected override int DoSampleInteger() => (int)(NextUInt64() >> 33);

    /// <inheritdoc />
    protected override void DoSampleBytes(byte[] buffer)
    {
        for (var i = 0; i < buffer.Length; i += 8)
        {
            var word = NextUInt64();
            for (var b = 0; b < 8 && i + b < buffer.Length; b++)
            {
                buffer[i + b] = (byte)(word >> (8 * b));
            }
        }
    }

    /// <inheritdoc />
    protected override int DoSampleInt32WithNBits(int bitCount) => bitCount == 0 ? 0 : (int)(NextUInt64() >> (64 - bitCount));

    /// <inheritdoc />
    protected override long DoSampleInt64WithNBits(int bitCount) => bitCount == 0 ? 0 : (long)(NextUInt64() >> (64 - bitCount));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
