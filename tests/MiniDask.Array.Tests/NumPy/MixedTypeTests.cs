using MiniDask.Kernels;

namespace MiniDask.Array.Tests.NumPy;

/// <summary>
/// Arithmetic with a float scalar and comparisons across element types, against what NumPy 1.24
/// gives (the values in the comments): integer and boolean arrays with a float go to float64, a
/// float32 array keeps float32 with the scalar rounded to it, and comparisons of two dtypes are
/// made in the promoted one.
/// </summary>
public class MixedTypeTests
{
    private static readonly DArray<int> Ints = DArray.FromArray([1, 2, 3, 4], [4], [3]);
    private static readonly DArray<long> Longs = DArray.FromArray([3L, 2, 1, 0], [4], [2]);
    private static readonly DArray<double> Doubles = DArray.FromArray([1.5, 2.0, 2.5, 5.0], [4], [1]);
    private static readonly DArray<float> Floats = DArray.FromArray([0.1f, 0.2f, 0.3f, 1.0f], [4], [4]);
    private static readonly DArray<Bool> Mask = DArray.FromArray([Bool.True, Bool.False, Bool.True, Bool.False], [4], [2]);

    [Fact]
    public void Arithmetic_IntegerAndBoolArraysWithAFloat_GiveFloat64()
    {
        DArray<double> sum = Ints + 2.5;

        Assert.Equal([3.5, 4.5, 5.5, 6.5], sum.ComputeSync().Data);                 // ai + 2.5
        Assert.Equal([1.5, 0.5, -0.5, -1.5], (2.5 - Ints).ComputeSync().Data);       // 2.5 - ai
        Assert.Equal([0.4, 0.8, 1.2, 1.6], (Ints / 2.5).ComputeSync().Data);         // ai / 2.5
        Assert.Equal([1.0, 2.0, 0.5, 1.5], (Ints % 2.5).ComputeSync().Data);         // ai % 2.5
        Assert.Equal([4.5, 3.0, 1.5, 0.0], (Longs * 1.5).ComputeSync().Data);        // al * 1.5
        Assert.Equal([3.5, 2.5, 3.5, 2.5], (Mask + 2.5).ComputeSync().Data);        // b + 2.5
        Assert.Equal("int32", (Ints + 2).DType);
    }

    [Fact]
    public void Arithmetic_Float32ArrayWithAFloat_StaysFloat32()
    {
        DArray<float> sum = Floats + 0.1;

        Assert.Equal([0.1f + 0.1f, 0.2f + 0.1f, 0.3f + 0.1f, 1.0f + 0.1f], sum.ComputeSync().Data); // ag + 0.1: [0.2, 0.3, 0.4, 1.1] float32
        Assert.Equal([0.3f, 0.6f, 0.90000004f, 3f], (3.0 * Floats).ComputeSync().Data);
    }

    [Fact]
    public void Comparisons_ArraysOfTwoDTypes_CompareInThePromotedType()
    {
        Assert.Equal([false, false, true, false], Bools(Ints > Doubles));            // ai > af
        Assert.Equal([false, true, true, false], Bools(Ints >= Doubles));            // ai >= af
        Assert.Equal([false, false, true, false], Bools(Doubles < Ints));            // af < ai
        Assert.Equal([false, false, true, true], Bools(Ints > Longs));               // ai > al
        Assert.Equal([true, true, true, true], Bools(Floats < Doubles));             // ag < af
        Assert.Equal([false, false, false, false], Bools(Mask > Ints));             // b > ai
        Assert.Equal([true, true, true, true], Bools(Ints >= Mask));                // ai >= b
        Assert.Equal([false, true, false, false], Bools(DArray.Equal(Ints, Doubles))); // np.equal(ai, af)
        Assert.Equal([true, false, true, true], Bools(DArray.NotEqual(Ints, Longs)));  // np.not_equal(ai, al)
    }

    [Fact]
    public void Comparisons_WithAFloat_UseNumPysWeakScalar()
    {
        Assert.Equal([false, false, true, true], Bools(Ints > 2.5));                 // ai > 2.5
        Assert.Equal([false, false, true, true], Bools(2.5 < Ints));                 // 2.5 < ai
        Assert.Equal([false, true, false, true], Bools(Mask < 0.5));                // b < 0.5
        Assert.Equal([false, false, true, true], Bools(Floats > 0.2));               // ag > 0.2 compares with float32(0.2)
        Assert.Equal([false, true, true, true], Bools(Floats.AsType<double>() > 0.2)); // in float64 it would differ
    }

    private static bool[] Bools(DArray<Bool> mask) => DenseReference.Bools(mask.ComputeSync());
}
