using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Comparisons between arrays of different element types (<c>ints &gt; floats</c>), made in
/// NumPy's promoted type (see <see cref="ResultType(string, string)"/>), and between an array of
/// another type and a <see cref="double"/> (<c>ints &gt; 2.5</c>), made in float64, or in
/// float32 for a float32 array (NumPy's weak scalar). Comparisons within one element type are
/// declared on <see cref="DArray{TElement}"/>, and those win where both apply.
/// </summary>
public static partial class DArray
{
    extension<T>(DArray<T>)
        where T : unmanaged, INumber<T>
    {
        /// <summary>Where the element is less than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <(DArray<T> x, DArray<double> y) => Compared("less", x, y);

        /// <summary>Where the element is greater than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >(DArray<T> x, DArray<double> y) => Compared("greater", x, y);

        /// <summary>Where the element is at most <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <=(DArray<T> x, DArray<double> y) => Compared("less_equal", x, y);

        /// <summary>Where the element is at least <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >=(DArray<T> x, DArray<double> y) => Compared("greater_equal", x, y);

        /// <summary>Where the element is less than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <(DArray<T> x, DArray<float> y) => Compared("less", x, y);

        /// <summary>Where the element is greater than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >(DArray<T> x, DArray<float> y) => Compared("greater", x, y);

        /// <summary>Where the element is at most <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <=(DArray<T> x, DArray<float> y) => Compared("less_equal", x, y);

        /// <summary>Where the element is at least <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >=(DArray<T> x, DArray<float> y) => Compared("greater_equal", x, y);

        /// <summary>Where the element is less than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <(DArray<T> x, DArray<long> y) => Compared("less", x, y);

        /// <summary>Where the element is greater than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >(DArray<T> x, DArray<long> y) => Compared("greater", x, y);

        /// <summary>Where the element is at most <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <=(DArray<T> x, DArray<long> y) => Compared("less_equal", x, y);

        /// <summary>Where the element is at least <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >=(DArray<T> x, DArray<long> y) => Compared("greater_equal", x, y);

        /// <summary>Where the element is less than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <(DArray<T> x, DArray<int> y) => Compared("less", x, y);

        /// <summary>Where the element is greater than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >(DArray<T> x, DArray<int> y) => Compared("greater", x, y);

        /// <summary>Where the element is at most <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <=(DArray<T> x, DArray<int> y) => Compared("less_equal", x, y);

        /// <summary>Where the element is at least <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >=(DArray<T> x, DArray<int> y) => Compared("greater_equal", x, y);

        /// <summary>Where the element is less than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <(DArray<T> x, DArray<Bool> y) => Compared("less", x, y);

        /// <summary>Where the element is greater than <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >(DArray<T> x, DArray<Bool> y) => Compared("greater", x, y);

        /// <summary>Where the element is at most <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator <=(DArray<T> x, DArray<Bool> y) => Compared("less_equal", x, y);

        /// <summary>Where the element is at least <paramref name="y"/>'s, in the promoted type.</summary>
        public static DArray<Bool> operator >=(DArray<T> x, DArray<Bool> y) => Compared("greater_equal", x, y);

        /// <summary>Where the element is less than <paramref name="y"/>, in float64 (float32 for a float32 array).</summary>
        public static DArray<Bool> operator <(DArray<T> x, double y) => Compared("less", x, WeakScalar(x, y));

        /// <summary>Where the element is greater than <paramref name="y"/>, in float64 (float32 for a float32 array).</summary>
        public static DArray<Bool> operator >(DArray<T> x, double y) => Compared("greater", x, WeakScalar(x, y));

        /// <summary>Where the element is at most <paramref name="y"/>, in float64 (float32 for a float32 array).</summary>
        public static DArray<Bool> operator <=(DArray<T> x, double y) => Compared("less_equal", x, WeakScalar(x, y));

        /// <summary>Where the element is at least <paramref name="y"/>, in float64 (float32 for a float32 array).</summary>
        public static DArray<Bool> operator >=(DArray<T> x, double y) => Compared("greater_equal", x, WeakScalar(x, y));

        /// <summary>Where <paramref name="x"/> is less than the element, in float64 (float32 for a float32 array).</summary>
        public static DArray<Bool> operator <(double x, DArray<T> y) => Compared("less", WeakScalar(y, x), y);

        /// <summary>Where <paramref name="x"/> is greater than the element, in float64 (float32 for a float32 array).</summary>
        public static DArray<Bool> operator >(double x, DArray<T> y) => Compared("greater", WeakScalar(y, x), y);

        /// <summary>Where <paramref name="x"/> is at most the element, in float64 (float32 for a float32 array).</summary>
        public static DArray<Bool> operator <=(double x, DArray<T> y) => Compared("less_equal", WeakScalar(y, x), y);

        /// <summary>Where <paramref name="x"/> is at least the element, in float64 (float32 for a float32 array).</summary>
        public static DArray<Bool> operator >=(double x, DArray<T> y) => Compared("greater_equal", WeakScalar(y, x), y);
    }

    /// <summary>Where the elements of <paramref name="x"/> and <paramref name="y"/>, of any element types, are equal in the promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> Equal(IDArray x, IDArray y) => Compared("equal", x, y);

    /// <summary>Where the elements of <paramref name="x"/> and <paramref name="y"/>, of any element types, differ in the promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> NotEqual(IDArray x, IDArray y) => Compared("not_equal", x, y);

    /// <summary><paramref name="op"/> on both operands converted to NumPy's promoted type.</summary>
    private static DArray<Bool> Compared(string op, IDArray x, IDArray y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return ResultType(x.DType, y.DType) switch
        {
            "float64" => Compared(op, x.AsType<double>(), y.AsType<double>()),
            "float32" => Compared(op, x.AsType<float>(), y.AsType<float>()),
            "int64" => Compared(op, x.AsType<long>(), y.AsType<long>()),
            "int32" => Compared(op, x.AsType<int>(), y.AsType<int>()),
            _ => Compared(op, x.AsType<Bool>(), y.AsType<Bool>()),
        };
    }

    private static DArray<Bool> Compared<T>(string op, DArray<T> x, DArray<T> y)
        where T : unmanaged, INumber<T> => op switch
        {
            "less" => x < y,
            "greater" => x > y,
            "less_equal" => x <= y,
            "greater_equal" => x >= y,
            "equal" => x.Eq(y),
            _ => x.Ne(y),
        };

    /// <summary>A Python-float-like scalar for <paramref name="x"/>: float32 for a float32 array (NumPy's weak scalar), else float64.</summary>
    private static IDArray WeakScalar(IDArray x, double value) => x.DType == "float32" ? Scalar((float)value) : Scalar(value);
}
