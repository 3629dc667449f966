using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Boolean arrays (<c>DArray&lt;Bool&gt;</c>): <see cref="Where{T}(DArray{Bool}, DArray{T}, DArray{T})"/>
/// and the logical operators, which NumPy spells <c>&amp;</c>, <c>|</c>, <c>^</c> and <c>~</c>.
/// </summary>
public static partial class DArray
{
    extension(DArray<Bool>)
    {
        /// <summary>Elementwise logical and, with broadcasting.</summary>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static DArray<Bool> operator &(DArray<Bool> x, DArray<Bool> y) => And(x, y);

        /// <summary>Elementwise logical or, with broadcasting.</summary>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static DArray<Bool> operator |(DArray<Bool> x, DArray<Bool> y) => Or(x, y);

        /// <summary>Elementwise logical exclusive or, with broadcasting.</summary>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static DArray<Bool> operator ^(DArray<Bool> x, DArray<Bool> y) => Xor(x, y);

        /// <summary>Elementwise logical not.</summary>
        public static DArray<Bool> operator !(DArray<Bool> x) => Not(x);

        /// <summary>Elementwise logical not (NumPy's <c>~</c> on booleans).</summary>
        public static DArray<Bool> operator ~(DArray<Bool> x) => Not(x);
    }

    /// <summary>Elementwise logical and of two boolean arrays, with broadcasting (NumPy's <c>logical_and</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> And(DArray<Bool> x, DArray<Bool> y) => Logical("logical_and", x, y);

    /// <summary>Elementwise logical or of two boolean arrays, with broadcasting (NumPy's <c>logical_or</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> Or(DArray<Bool> x, DArray<Bool> y) => Logical("logical_or", x, y);

    /// <summary>Elementwise logical exclusive or of two boolean arrays, with broadcasting (NumPy's <c>logical_xor</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> Xor(DArray<Bool> x, DArray<Bool> y) => Logical("logical_xor", x, y);

    /// <summary>Elementwise logical not of a boolean array (NumPy's <c>logical_not</c>).</summary>
    public static DArray<Bool> Not(DArray<Bool> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<Bool>.FromNode(ElementwiseLayer.Map("logical_not", ArrayNode.Op("logical_not", "bool"), "bool", [x.Node]));
    }

    /// <summary>
    /// NumPy's <c>where(condition, x, y)</c>: elements of <paramref name="x"/> where the condition
    /// holds and of <paramref name="y"/> elsewhere; the three broadcast against each other, and
    /// differently chunked axes are re-cut to common boundaries.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names every shape and chunking.</exception>
    public static DArray<T> Where<T>(DArray<Bool> condition, DArray<T> x, DArray<T> y)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return DArray<T>.FromNode(ElementwiseLayer.Map("where", ArrayOps.Name<T>("where"), x.DType, [condition.Node, x.Node, y.Node]));
    }

    /// <summary><paramref name="x"/> where the condition holds, <paramref name="y"/> elsewhere.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> Where<T>(DArray<Bool> condition, DArray<T> x, T y)
        where T : unmanaged, INumber<T> => Where(condition, x, Scalar(y));

    /// <summary><paramref name="x"/> where the condition holds, <paramref name="y"/> elsewhere.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<T> Where<T>(DArray<Bool> condition, T x, DArray<T> y)
        where T : unmanaged, INumber<T> => Where(condition, Scalar(x), y);

    /// <summary><paramref name="x"/> where the condition holds, <paramref name="y"/> elsewhere, in the condition's shape.</summary>
    public static DArray<T> Where<T>(DArray<Bool> condition, T x, T y)
        where T : unmanaged, INumber<T> => Where(condition, Scalar(x), Scalar(y));

    /// <summary>A 0-d array holding <paramref name="value"/>, which broadcasts against any array.</summary>
    public static DArray<T> Scalar<T>(T value)
        where T : unmanaged, INumber<T> => Full(System.Array.Empty<int>(), System.Array.Empty<int>(), value);

    private static DArray<Bool> Logical(string op, DArray<Bool> x, DArray<Bool> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return DArray<Bool>.FromNode(ElementwiseLayer.Map(op, ArrayNode.Op(op, "bool"), "bool", [x.Node, y.Node]));
    }
}
