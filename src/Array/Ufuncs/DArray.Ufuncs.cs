using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy's ufuncs over any numeric element type (<c>np.sign</c>, <c>np.fmax</c>, <c>np.isnan</c>,
/// ...), <c>round</c> with decimals, <c>isclose</c>/<c>allclose</c> and <c>nan_to_num</c>. The
/// floating-point functions with one overload per dtype are in <c>DArray.Ufuncs.g.cs</c>.
/// </summary>
public static partial class DArray
{
    /// <summary>-1, 0 or 1 by each element's sign; NaN stays NaN (NumPy's <c>sign</c>).</summary>
    public static DArray<T> Sign<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => Ufunc(x, "sign");

    /// <summary>Each element squared, in its own type (NumPy's <c>square</c>).</summary>
    public static DArray<T> Square<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => Ufunc(x, "square");

    /// <summary>The elementwise larger value, ignoring a NaN unless both are NaN (NumPy's <c>fmax</c>), with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> FMax<T>(this DArray<T> x, DArray<T> y)
        where T : unmanaged, INumber<T> => Ufunc(x, y, "fmax");

    /// <summary>The larger of each element and <paramref name="y"/>, ignoring a NaN (NumPy's <c>fmax</c>).</summary>
    public static DArray<T> FMax<T>(this DArray<T> x, T y)
        where T : unmanaged, INumber<T> => Ufunc(x, y, "fmax");

    /// <summary>The elementwise smaller value, ignoring a NaN unless both are NaN (NumPy's <c>fmin</c>), with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> FMin<T>(this DArray<T> x, DArray<T> y)
        where T : unmanaged, INumber<T> => Ufunc(x, y, "fmin");

    /// <summary>The smaller of each element and <paramref name="y"/>, ignoring a NaN (NumPy's <c>fmin</c>).</summary>
    public static DArray<T> FMin<T>(this DArray<T> x, T y)
        where T : unmanaged, INumber<T> => Ufunc(x, y, "fmin");

    /// <summary>
    /// The remainder of truncated division, with the dividend's sign (NumPy's <c>fmod</c>, C's
    /// <c>fmod</c>; <c>%</c> is NumPy's floored <c>remainder</c>); an integer divisor of 0 gives 0.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> FMod<T>(this DArray<T> x, DArray<T> y)
        where T : unmanaged, INumber<T> => Ufunc(x, y, "fmod");

    /// <summary>Each element's truncated-division remainder by <paramref name="y"/> (NumPy's <c>fmod</c>).</summary>
    public static DArray<T> FMod<T>(this DArray<T> x, T y)
        where T : unmanaged, INumber<T> => Ufunc(x, y, "fmod");

    /// <summary>Where each element is NaN (nowhere, for integers; NumPy's <c>isnan</c>).</summary>
    public static DArray<Bool> IsNan<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => Test(x, "isnan");

    /// <summary>Where each element is positive or negative infinity (NumPy's <c>isinf</c>).</summary>
    public static DArray<Bool> IsInf<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => Test(x, "isinf");

    /// <summary>Where each element is neither NaN nor infinite (NumPy's <c>isfinite</c>).</summary>
    public static DArray<Bool> IsFinite<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => Test(x, "isfinite");

    /// <summary>Where each element's sign bit is set, -0.0 included (NumPy's <c>signbit</c>).</summary>
    public static DArray<Bool> SignBit<T>(this DArray<T> x)
        where T : unmanaged, INumber<T> => Test(x, "signbit");

    /// <summary>
    /// Each element rounded to <paramref name="decimals"/> decimal places, halves to even
    /// (NumPy's <c>round</c>/<c>around</c>: <c>rint(x * 10^d) / 10^d</c>; a negative
    /// <paramref name="decimals"/> rounds to tens, hundreds, ...).
    /// </summary>
    public static DArray<double> Round(this DArray<double> x, int decimals = 0) => Rounded(x, decimals);

    /// <inheritdoc cref="Round(DArray{double}, int)"/>
    public static DArray<float> Round(this DArray<float> x, int decimals = 0) => Rounded(x, decimals);

    /// <summary>
    /// Each element rounded to <paramref name="decimals"/> decimal places, as integers: the same
    /// values for <c>decimals &gt;= 0</c>; to tens, hundreds, ... (halves to even) for negative ones, as NumPy.
    /// </summary>
    public static DArray<int> Round(this DArray<int> x, int decimals = 0) => decimals >= 0 ? x : Rounded(x.AsType<double>(), decimals).AsType<int>();

    /// <inheritdoc cref="Round(DArray{int}, int)"/>
    public static DArray<long> Round(this DArray<long> x, int decimals = 0) => decimals >= 0 ? x : Rounded(x.AsType<double>(), decimals).AsType<long>();

