using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiniDask.Kernels;

/// <summary>
/// NumPy's <c>bool</c> element: one byte holding 0 or 1, the element type of masks such as the
/// result of a comparison. It implements <see cref="INumber{TSelf}"/> so that boolean blocks are
/// ordinary <see cref="NDArray{T}"/>s and boolean chunked arrays ordinary <c>DArray&lt;Bool&gt;</c>s,
/// sharing every shape, slicing and transport path with the numeric types. Arithmetic follows
/// NumPy's booleans: <c>+</c> is logical or, <c>*</c> is logical and; subtraction, negation,
/// division and remainder are refused, as NumPy refuses them. <c>false &lt; true</c>.
/// Converts implicitly to and from <see cref="bool"/>.
/// </summary>
[SkipLocalsInit]
public readonly struct Bool : INumber<Bool>
{
    private readonly byte value;

    private Bool(bool value) => this.value = value ? (byte)1 : (byte)0;

    /// <summary>The true value.</summary>
    public static Bool True => new(true);

    /// <summary>The false value.</summary>
    public static Bool False => default;

    /// <summary>True, the multiplicative identity (logical and).</summary>
    public static Bool One => True;

    /// <summary>Booleans count in base 2.</summary>
    public static int Radix => 2;

    /// <summary>False, the additive identity (logical or).</summary>
    public static Bool Zero => False;

    /// <summary>False, the additive identity.</summary>
    public static Bool AdditiveIdentity => False;

    /// <summary>True, the multiplicative identity.</summary>
    public static Bool MultiplicativeIdentity => True;

    /// <summary>Whether the value is true.</summary>
    public bool IsTrue => value != 0;

    /// <summary>The <see cref="bool"/> value.</summary>
    public static implicit operator bool(Bool x) => x.value != 0;

    /// <summary>The <see cref="Bool"/> value.</summary>
    public static implicit operator Bool(bool x) => new(x);

    /// <summary>Logical or, as NumPy adds booleans.</summary>
    public static Bool operator +(Bool left, Bool right) => new((left.value | right.value) != 0);

    /// <summary>Logical and, as NumPy multiplies booleans.</summary>
    public static Bool operator *(Bool left, Bool right) => new((left.value & right.value) != 0);

    /// <summary>Logical and.</summary>
    public static Bool operator &(Bool left, Bool right) => new((left.value & right.value) != 0);

    /// <summary>Logical or.</summary>
    public static Bool operator |(Bool left, Bool right) => new((left.value | right.value) != 0);

    /// <summary>Logical exclusive or.</summary>
    public static Bool operator ^(Bool left, Bool right) => new((left.value ^ right.value) != 0);

    /// <summary>Logical not.</summary>
    public static Bool operator !(Bool x) => new(x.value == 0);

    /// <summary>Refused, as in NumPy: use <c>^</c> (exclusive or) instead.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public static Bool operator -(Bool left, Bool right) => throw Refused("subtract", "use ^ (exclusive or)");

    /// <summary>Refused, as in NumPy: use <c>!</c> (logical not) instead.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public static Bool operator -(Bool x) => throw Refused("negate", "use ! (logical not)");

    /// <summary>The value itself.</summary>
    public static Bool operator +(Bool x) => x;

    /// <summary>Refused: convert to a numeric type first.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public static Bool operator /(Bool left, Bool right) => throw Refused("divide", "convert to a numeric type first");

    /// <summary>Refused: convert to a numeric type first.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public static Bool operator %(Bool left, Bool right) => throw Refused("take the remainder of", "convert to a numeric type first");

    /// <summary>Always true, as NumPy saturates.</summary>
    public static Bool operator ++(Bool x) => True;

    /// <summary>Refused: booleans cannot be decremented.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public static Bool operator --(Bool x) => throw Refused("decrement", "use ! (logical not)");

    /// <summary>Equality of values.</summary>
    public static bool operator ==(Bool left, Bool right) => left.value == right.value;

    /// <summary>Inequality of values.</summary>
    public static bool operator !=(Bool left, Bool right) => left.value != right.value;

    /// <summary>Whether <paramref name="left"/> is false and <paramref name="right"/> true.</summary>
    public static bool operator <(Bool left, Bool right) => left.value < right.value;

    /// <summary>Whether <paramref name="left"/> is true and <paramref name="right"/> false.</summary>
    public static bool operator >(Bool left, Bool right) => left.value > right.value;

    /// <summary>Ordering with false before true.</summary>
    public static bool operator <=(Bool left, Bool right) => left.value <= right.value;

    /// <summary>Ordering with false before true.</summary>
    public static bool operator >=(Bool left, Bool right) => left.value >= right.value;

    /// <summary>The value itself.</summary>
    public static Bool Abs(Bool value) => value;

    /// <inheritdoc />
    public static bool IsCanonical(Bool value) => true;

    /// <inheritdoc />
    public static bool IsComplexNumber(Bool value) => false;

    /// <inheritdoc />
    public static bool IsEvenInteger(Bool value) => !value.IsTrue;

    /// <inheritdoc />
    public static bool IsFinite(Bool value) => true;

    /// <inheritdoc />
    public static bool IsImaginaryNumber(Bool value) => false;

    /// <inheritdoc />
    public static bool IsInfinity(Bool value) => false;

    /// <inheritdoc />
    public static bool IsInteger(Bool value) => true;

    /// <inheritdoc />
    public static bool IsNaN(Bool value) => false;

    /// <inheritdoc />
    public static bool IsNegative(Bool value) => false;

    /// <inheritdoc />
    public static bool IsNegativeInfinity(Bool value) => false;

    /// <inheritdoc />
    public static bool IsNormal(Bool value) => value.IsTrue;

    /// <inheritdoc />
    public static bool IsOddInteger(Bool value) => value.IsTrue;

    /// <inheritdoc />
    public static bool IsPositive(Bool value) => true;

    /// <inheritdoc />
    public static bool IsPositiveInfinity(Bool value) => false;

    /// <inheritdoc />
    public static bool IsRealNumber(Bool value) => true;

    /// <inheritdoc />
    public static bool IsSubnormal(Bool value) => false;

    /// <inheritdoc />
    public static bool IsZero(Bool value) => !value.IsTrue;

    /// <summary>Logical or.</summary>
    public static Bool MaxMagnitude(Bool x, Bool y) => x | y;

    /// <summary>Logical or.</summary>
    public static Bool MaxMagnitudeNumber(Bool x, Bool y) => x | y;

    /// <summary>Logical and.</summary>
    public static Bool MinMagnitude(Bool x, Bool y) => x & y;

    /// <summary>Logical and.</summary>
    public static Bool MinMagnitudeNumber(Bool x, Bool y) => x & y;

    /// <summary>Parses <c>True</c>/<c>False</c> (any case) or an integer, nonzero meaning true.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static Bool Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) =>
        TryParse(s, style, provider, out var result) ? result : throw new FormatException($"'{s}' is not a boolean.");

    /// <summary>Parses <c>True</c>/<c>False</c> (any case) or an integer, nonzero meaning true.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static Bool Parse(string s, NumberStyles style, IFormatProvider? provider) => Parse(s.AsSpan(), style, provider);

    /// <summary>Parses <c>True</c>/<c>False</c> (any case) or an integer, nonzero meaning true.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static Bool Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s, NumberStyles.Integer, provider);

    /// <summary>Parses <c>True</c>/<c>False</c> (any case) or an integer, nonzero meaning true.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static Bool Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), NumberStyles.Integer, provider);

    /// <summary>Tries to parse <c>True</c>/<c>False</c> (any case) or an integer, nonzero meaning true.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Bool result)
    {
        if (bool.TryParse(s, out var b))
        {
            result = b;
            return true;
        }

        if (long.TryParse(s, style, provider, out var n))
        {
            result = n != 0;
            return true;
        }

        result = False;
        return false;
    }

    /// <summary>Tries to parse <c>True</c>/<c>False</c> (any case) or an integer, nonzero meaning true.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, out Bool result) =>
        TryParse(s.AsSpan(), style, provider, out result);

    /// <summary>Tries to parse <c>True</c>/<c>False</c> (any case) or an integer, nonzero meaning true.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Bool result) =>
        TryParse(s, NumberStyles.Integer, provider, out result);

    /// <summary>Tries to parse <c>True</c>/<c>False</c> (any case) or an integer, nonzero meaning true.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Bool result) =>
        TryParse(s.AsSpan(), NumberStyles.Integer, provider, out result);

    /// <summary>Orders false before true.</summary>
    public int CompareTo(Bool other) => value.CompareTo(other.value);

    /// <summary>Orders false before true; any <see cref="Bool"/> follows null.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="Bool"/>.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Bool b => CompareTo(b),
        _ => throw new ArgumentException($"A Bool compares only with a Bool, not a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <inheritdoc />
    public bool Equals(Bool other) => value == other.value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Bool b && Equals(b);

    /// <inheritdoc />
    public override int GetHashCode() => value;

    /// <summary><c>True</c> or <c>False</c>, as NumPy prints booleans.</summary>
    public override string ToString() => IsTrue ? "True" : "False";

    /// <summary><c>True</c> or <c>False</c>; the format and provider are ignored.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes <c>True</c> or <c>False</c>.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString();
        if (text.AsSpan().TryCopyTo(destination))
        {
            charsWritten = text.Length;
            return true;
        }

        charsWritten = 0;
        return false;
    }

    /// <summary>Writes <c>True</c> or <c>False</c> as UTF-8.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        ReadOnlySpan<byte> text = IsTrue ? "True"u8 : "False"u8;
        if (text.TryCopyTo(utf8Destination))
        {
            bytesWritten = text.Length;
            return true;
        }

        bytesWritten = 0;
        return false;
    }

    static bool INumberBase<Bool>.TryConvertFromChecked<TOther>(TOther value, out Bool result) => TryConvertFrom(value, out result);

    static bool INumberBase<Bool>.TryConvertFromSaturating<TOther>(TOther value, out Bool result) => TryConvertFrom(value, out result);

    static bool INumberBase<Bool>.TryConvertFromTruncating<TOther>(TOther value, out Bool result) => TryConvertFrom(value, out result);

    static bool INumberBase<Bool>.TryConvertToChecked<TOther>(Bool value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, out result);

    static bool INumberBase<Bool>.TryConvertToSaturating<TOther>(Bool value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, out result);

    static bool INumberBase<Bool>.TryConvertToTruncating<TOther>(Bool value, [MaybeNullWhen(false)] out TOther result) => TryConvertTo(value, out result);

    /// <summary>Any number converts to true when nonzero (NaN included), as NumPy casts to bool.</summary>
    private static bool TryConvertFrom<TOther>(TOther value, out Bool result)
        where TOther : INumberBase<TOther>
    {
        result = !TOther.IsZero(value);
        return true;
    }

    /// <summary>True converts to one and false to zero in every numeric type.</summary>
    private static bool TryConvertTo<TOther>(Bool value, [MaybeNullWhen(false)] out TOther result)
        where TOther : INumberBase<TOther>
    {
        result = value.IsTrue ? TOther.One : TOther.Zero;
        return true;
    }

    private static NotSupportedException Refused(string what, string instead) =>
        new($"NumPy booleans cannot {what}; {instead}.");
}
