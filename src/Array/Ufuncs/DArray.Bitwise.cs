using System.Numerics;

namespace MiniDask.Array;

/// <summary>
/// NumPy's bitwise ufuncs on integer arrays: <c>&amp;</c>, <c>|</c>, <c>^</c>, <c>~</c>,
/// <c>&lt;&lt;</c> and <c>&gt;&gt;</c> (and the named forms <c>BitwiseAnd</c>, ...), with
/// broadcasting. Shifts follow NumPy, not C#: a count at or past the type's width gives 0 (or -1
/// for a negative number shifted right) instead of wrapping the count. Boolean arrays have their
/// own logical <c>&amp;</c>, <c>|</c>, <c>^</c>, <c>~</c>.
/// </summary>
public static partial class DArray
{
    extension<T>(DArray<T>)
        where T : unmanaged, IBinaryInteger<T>
    {
        /// <summary>The bits set in both operands, elementwise with broadcasting.</summary>
        public static DArray<T> operator &(DArray<T> x, DArray<T> y) => Ufunc(x, y, "bitwise_and");

        /// <summary>The bits set in either operand, elementwise with broadcasting.</summary>
        public static DArray<T> operator |(DArray<T> x, DArray<T> y) => Ufunc(x, y, "bitwise_or");

        /// <summary>The bits set in exactly one operand, elementwise with broadcasting.</summary>
        public static DArray<T> operator ^(DArray<T> x, DArray<T> y) => Ufunc(x, y, "bitwise_xor");

        /// <summary>The bits set in each element and in <paramref name="y"/>.</summary>
        public static DArray<T> operator &(DArray<T> x, T y) => Ufunc(x, y, "bitwise_and");

        /// <summary>The bits set in each element or in <paramref name="y"/>.</summary>
        public static DArray<T> operator |(DArray<T> x, T y) => Ufunc(x, y, "bitwise_or");

        /// <summary>The bits set in exactly one of each element and <paramref name="y"/>.</summary>
        public static DArray<T> operator ^(DArray<T> x, T y) => Ufunc(x, y, "bitwise_xor");

        /// <summary>Every bit of every element flipped (NumPy's <c>invert</c>).</summary>
        public static DArray<T> operator ~(DArray<T> x) => Ufunc(x, "invert");

        /// <summary>Each element shifted left by <paramref name="y"/> bits (NumPy's <c>left_shift</c>).</summary>
        public static DArray<T> operator <<(DArray<T> x, T y) => Ufunc(x, y, "left_shift");

        /// <summary>Each element shifted right by <paramref name="y"/> bits, keeping the sign (NumPy's <c>right_shift</c>).</summary>
        public static DArray<T> operator >>(DArray<T> x, T y) => Ufunc(x, y, "right_shift");
    }

    /// <summary>The bits set in both operands (NumPy's <c>bitwise_and</c>), with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> BitwiseAnd<T>(this DArray<T> x, DArray<T> y)
        where T : unmanaged, IBinaryInteger<T> => Ufunc(x, y, "bitwise_and");

    /// <summary>The bits set in either operand (NumPy's <c>bitwise_or</c>), with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> BitwiseOr<T>(this DArray<T> x, DArray<T> y)
        where T : unmanaged, IBinaryInteger<T> => Ufunc(x, y, "bitwise_or");

    /// <summary>The bits set in exactly one operand (NumPy's <c>bitwise_xor</c>), with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> BitwiseXor<T>(this DArray<T> x, DArray<T> y)
        where T : unmanaged, IBinaryInteger<T> => Ufunc(x, y, "bitwise_xor");

    /// <summary>Every bit flipped (NumPy's <c>invert</c>/<c>bitwise_not</c>).</summary>
    public static DArray<T> Invert<T>(this DArray<T> x)
        where T : unmanaged, IBinaryInteger<T> => Ufunc(x, "invert");

    /// <summary>Each element shifted left by the matching count (NumPy's <c>left_shift</c>), with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> LeftShift<T>(this DArray<T> x, DArray<T> counts)
        where T : unmanaged, IBinaryInteger<T> => Ufunc(x, counts, "left_shift");

    /// <summary>Each element shifted right by the matching count, keeping the sign (NumPy's <c>right_shift</c>), with broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> RightShift<T>(this DArray<T> x, DArray<T> counts)
        where T : unmanaged, IBinaryInteger<T> => Ufunc(x, counts, "right_shift");
}
