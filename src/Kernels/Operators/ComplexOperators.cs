namespace MiniDask.Kernels;

/// <summary>
/// The magnitude of each complex number, as a complex number with a zero imaginary part: NumPy's
/// <c>abs</c> in the element type, for <c>x.Abs()</c> of a complex128 array. It is an operator of
/// its own, not a branch of <see cref="AbsOperator{T}"/>, which GPU kernels compile.
/// </summary>
public readonly struct ComplexAbsOperator : IUnaryOperator<Complex128>
{
    /// <inheritdoc />
    public static string Name => "absolute";

    /// <inheritdoc />
    public static Complex128 Invoke(Complex128 x) => Complex128.Abs(x);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<Complex128> x, Span<Complex128> destination) =>
        ScalarLoop.Unary<ComplexAbsOperator, Complex128>(x, destination);
}

/// <summary>
/// Elementwise power of complex numbers, <c>x ** y</c> on the principal branch
/// (<see cref="Complex128.Pow"/>), as NumPy's <c>power</c> for complex128.
/// </summary>
public readonly struct ComplexPowerOperator : IBinaryOperator<Complex128>
{
    /// <inheritdoc />
    public static Complex128 Invoke(Complex128 x, Complex128 y) => Complex128.Pow(x, y);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<Complex128> x, ReadOnlySpan<Complex128> y, Span<Complex128> destination) =>
        ScalarLoop.Binary<ComplexPowerOperator, Complex128>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<Complex128> x, Complex128 y, Span<Complex128> destination) =>
        ScalarLoop.Binary<ComplexPowerOperator, Complex128>(x, y, destination);

    /// <inheritdoc />
    public static void Invoke(Complex128 x, ReadOnlySpan<Complex128> y, Span<Complex128> destination) =>
        ScalarLoop.Binary<ComplexPowerOperator, Complex128>(x, y, destination);
}
