using ILGPU.Algorithms.Random;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// Counter-based uniform random numbers for device blocks: element <c>i</c> of a block made with
/// a seed is one draw of ILGPU.Algorithms' <see cref="XorShift64Star"/> started from a
/// SplitMix64 mix of the seed and <c>i</c>. Each element depends only on the seed and its index,
/// not on how many threads, groups or warps made it, so the same seed gives the same block on
/// every accelerator and on the host, which runs this very function.
/// </summary>
public static class DeviceRandom
{
    /// <summary>The uniform value in <c>[0, 1)</c> of element <paramref name="index"/> for <paramref name="seed"/>.</summary>
    public static double Uniform(ulong seed, long index)
    {
        var state = Mix(seed + (0x9E3779B97F4A7C15UL * (ulong)(index + 1)));
        var generator = new XorShift64Star(state == 0 ? 0x2545F4914F6CDD1DUL : state);
        return generator.NextDouble();
    }

    /// <summary>SplitMix64's finalizer: spreads nearby counters over all 64 bits.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
