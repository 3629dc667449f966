namespace MiniDask.Array;

/// <summary>
/// NumPy's true division (<c>/</c>, <c>np.true_divide</c>): integer and boolean operands divide
/// as float64, so <c>7 / 2</c> is 3.5. The <c>/</c> operator of a <see cref="DArray{TElement}"/>
/// keeps the element type instead, which for integers truncates as C# does; <c>TrueDivide</c>
/// is the explicit way to get NumPy's result. Float arrays divide in their own type either way.
/// </summary>
public static partial class DArray
{
    /// <summary>Elementwise <c>x / y</c> as float64 (NumPy's <c>/</c> on int32 arrays), with broadcasting; a zero divisor gives infinity or NaN.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<double> TrueDivide(this DArray<int> x, DArray<int> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return x.AsType<double>() / y.AsType<double>();
    }

    /// <summary>Elementwise <c>x / y</c> as float64 (NumPy's <c>/</c> on int64 arrays), with broadcasting; a zero divisor gives infinity or NaN.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<double> TrueDivide(this DArray<long> x, DArray<long> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return x.AsType<double>() / y.AsType<double>();
    }

    /// <summary>Elementwise <c>x / y</c>: for float64 arrays the same as the <c>/</c> operator.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<double> TrueDivide(this DArray<double> x, DArray<double> y) => x / y;

    /// <summary>Elementwise <c>x / y</c>: for float32 arrays the same as the <c>/</c> operator, in float32 as NumPy does.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<float> TrueDivide(this DArray<float> x, DArray<float> y) => x / y;

    /// <summary>Every element divided by <paramref name="y"/> as float64 (NumPy's <c>x / y</c> for an int32 array).</summary>
    public static DArray<double> TrueDivide(this DArray<int> x, int y)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.AsType<double>() / y;
    }

    /// <summary>Every element divided by <paramref name="y"/> as float64 (NumPy's <c>x / y</c> for an int64 array).</summary>
    public static DArray<double> TrueDivide(this DArray<long> x, long y)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.AsType<double>() / y;
    }

    /// <summary>Every element divided by <paramref name="y"/>: for a float64 array the same as the <c>/</c> operator.</summary>
    public static DArray<double> TrueDivide(this DArray<double> x, double y) => x / y;

    /// <summary>Every element divided by <paramref name="y"/>: for a float32 array the same as the <c>/</c> operator.</summary>
    public static DArray<float> TrueDivide(this DArray<float> x, float y) => x / y;

    /// <summary>
    /// Elementwise <c>x / y</c> for operands of any element types, as NumPy divides them: float32
    /// when both are float32 (or one is float32 and the other boolean), otherwise float64.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static IDArray TrueDivide(IDArray x, IDArray y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return ResultType(x.DType, y.DType) == "float32" ? Promoted<float>("divide", x, y) : Promoted<double>("divide", x, y);
    }
}
