using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>
    /// Elementwise remainder with NumPy's <c>%</c> semantics (the result takes the divisor's sign;
    /// an integer divisor of zero gives 0), with broadcasting.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public static DArray<TElement> operator %(DArray<TElement> x, DArray<TElement> y) => Numeric("remainder", x, y);

    /// <summary>The remainder of every element divided by <paramref name="y"/>, with NumPy's <c>%</c> semantics.</summary>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public static DArray<TElement> operator %(DArray<TElement> x, TElement y) => NumericScalar("remainder", x, y, scalarFirst: false);

    /// <summary>The remainder of <paramref name="x"/> divided by every element, with NumPy's <c>%</c> semantics.</summary>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public static DArray<TElement> operator %(TElement x, DArray<TElement> y) => NumericScalar("remainder", y, x, scalarFirst: true);

    /// <summary>
    /// Elementwise floor division with NumPy's <c>//</c> (<c>floor_divide</c>), with broadcasting:
    /// quotients round toward negative infinity (<c>-7 // 2</c> is -4, where the <c>/</c> operator
    /// of an integer array truncates to -3), an integer divisor of zero gives 0, and float results
    /// follow NumPy's <c>divmod</c>. Together with <c>%</c>, <c>x == (x // y) * y + x % y</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> FloorDivide(DArray<TElement> divisor) => Numeric("floor_divide", this, divisor);

    /// <summary>Every element floor-divided by <paramref name="divisor"/>, with NumPy's <c>//</c> semantics (see <see cref="FloorDivide(DArray{TElement})"/>).</summary>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> FloorDivide(TElement divisor) => NumericScalar("floor_divide", this, divisor, scalarFirst: false);

    /// <summary><paramref name="dividend"/> floor-divided by every element of <paramref name="divisor"/>, with NumPy's <c>//</c> semantics.</summary>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public static DArray<TElement> FloorDivide(TElement dividend, DArray<TElement> divisor)
    {
        ArgumentNullException.ThrowIfNull(divisor);
        return NumericScalar("floor_divide", divisor, dividend, scalarFirst: true);
    }

    /// <summary>Elementwise negation (NumPy's <c>negative</c>; -0.0 for 0.0, as in NumPy).</summary>
    /// <exception cref="NotSupportedException">The elements are booleans: use <see cref="DArray.Not(DArray{Bool})"/>.</exception>
    public DArray<TElement> Negative() => Unary("negative");

    /// <summary>Elementwise absolute value (NumPy's <c>abs</c>): booleans are returned as they are, as NumPy does.</summary>
    public DArray<TElement> Abs() => FromNode(ElementwiseLayer.Map("absolute", ArrayOps.Name<TElement>("absolute"), DType, [Node]));

    /// <summary>Elementwise <c>x ** y</c> with broadcasting; integer powers are exact and refuse negative exponents when computed.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> Power(DArray<TElement> exponent) => Numeric("power", this, exponent);

    /// <summary>Every element raised to <paramref name="exponent"/>.</summary>
    /// <exception cref="ArgumentException">An integer exponent is negative (NumPy refuses it too).</exception>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public DArray<TElement> Power(TElement exponent)
    {
        if (DType is not ("float64" or "float32") && TElement.IsNegative(exponent))
        {
            throw new ArgumentException($"Integers to negative integer powers are not allowed (exponent {exponent} for {DType} array {Name}); convert to float first.", nameof(exponent));
        }

        return NumericScalar("power", this, exponent, scalarFirst: false);
    }

    /// <summary>The elementwise larger of two arrays with broadcasting (NumPy's <c>maximum</c>: NaN propagates).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<TElement> Maximum(DArray<TElement> other) => Elementwise("maximum", this, other);

    /// <summary>The elementwise larger of each element and <paramref name="other"/>.</summary>
    public DArray<TElement> Maximum(TElement other) => WithScalar("maximum", this, other, scalarFirst: false);

    /// <summary>The elementwise smaller of two arrays with broadcasting (NumPy's <c>minimum</c>: NaN propagates).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<TElement> Minimum(DArray<TElement> other) => Elementwise("minimum", this, other);

    /// <summary>The elementwise smaller of each element and <paramref name="other"/>.</summary>
    public DArray<TElement> Minimum(TElement other) => WithScalar("minimum", this, other, scalarFirst: false);

    /// <summary>Every element limited to <c>[min, max]</c> (NumPy's <c>clip</c>: <c>minimum(maximum(x, min), max)</c>).</summary>
    public DArray<TElement> Clip(TElement min, TElement max) =>
        FromNode(ElementwiseLayer.Map("clip", ArrayOps.Name<TElement>("clip"), DType, [Node], min, max));

    /// <summary>Every element limited to the bounds, which broadcast against the array.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<TElement> Clip(DArray<TElement> min, DArray<TElement> max) => Maximum(min).Minimum(max);

    private DArray<TElement> Unary(string op)
    {
        RequireNumeric(op);
        return FromNode(ElementwiseLayer.Map(op, ArrayOps.Name<TElement>(op), DType, [Node]));
    }

    private static DArray<TElement> Numeric(string op, DArray<TElement> x, DArray<TElement> y)
    {
        RequireNumeric(op);
        return Elementwise(op, x, y);
    }

    private static DArray<TElement> NumericScalar(string op, DArray<TElement> x, TElement scalar, bool scalarFirst)
    {
        RequireNumeric(op);
        return WithScalar(op, x, scalar, scalarFirst);
    }

    /// <summary>Refuses, when the expression is built, the ops NumPy refuses for booleans, and those it refuses for complex numbers.</summary>
    /// <exception cref="NotSupportedException">The elements are booleans, or complex and the op needs an order or a remainder.</exception>
    private static void RequireNumeric(string op)
    {
        if (typeof(TElement) == typeof(Complex128) && op is "remainder" or "floor_divide")
        {
            throw new NotSupportedException(
                $"NumPy's {op} does not take complex128; take Real() or Abs() first.");
        }

        if (typeof(TElement) == typeof(Bool))
        {
            throw new NotSupportedException(
                $"NumPy's {op} does not take booleans; convert with AsType<int>() or AsType<double>() first, or use the logical ops (And, Or, Xor, Not).");
        }
    }
}
