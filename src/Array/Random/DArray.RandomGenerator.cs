namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// A generator of random arrays from NumPy's distributions (Dask's <c>da.random.default_rng(seed)</c>):
    /// <c>var rng = DArray.RandomGenerator(seed: 42); var x = rng.Normal(loc: 0, scale: 1, size: [1000, 10], chunks: new[] { 100, 10 });</c>.
    /// The same seed gives the same sequence of arrays on any scheduler.
    /// </summary>
    /// <param name="seed">The seed; null draws one from the operating system's entropy.</param>
    public static RandomGenerator RandomGenerator(long? seed = null) =>
        new(seed ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue));
}