    /// <summary>
    /// Where <paramref name="a"/> and <paramref name="b"/> are equal within tolerance, elementwise
    /// with broadcasting (NumPy's <c>isclose</c>): <c>|a - b| &lt;= atol + rtol * |b|</c>;
    /// infinities are close only to the same infinity; NaNs are close to each other only with
    /// <paramref name="equalNan"/>. Integers compare in float64.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or a tolerance is negative or NaN.</exception>
    public static DArray<Bool> IsClose<T>(this DArray<T> a, DArray<T> b, double rtol = 1e-05, double atol = 1e-08, bool equalNan = false)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckTolerances(rtol, atol);
        return IsFloat<T>()
            ? DArray<Bool>.FromNode(ElementwiseLayer.Map("isclose", ArrayOps.Name<T>("isclose"), "bool", [a.Node, b.Node], rtol, atol, equalNan))
            : IsClose(a.AsType<double>(), b.AsType<double>(), rtol, atol, equalNan);
    }

    /// <summary>Where each element of <paramref name="a"/> is close to <paramref name="b"/> (see <see cref="IsClose{T}(DArray{T}, DArray{T}, double, double, bool)"/>).</summary>
    /// <exception cref="ArgumentException">A tolerance is negative or NaN.</exception>
    public static DArray<Bool> IsClose<T>(this DArray<T> a, T b, double rtol = 1e-05, double atol = 1e-08, bool equalNan = false)
        where T : unmanaged, INumber<T> => IsClose(a, Scalar(b), rtol, atol, equalNan);

    /// <summary>Whether every element pair is close (NumPy's <c>allclose</c>: <see cref="IsClose{T}(DArray{T}, DArray{T}, double, double, bool)"/>, then all).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or a tolerance is negative or NaN.</exception>
    public static DScalar<Bool> AllClose<T>(this DArray<T> a, DArray<T> b, double rtol = 1e-05, double atol = 1e-08, bool equalNan = false)
        where T : unmanaged, INumber<T> => IsClose(a, b, rtol, atol, equalNan).All();

    /// <summary>
    /// The array with NaN replaced by <paramref name="nan"/>, positive infinity by
    /// <paramref name="posinf"/> and negative infinity by <paramref name="neginf"/> (NumPy's
    /// <c>nan_to_num</c>; a missing infinity replacement is the dtype's largest finite value of that sign).
    /// </summary>
    public static DArray<T> NanToNum<T>(this DArray<T> x, double nan = 0.0, double? posinf = null, double? neginf = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<T>.FromNode(ElementwiseLayer.Map("nan_to_num", ArrayOps.Name<T>("nan_to_num"), x.DType, [x.Node], nan, posinf, neginf));
    }

    /// <summary><paramref name="op"/> on every element, in <typeparamref name="T"/>.</summary>
    internal static DArray<T> Ufunc<T>(DArray<T> x, string op)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<T>.FromNode(ElementwiseLayer.Map(op, ArrayOps.Name<T>(op), x.DType, [x.Node]));
    }

    /// <summary><paramref name="op"/> on matching elements of two broadcast arrays, in <typeparamref name="T"/>.</summary>
    internal static DArray<T> Ufunc<T>(DArray<T> x, DArray<T> y, string op)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return DArray<T>.FromNode(ElementwiseLayer.Map(op, ArrayOps.Name<T>(op), x.DType, [x.Node, y.Node]));
    }

    /// <summary><paramref name="op"/> on each element and the scalar <paramref name="y"/>, in <typeparamref name="T"/>.</summary>
    internal static DArray<T> Ufunc<T>(DArray<T> x, T y, string op)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<T>.FromNode(ElementwiseLayer.WithScalar(op, ArrayOps.Name<T>(op), x.DType, x.Node, y, scalarFirst: false));
    }

    private static DArray<Bool> Test<T>(DArray<T> x, string op)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<Bool>.FromNode(ElementwiseLayer.Map(op, ArrayOps.Name<T>(op), "bool", [x.Node]));
    }

    private static DArray<T> Rounded<T>(DArray<T> x, int decimals)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<T>.FromNode(ElementwiseLayer.Map("round", ArrayOps.Name<T>("round"), x.DType, [x.Node], decimals));
    }

    private static bool IsFloat<T>()
        where T : INumber<T> => typeof(T) == typeof(double) || typeof(T) == typeof(float);

    private static void CheckTolerances(double rtol, double atol)
    {
        if (!(rtol >= 0) || !(atol >= 0))
        {
            throw new ArgumentException($"IsClose tolerances must be non-negative numbers; got rtol={rtol} and atol={atol}.");
        }
    }
}
