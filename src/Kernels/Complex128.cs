using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MiniDask.Kernels;

/// <summary>
/// NumPy's <c>complex128</c> element: two <see cref="double"/>s, the real part then the imaginary
/// part (the bytes of a <c>&lt;c16</c> array), with the arithmetic of <see cref="Complex"/>.
/// It implements <see cref="INumber{TSelf}"/> so that complex blocks are ordinary
/// <see cref="NDArray{T}"/>s and complex chunked arrays ordinary <c>DArray&lt;Complex128&gt;</c>s.
/// Complex numbers have no natural order; comparisons, sorting, <c>min</c> and <c>max</c> follow
/// NumPy's lexicographic order: by real part, then by imaginary part. <c>%</c> (remainder, and
/// with it floor division) is refused, as NumPy refuses it for complex numbers.
/// Converting to a real type keeps the real part; a checked conversion
/// (<c>double.CreateChecked</c>) refuses a nonzero imaginary part.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Complex128 : INumber<Complex128>
{
    private readonly double real;
    private readonly double imaginary;

    /// <summary>Creates <c>real + imaginary·i</c>.</summary>
    public Complex128(double real, double imaginary)
    {
        this.real = real;
        this.imaginary = imaginary;
    }

    /// <summary>The real part.</summary>
    public double Real => real;

    /// <summary>The imaginary part.</summary>
    public double Imaginary => imaginary;

    /// <summary>The magnitude <c>sqrt(re² + im²)</c>, without overflow (NumPy's <c>abs</c>).</summary>
    public double Magnitude => double.Hypot(real, imaginary);

    /// <summary>The angle from the positive real axis in radians, in <c>(-π, π]</c> (NumPy's <c>angle</c>).</summary>
    public double Phase => Math.Atan2(imaginary, real);

    /// <summary>One.</summary>
    public static Complex128 One => new(1, 0);

    /// <summary>The imaginary unit <c>i</c>.</summary>
    public static Complex128 ImaginaryOne => new(0, 1);

    /// <summary>Complex numbers count in base 2, as <see cref="double"/>.</summary>
    public static int Radix => 2;

    /// <summary>Zero.</summary>
    public static Complex128 Zero => default;

    /// <summary>Zero, the additive identity.</summary>
    public static Complex128 AdditiveIdentity => default;

    /// <summary>One, the multiplicative identity.</summary>
    public static Complex128 MultiplicativeIdentity => One;

    /// <summary>The <see cref="Complex"/> of the same value.</summary>
    public static implicit operator Complex(Complex128 x) => new(x.real, x.imaginary);

    /// <summary>The <see cref="Complex128"/> of the same value.</summary>
    public static implicit operator Complex128(Complex x) => new(x.Real, x.Imaginary);

    /// <summary>The real number <paramref name="x"/>, with a zero imaginary part.</summary>
    public static implicit operator Complex128(double x) => new(x, 0);

    /// <summary>The complex conjugate, <c>re - im·i</c>.</summary>
    public static Complex128 Conjugate(Complex128 x) => new(x.real, -x.imaginary);

    /// <summary><paramref name="x"/> raised to <paramref name="y"/> (principal branch), as NumPy's <c>power</c> on complex numbers.</summary>
    public static Complex128 Pow(Complex128 x, Complex128 y) =>
        y.imaginary == 0 && y.real == 0 ? One
        : x.imaginary == 0 && x.real == 0 ? (y.imaginary == 0 && y.real > 0 ? Zero : new(double.NaN, double.NaN))
        : Complex.Pow(x, y);

    /// <summary>The sum.</summary>
    public static Complex128 operator +(Complex128 left, Complex128 right) => new(left.real + right.real, left.imaginary + right.imaginary);

    /// <summary>The difference.</summary>
    public static Complex128 operator -(Complex128 left, Complex128 right) => new(left.real - right.real, left.imaginary - right.imaginary);

    /// <summary>The product.</summary>
    public static Complex128 operator *(Complex128 left, Complex128 right) =>
        new((left.real * right.real) - (left.imaginary * right.imaginary), (left.real * right.imaginary) + (left.imaginary * right.real));

    /// <summary>The quotient (Smith's algorithm, through <see cref="Complex"/>).</summary>
    public static Complex128 operator /(Complex128 left, Complex128 right) => Complex.Divide(left, right);

    /// <summary>Refused, as in NumPy: complex numbers have no remainder.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public static Complex128 operator %(Complex128 left, Complex128 right) => throw Refused("remainder (%) or floor division");

    /// <summary>The negation.</summary>
    public static Complex128 operator -(Complex128 x) => new(-x.real, -x.imaginary);

    /// <summary>The value itself.</summary>
    public static Complex128 operator +(Complex128 x) => x;

    /// <summary>The value plus one.</summary>
    public static Complex128 operator ++(Complex128 x) => new(x.real + 1, x.imaginary);

    /// <summary>The value minus one.</summary>
    public static Complex128 operator --(Complex128 x) => new(x.real - 1, x.imaginary);

    /// <summary>Equality of both parts (NaN equals nothing).</summary>
    public static bool operator ==(Complex128 left, Complex128 right) => left.real == right.real && left.imaginary == right.imaginary;

    /// <summary>Inequality of either part.</summary>
    public static bool operator !=(Complex128 left, Complex128 right) => !(left == right);

    /// <summary>NumPy's lexicographic order: a smaller real part, or equal real parts and a smaller imaginary part.</summary>
    public static bool operator <(Complex128 left, Complex128 right) =>
        left.real < right.real || (left.real == right.real && left.imaginary < right.imaginary);

    /// <summary>NumPy's lexicographic order: a larger real part, or equal real parts and a larger imaginary part.</summary>
    public static bool operator >(Complex128 left, Complex128 right) => right < left;

    /// <summary>NumPy's lexicographic order, or equal.</summary>
    public static bool operator <=(Complex128 left, Complex128 right) =>
        left.real < right.real || (left.real == right.real && left.imaginary <= right.imaginary);

    /// <summary>NumPy's lexicographic order, or equal.</summary>
    public static bool operator >=(Complex128 left, Complex128 right) => right <= left;

    /// <summary>The magnitude as a complex number with a zero imaginary part.</summary>
    public static Complex128 Abs(Complex128 value) => new(value.Magnitude, 0);

    /// <inheritdoc />
    public static bool IsCanonical(Complex128 value) => true;

    /// <inheritdoc />
    public static bool IsComplexNumber(Complex128 value) => value.real != 0 && value.imaginary != 0;

    /// <inheritdoc />
    public static bool IsEvenInteger(Complex128 value) => value.imaginary == 0 && double.IsEvenInteger(value.real);

    /// <summary>Whether both parts are finite.</summary>
    public static bool IsFinite(Complex128 value) => double.IsFinite(value.real) && double.IsFinite(value.imaginary);

    /// <inheritdoc />
    public static bool IsImaginaryNumber(Complex128 value) => value.real == 0 && double.IsRealNumber(value.imaginary);

    /// <summary>Whether either part is infinite (NumPy's <c>isinf</c>).</summary>
    public static bool IsInfinity(Complex128 value) => double.IsInfinity(value.real) || double.IsInfinity(value.imaginary);

    /// <inheritdoc />
    public static bool IsInteger(Complex128 value) => value.imaginary == 0 && double.IsInteger(value.real);

    /// <summary>Whether either part is NaN (NumPy's <c>isnan</c>).</summary>
    public static bool IsNaN(Complex128 value) => double.IsNaN(value.real) || double.IsNaN(value.imaginary);

    /// <summary>Whether the value is a negative real number (as <see cref="Complex"/> defines it).</summary>
    public static bool IsNegative(Complex128 value) => value.imaginary == 0 && double.IsNegative(value.real);

    /// <inheritdoc />
    public static bool IsNegativeInfinity(Complex128 value) => value.imaginary == 0 && double.IsNegativeInfinity(value.real);

    /// <inheritdoc />
    public static bool IsNormal(Complex128 value) =>
        double.IsNormal(value.real) && (value.imaginary == 0 || double.IsNormal(value.imaginary));

    /// <inheritdoc />
    public static bool IsOddInteger(Complex128 value) => value.imaginary == 0 && double.IsOddInteger(value.real);

    /// <summary>Whether the value is a positive real number (as <see cref="Complex"/> defines it).</summary>
    public static bool IsPositive(Complex128 value) => value.imaginary == 0 && double.IsPositive(value.real);

    /// <inheritdoc />
    public static bool IsPositiveInfinity(Complex128 value) => value.imaginary == 0 && double.IsPositiveInfinity(value.real);

    /// <inheritdoc />
    public static bool IsRealNumber(Complex128 value) => value.imaginary == 0 && double.IsRealNumber(value.real);

    /// <inheritdoc />
    public static bool IsSubnormal(Complex128 value) => double.IsSubnormal(value.real) || double.IsSubnormal(value.imaginary);

    /// <inheritdoc />
    public static bool IsZero(Complex128 value) => value.real == 0 && value.imaginary == 0;

    /// <summary>The value of larger magnitude.</summary>
    public static Complex128 MaxMagnitude(Complex128 x, Complex128 y) => Complex.MaxMagnitude(x, y);

    /// <summary>The value of larger magnitude; a NaN loses to a number.</summary>
    public static Complex128 MaxMagnitudeNumber(Complex128 x, Complex128 y) => IsNaN(y) ? x : IsNaN(x) ? y : MaxMagnitude(x, y);

    /// <summary>The value of smaller magnitude.</summary>
    public static Complex128 MinMagnitude(Complex128 x, Complex128 y) => Complex.MinMagnitude(x, y);

    /// <summary>The value of smaller magnitude; a NaN loses to a number.</summary>
    public static Complex128 MinMagnitudeNumber(Complex128 x, Complex128 y) => IsNaN(y) ? x : IsNaN(x) ? y : MinMagnitude(x, y);

    /// <summary>The larger in NumPy's lexicographic order; NaN if either is NaN (as NumPy's <c>maximum</c>).</summary>
    public static Complex128 Max(Complex128 x, Complex128 y) => IsNaN(x) ? x : IsNaN(y) ? y : x >= y ? x : y;

    /// <summary>The smaller in NumPy's lexicographic order; NaN if either is NaN (as NumPy's <c>minimum</c>).</summary>
    public static Complex128 Min(Complex128 x, Complex128 y) => IsNaN(x) ? x : IsNaN(y) ? y : x <= y ? x : y;

    /// <summary>The larger in NumPy's lexicographic order; a NaN loses to a number (as NumPy's <c>fmax</c>).</summary>
    public static Complex128 MaxNumber(Complex128 x, Complex128 y) => IsNaN(y) ? x : IsNaN(x) ? y : x >= y ? x : y;

    /// <summary>The smaller in NumPy's lexicographic order; a NaN loses to a number (as NumPy's <c>fmin</c>).</summary>
    public static Complex128 MinNumber(Complex128 x, Complex128 y) => IsNaN(y) ? x : IsNaN(x) ? y : x <= y ? x : y;

    /// <summary>Parses a number as <see cref="Complex"/> does: <c>&lt;re; im&gt;</c>, or a real number.</summary>
    /// <exception cref="FormatException">The text is not a complex number.</exception>
    public static Complex128 Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) =>
        TryParse(s, style, provider, out var result) ? result : throw new FormatException($"'{s}' is not a complex number.");

    /// <summary>Parses a number as <see cref="Complex"/> does: <c>&lt;re; im&gt;</c>, or a real number.</summary>
    /// <exception cref="FormatException">The text is not a complex number.</exception>
    public static Complex128 Parse(string s, NumberStyles style, IFormatProvider? provider) => Parse(s.AsSpan(), style, provider);

    /// <summary>Parses a number as <see cref="Complex"/> does: <c>&lt;re; im&gt;</c>, or a real number.</summary>
    /// <exception cref="FormatException">The text is not a complex number.</exception>
    public static Complex128 Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s, NumberStyles.Float | NumberStyles.AllowThousands, provider);

    /// <summary>Parses a number as <see cref="Complex"/> does: <c>&lt;re; im&gt;</c>, or a real number.</summary>
    /// <exception cref="FormatException">The text is not a complex number.</exception>
    public static Complex128 Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    /// <summary>Tries to parse <c>&lt;re; im&gt;</c> or a real number.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Complex128 result)
    {
        if (Complex.TryParse(s, style, provider, out var c))
        {
            result = c;
            return true;
        }

        if (double.TryParse(s, style, provider, out var d))
        {
            result = d;
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Tries to parse <c>&lt;re; im&gt;</c> or a real number.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, out Complex128 result) =>
        TryParse(s.AsSpan(), style, provider, out result);

    /// <summary>Tries to parse <c>&lt;re; im&gt;</c> or a real number.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Complex128 result) =>
        TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, provider, out result);

    /// <summary>Tries to parse <c>&lt;re; im&gt;</c> or a real number.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Complex128 result) =>
        TryParse(s.AsSpan(), provider, out result);

    /// <summary>NumPy's lexicographic order: by real part, then imaginary part.</summary>
    public int CompareTo(Complex128 other)
    {
        var byReal = real.CompareTo(other.real);
        return byReal != 0 ? byReal : imaginary.CompareTo(other.imaginary);
    }

    /// <summary>NumPy's lexicographic order; any <see cref="Complex128"/> follows null.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="Complex128"/>.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Complex128 c => CompareTo(c),
        _ => throw new ArgumentException($"A Complex128 compares only with a Complex128, not a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>Whether both parts are equal, NaNs being equal to themselves.</summary>
    public bool Equals(Complex128 other) => real.Equals(other.real) && imaginary.Equals(other.imaginary);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Complex128 c && Equals(c);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(real, imaginary);

    /// <summary>NumPy's form, such as <c>(1+2j)</c> or <c>(1.5-0j)</c>, with the shortest round-trip digits.</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>NumPy's form, <c>(re+imj)</c>, each part formatted with <paramref name="format"/>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var sign = double.IsNegative(imaginary) && !double.IsNaN(imaginary) ? "-" : "+";
        return $"({real.ToString(format, formatProvider)}{sign}{Math.Abs(imaginary).ToString(format, formatProvider)}j)";
    }

    /// <summary>Writes <see cref="ToString(string?, IFormatProvider?)"/>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString(format.IsEmpty ? null : format.ToString(), provider);
        if (text.AsSpan().TryCopyTo(destination))
        {
            charsWritten = text.Length;
            return true;
        }

        charsWritten = 0;
        return false;
    }

    /// <summary>Writes <see cref="ToString(string?, IFormatProvider?)"/> as UTF-8.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(ToString(format.IsEmpty ? null : format.ToString(), provider));
        if (text.AsSpan().TryCopyTo(utf8Destination))
        {
            bytesWritten = text.Length;
            return true;
        }

        bytesWritten = 0;
        return false;
    }

    static bool INumberBase<Complex128>.TryConvertFromChecked<TOther>(TOther value, out Complex128 result) => TryConvertFrom(value, out result, Conversion.Checked);

    static bool INumberBase<Complex128>.TryConvertFromSaturating<TOther>(TOther value, out Complex128 result) => TryConvertFrom(value, out result, Conversion.Saturating);

    static bool INumberBase<Complex128>.TryConvertFromTruncating<TOther>(TOther value, out Complex128 result) => TryConvertFrom(value, out result, Conversion.Truncating);

    static bool INumberBase<Complex128>.TryConvertToChecked<TOther>(Complex128 value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, out result, Conversion.Checked);

    static bool INumberBase<Complex128>.TryConvertToSaturating<TOther>(Complex128 value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, out result, Conversion.Saturating);

    static bool INumberBase<Complex128>.TryConvertToTruncating<TOther>(Complex128 value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, out result, Conversion.Truncating);

    /// <summary>A real number becomes the real part; a <see cref="Complex"/> keeps both parts.</summary>
    private static bool TryConvertFrom<TOther>(TOther value, out Complex128 result, Conversion conversion)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(Complex))
        {
            result = (Complex)(object)value;
            return true;
        }

        if (typeof(TOther) == typeof(Complex128))
        {
            result = (Complex128)(object)value;
            return true;
        }

        // Every real element type converts to double exactly or to the nearest double.
        result = conversion switch
        {
            Conversion.Checked => double.CreateChecked(value),
            Conversion.Saturating => double.CreateSaturating(value),
            _ => double.CreateTruncating(value),
        };
        return true;
    }

    /// <summary>A real type gets the real part (a checked conversion refuses a nonzero imaginary part); <see cref="Complex"/> gets both.</summary>
    private static bool TryConvertTo<TOther>(Complex128 value, [MaybeNullWhen(false)] out TOther result, Conversion conversion)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(Complex))
        {
            result = (TOther)(object)(Complex)value;
            return true;
        }

        if (conversion == Conversion.Checked && value.imaginary != 0)
        {
            throw new OverflowException(
                $"The complex number {value} has an imaginary part; a real type cannot hold it (take Real() or Magnitude instead).");
        }

        result = conversion switch
        {
            Conversion.Checked => TOther.CreateChecked(value.real),
            Conversion.Saturating => TOther.CreateSaturating(value.real),
            _ => TOther.CreateTruncating(value.real),
        };
        return true;
    }

    private static NotSupportedException Refused(string what) =>
        new($"NumPy's complex numbers have no {what}; take Real() or Magnitude first.");

    private enum Conversion
    {
        Checked,
        Saturating,
        Truncating,
    }
}
