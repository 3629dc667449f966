using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy's functions of complex arrays: the real and imaginary parts, the magnitude, the
/// conjugate and the angle. Each is elementwise, a task per block. For a real array, NumPy's
/// <c>real</c> is the array, <c>imag</c> zeros, <c>conj</c> the array and <c>angle</c> 0 or π.
/// </summary>
public static partial class DArray
{
    /// <summary>The real part of each element (NumPy's <c>real</c>).</summary>
    public static DArray<double> Real(this DArray<Complex128> x) => ComplexPart(x, "real");

    /// <summary>The imaginary part of each element (NumPy's <c>imag</c>).</summary>
    public static DArray<double> Imag(this DArray<Complex128> x) => ComplexPart(x, "imag");

    /// <summary>
    /// The magnitude <c>sqrt(re² + im²)</c> of each element, as float64 (NumPy's <c>abs</c> of a
    /// complex array). <c>x.Abs()</c> gives the same values as complex128, as the instance method
    /// keeps the element type.
    /// </summary>
    public static DArray<double> Abs(DArray<Complex128> x) => ComplexPart(x, "magnitude");

    /// <summary>The complex conjugate of each element, <c>re - im·i</c> (NumPy's <c>conj</c>).</summary>
    public static DArray<Complex128> Conj(this DArray<Complex128> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<Complex128>.FromNode(ElementwiseLayer.Map("conj", ComplexOps.ConjugateOp, "complex128", [x.Node]));
    }

    /// <summary>
    /// The angle of each element from the positive real axis, in radians in <c>(-π, π]</c>, or in
    /// degrees with <paramref name="deg"/> (NumPy's <c>angle</c>).
    /// </summary>
    public static DArray<double> Angle(this DArray<Complex128> x, bool deg = false)
    {
        var radians = ComplexPart(x, "angle");
        return deg ? radians * (180.0 / Math.PI) : radians;
    }

    /// <summary>Each element as complex128 with a zero imaginary part (NumPy's promotion of a real array to complex).</summary>
    public static DArray<Complex128> ToComplex<T>(this DArray<T> x)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.AsType<Complex128>();
    }

    /// <summary>The complex array <c>real + imag·i</c>, with broadcasting (NumPy's <c>real + 1j * imag</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Complex128> Complex(DArray<double> real, DArray<double> imag)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(imag);
        return DArray<Complex128>.FromNode(ElementwiseLayer.Map("complex", ComplexOps.ComposeOp, "complex128", [real.Node, imag.Node]));
    }

    private static DArray<double> ComplexPart(DArray<Complex128> x, string part)
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<double>.FromNode(ElementwiseLayer.Map(part, ArrayNode.Op(part, "complex128"), "float64", [x.Node]));
    }
}
