using System.Numerics;
using System.Runtime.Intrinsics;

namespace MiniDask.Kernels;

/// <summary>
/// An elementwise comparison as static members, driven by
/// <see cref="BlockMath.Compare{TOp, T}(NDArray{T}, NDArray{T})"/>: a scalar form and a
/// 256-bit vector form that returns all-ones lanes where the comparison holds. Comparisons with
/// NaN are false, except not-equal, which is true (IEEE 754, as in NumPy).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IComparisonOperator<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>The op's name, as in NumPy (<c>less</c>, <c>equal</c>, ...).</summary>
    static abstract string Name { get; }

    /// <summary>The comparison of two values.</summary>
    static abstract bool Invoke(T x, T y);

    /// <summary>The comparison of each lane: all bits set where it holds, clear where not.</summary>
    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);
}
