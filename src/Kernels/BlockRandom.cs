using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MiniDask.Kernels;

/// <summary>
/// Reproducible random blocks: a block's values are a pure function of the seed and the block's
/// index, whatever order or place blocks are computed in. The index is hashed with SplitMix64
/// into the state of eight interleaved xoshiro256** streams, which run as 256-bit vectors
/// (element <c>i</c> comes from stream <c>i % 8</c>). The arithmetic is exact integer and
/// exact conversion work, so results are identical on every machine, with or without SIMD.
/// </summary>
public static partial class BlockRandom
{
    private const int Lanes = 8;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>A block of <paramref name="shape"/> of uniform doubles in [0, 1).</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the shape is too large.</exception>
    public static NDArray<double> Uniform(long seed, ReadOnlySpan<int> blockIndex, ReadOnlySpan<int> shape)
    {
        var block = NDArray<double>.CreateUninitialized(shape);
        FillUniform(block.Span, seed, blockIndex);
        return block;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform doubles in [0, 1), each with 53 random
    /// mantissa bits, determined by <paramref name="seed"/> and <paramref name="blockIndex"/>.
    /// </summary>
    public static void FillUniform(Span<double> destination, long seed, ReadOnlySpan<int> blockIndex)
    {
        Span<ulong> state = stackalloc ulong[4 * Lanes];
        Seed(state, seed, blockIndex);
        Fill(destination, state);
    }

    private static void Fill(Span<double> destination, ReadOnlySpan<ulong> state)
    {
        // Streams 0-3 in a*, 4-7 in b*; locals rather than a struct keep all state in registers.
        var a0 = Load(state, 0, 0);
        var a1 = Load(state, 0, 1);
        var a2 = Load(state, 0, 2);
        var a3 = Load(state, 0, 3);
        var b0 = Load(state, 4, 0);
        var b1 = Load(state, 4, 1);
        var b2 = Load(state, 4, 2);
        var b3 = Load(state, 4, 3);
        Span<double> tail = stackalloc double[Lanes];
        for (var i = 0; i < destination.Length; i += Lanes)
        {
            var ra = Output(a1);
            var rb = Output(b1);
            Step(ref a0, ref a1, ref a2, ref a3);
            Step(ref b0, ref b1, ref b2, ref b3);
            if (i <= destination.Length - Lanes)
            {
                ToUnitDouble(ra).StoreUnsafe(ref destination[i]);
                ToUnitDouble(rb).StoreUnsafe(ref destination[i + 4]);
            }
            else
            {
                ToUnitDouble(ra).StoreUnsafe(ref tail[0]);
                ToUnitDouble(rb).StoreUnsafe(ref tail[4]);
                tail[..(destination.Length - i)].CopyTo(destination[i..]);
            }
        }
    }

    /// <summary>Word <paramref name="word"/> of four streams from <paramref name="firstStream"/> on, one stream per lane.</summary>
    private static Vector256<ulong> Load(ReadOnlySpan<ulong> state, int firstStream, int word) => Vector256.Create(
        state[(4 * firstStream) + word],
        state[(4 * (firstStream + 1)) + word],
        state[(4 * (firstStream + 2)) + word],
        state[(4 * (firstStream + 3)) + word]);

    /// <summary>xoshiro256**'s output, <c>rotl(s1 * 5, 7) * 9</c>, with the multiplications as shifts and adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Output(Vector256<ulong> s1)
    {
        var x5 = (s1 << 2) + s1;
        var r = (x5 << 7) | (x5 >>> 57);
        return (r << 3) + r;
    }

    /// <summary>xoshiro256**'s state transition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector256<ulong> s0, ref Vector256<ulong> s1, ref Vector256<ulong> s2, ref Vector256<ulong> s3)
    {
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 45) | (s3 >>> 19);
    }

    /// <summary>Derives the 32 state words (four per stream) from the seed and block index through SplitMix64.</summary>
    private static void Seed(Span<ulong> state, long seed, ReadOnlySpan<int> blockIndex)
    {
        var key = Mix((ulong)seed + Golden);
        key = Mix(key ^ (ulong)blockIndex.Length);
        foreach (var i in blockIndex)
        {
            key = Mix(key + Golden + (uint)i);
        }

        for (var w = 0; w < state.Length; w++)
        {
            key += Golden;
            state[w] = Mix(key);
        }

        // xoshiro's one forbidden state is all zeros in a stream; SplitMix64 outputs make it
        // practically impossible, and this makes it impossible.
        for (var lane = 0; lane < Lanes; lane++)
        {
            if (state.Slice(4 * lane, 4).IndexOfAnyExcept(0UL) < 0)
            {
                state[4 * lane] = Golden;
            }
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// The top 53 bits as a double in [0, 1), exactly: the high and low 32-bit halves are placed in
    /// the mantissas of 2^84 and 2^52 and the offsets subtracted, since AVX2 has no u64-to-double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ToUnitDouble(Vector256<ulong> bits)
    {
        var v = bits >>> 11;
        var hi = (v >>> 32) | Vector256.Create(0x4530000000000000UL);
        var lo = (v & Vector256.Create(0xFFFFFFFFUL)) | Vector256.Create(0x4330000000000000UL);
        var twoPow84Plus52 = Vector256.Create(0x4530000000100000UL).AsDouble();
        var whole = (hi.AsDouble() - twoPow84Plus52) + lo.AsDouble();
        return whole * Vector256.Create(1.0 / (1UL << 53));
    }
}
