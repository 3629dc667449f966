namespace MiniDask.Kernels.Tests;

/// <summary>NDArray's ToString against what NumPy prints for the same arrays (<c>print(a)</c>, NumPy 2 defaults).</summary>
public sealed class PrintingTests
{
    [Fact]
    public void ToString_FloatsWithFewDigits_AreAlignedAtThePointAsNumPy()
    {
        Assert.Equal("[1.  2.5]", new NDArray<double>([1.0, 2.5], [2]).ToString());
        Assert.Equal("[0.1  0.25]", new NDArray<double>([0.1, 0.25], [2]).ToString());
        Assert.Equal("[-1.5  2. ]", new NDArray<double>([-1.5, 2.0], [2]).ToString());
        Assert.Equal("[0.33333333]", new NDArray<double>([1.0 / 3], [1]).ToString());
        Assert.Equal("[0.3]", new NDArray<double>([0.1 + 0.2], [1]).ToString());
    }

    [Fact]
    public void ToString_Float32_UsesTheShortestDigitsOfTheFloat()
    {
        Assert.Equal("[1.1 2. ]", new NDArray<float>([1.1f, 2f], [2]).ToString());
    }

    [Fact]
    public void ToString_WideMagnitudes_SwitchToScientificAsNumPy()
    {
        Assert.Equal("[1.e-05 1.e+00]", new NDArray<double>([1e-5, 1.0], [2]).ToString());
        Assert.Equal("[1.5e-05 1.0e+00]", new NDArray<double>([1.5e-5, 1.0], [2]).ToString());
        Assert.Equal("[1.e+08 1.e+00]", new NDArray<double>([1e8, 1.0], [2]).ToString());
    }

    [Fact]
    public void ToString_NanAndInfinity_AreRightAligned()
    {
        Assert.Equal("[nan  1.]", new NDArray<double>([double.NaN, 1.0], [2]).ToString());
        Assert.Equal("[-inf  1.5]", new NDArray<double>([double.NegativeInfinity, 1.5], [2]).ToString());
    }

    [Fact]
    public void ToString_MatrixAndCube_NestBracketsAndBlankLinesAsNumPy()
    {
        Assert.Equal("[[1. 2.]\n [3. 4.]]", new NDArray<double>([1, 2, 3, 4], [2, 2]).ToString());
        Assert.Equal("[[0 1 2]\n [3 4 5]]", new NDArray<int>([0, 1, 2, 3, 4, 5], [2, 3]).ToString());
        Assert.Equal("[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]", new NDArray<long>([0, 1, 2, 3, 4, 5, 6, 7], [2, 2, 2]).ToString());
    }

    [Fact]
    public void ToString_IntegersAndBooleans_AreRightAligned()
    {
        Assert.Equal("[ -1  20 300]", new NDArray<int>([-1, 20, 300], [3]).ToString());
        Assert.Equal("[ True False]", new NDArray<Bool>([Bool.True, Bool.False], [2]).ToString());
    }

    [Fact]
    public void ToString_LongRow_WrapsAtSeventyFiveCharacters()
    {
        var a = new NDArray<int>([.. Enumerable.Range(0, 30)], [30]);

        Assert.Equal(
            "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]",
            a.ToString());
    }

    [Fact]
    public void ToString_PastTheThreshold_SummarisesWithEllipsis()
    {
        var row = new NDArray<long>([.. Enumerable.Range(0, 2000).Select(i => (long)i)], [2000]);
        var matrix = row.Reshape(1000, 2);

        Assert.Equal("[   0    1    2 ... 1997 1998 1999]", row.ToString());
        Assert.Equal(
            "[[   0    1]\n [   2    3]\n [   4    5]\n ...\n [1994 1995]\n [1996 1997]\n [1998 1999]]",
            matrix.ToString());
    }

    [Fact]
    public void ToString_WithPrintOptions_UsesThem()
    {
        var a = new NDArray<double>([1.0 / 3, 2.0 / 3, 1.0, 2.0, 3.0], [5]);

        Assert.Equal("[0.333 0.667 ... 2.    3.   ]", a.ToString(new PrintOptions { Threshold = 4, EdgeItems = 2, Precision = 3 }));
    }

    [Fact]
    public void ToString_ZeroDimensionalAndEmpty_AsNumPy()
    {
        Assert.Equal("1.0", NDArray<double>.Scalar(1.0).ToString());
        Assert.Equal("0.1", NDArray<float>.Scalar(0.1f).ToString());
        Assert.Equal("1e-05", NDArray<double>.Scalar(1e-5).ToString());
        Assert.Equal("7", NDArray<int>.Scalar(7).ToString());
        Assert.Equal("[]", new NDArray<double>([], [0, 3]).ToString());
    }

    [Fact]
    public void Describe_GivesTypeAndShape()
    {
        Assert.Equal("NDArray<float64>(2, 3)", new NDArray<double>([2, 3]).Describe());
    }
}
