using MiniDask.Array.Tests.Conformance;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Properties;

/// <summary>
/// A generated property case: seeded random data of a random dtype and shape (0-d to 3-D, empty
/// axes included) in random chunks, a chain of one to four ops chosen among those valid for the
/// array at each step, and the execution mode that computes the chunked array. The reference is
/// the same chain on the same data held as one block, computed by the single-threaded scheduler,
/// so every op runs once on a whole dense array.
/// </summary>
internal sealed class PropertyCase
{
    private static readonly string[] DTypes = ["float64", "float32", "int32", "int64", "bool"];

    private PropertyCase(int seed, PropertyOperand input, List<PropertyStep> steps, string mode, double tolerance)
    {
        Seed = seed;
        Input = input;
        Steps = steps;
        Mode = mode;
        Tolerance = tolerance;
    }

    /// <summary>The seed the case was generated from.</summary>
    public int Seed { get; }

    /// <summary>The input array.</summary>
    public PropertyOperand Input { get; }

    /// <summary>The op chain.</summary>
    public IReadOnlyList<PropertyStep> Steps { get; }

    /// <summary>The execution mode of the chunked compute (see <see cref="ExecutionModes"/>).</summary>
    public string Mode { get; }

    /// <summary>Whether every op gives the same bits for any chunking, so results must be equal bit for bit.</summary>
    public bool Exact => Steps.All(s => s.Exact);

    /// <summary>
    /// The tolerance of an inexact chain, relative to the result's scale: 1e-3 where any array of
    /// the chain is float32 (its rounding carries into later float64 values), else 1e-9.
    /// </summary>
    public double Tolerance { get; }

    /// <summary>Generates the case of <paramref name="seed"/>; the same seed gives the same case.</summary>
    public static PropertyCase Generate(int seed)
    {
        var random = new Random(seed);
        var dtype = DTypes[random.Next(DTypes.Length)];
        int[] shape = [.. Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(12) == 0 ? 0 : random.Next(1, 7))];
        var input = PropertyOperand.Random(random, dtype, shape);
        var steps = new List<PropertyStep>();
        var x = input.Build(single: false);
        var exact = true;
        var float32 = dtype == "float32";
        for (var count = random.Next(1, 5); steps.Count < count;)
        {
            var candidates = PropertySteps.Candidates(random, x, exact);
            var step = candidates[random.Next(candidates.Count)]();
            steps.Add(step);
            exact &= step.Exact;
            try
            {
                x = step.Apply(x, single: false);
                float32 |= x.DType == "float32";
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
            {
                // An op the array cannot take ends the chain: the reference must refuse it alike.
                break;
            }
        }

        return new PropertyCase(seed, input, steps, ExecutionModes.All[random.Next(ExecutionModes.All.Count)], float32 ? 1e-3 : 1e-9);
    }

    /// <summary>Builds the chain on the chunked input, or on the one-block input when <paramref name="single"/>, and computes it with <paramref name="options"/>.</summary>
    public object Compute(bool single, IScheduler scheduler, ComputeOptions? options = null)
    {
        var x = Input.Build(single);
        foreach (var step in Steps)
        {
            x = step.Apply(x, single);
        }

        return x switch
        {
            DArray<double> d => d.Compute(scheduler, options),
            DArray<float> f => f.Compute(scheduler, options),
            DArray<int> i => i.Compute(scheduler, options),
            DArray<long> l => l.Compute(scheduler, options),
            DArray<Bool> b => b.Compute(scheduler, options),
            _ => throw new InvalidOperationException($"Unexpected array {x}."),
        };
    }

    /// <summary>The case as a failure message shows it: seed, input, chain and mode.</summary>
    public override string ToString() =>
        $"seed {Seed}: x = {Input}; {string.Join("; ", Steps.Select(s => $"x = {s}"))}; computed in mode {Mode}{(Exact ? "" : " (inexact: compared with a tolerance)")}";
}
