using System.Globalization;
using System.Text;

namespace MiniDask.Kernels;

/// <summary>
/// Decimal digits of a floating-point value, and the two ways NumPy writes them. A value is
/// <c>(negative, digits, exponent)</c>: <c>d.ddd × 10^exponent</c>, digits without trailing zeros.
/// </summary>
internal static class DecimalDigits
{
    /// <summary>The shortest digits that read back as <paramref name="x"/> (as a float when <paramref name="single"/>).</summary>
    public static (bool Negative, string Digits, int Exponent) Shortest(double x, bool single) =>
        Parse(single ? ((float)x).ToString("R", CultureInfo.InvariantCulture) : x.ToString("R", CultureInfo.InvariantCulture));

    /// <summary><paramref name="x"/> rounded to <paramref name="precision"/> digits after the point (of the mantissa when <paramref name="scientific"/>).</summary>
    public static (bool Negative, string Digits, int Exponent) Round(double x, int precision, bool scientific) =>
        Parse(x.ToString((scientific ? "E" : "F") + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary><c>123.45</c>; with <paramref name="padZero"/>, <c>1.0</c> rather than <c>1.</c>; without <paramref name="keepPoint"/>, <c>1</c>.</summary>
    public static string Positional(string digits, int exponent, bool keepPoint, bool padZero)
    {
        string integer;
        string fraction;
        if (exponent >= 0)
        {
            integer = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
            fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "";
        }
        else
        {
            integer = "0";
            fraction = new string('0', -exponent - 1) + digits;
        }

        if (fraction.Length == 0)
        {
            return padZero ? integer + ".0" : keepPoint ? integer + "." : integer;
        }

        return integer + "." + fraction;
    }

    /// <summary><c>1.5e-05</c>: the mantissa's fraction zero-padded to <paramref name="minFraction"/> digits, the exponent to <paramref name="exponentDigits"/>.</summary>
    public static string Scientific(string digits, int exponent, int minFraction, int exponentDigits, bool keepPoint)
    {
        var fraction = digits[1..].PadRight(minFraction, '0');
        var sb = new StringBuilder().Append(digits[0]);
        if (fraction.Length > 0 || keepPoint)
        {
            sb.Append('.').Append(fraction);
        }

        return sb.Append('e').Append(exponent < 0 ? '-' : '+')
            .Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(exponentDigits, '0'))
            .ToString();
    }

    /// <summary>Reads .NET's <c>R</c>, <c>F</c> or <c>E</c> output.</summary>
    private static (bool Negative, string Digits, int Exponent) Parse(string text)
    {
        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..];
        }

        var e = text.IndexOfAny(['E', 'e']);
        var power = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? mantissa : mantissa[..point];
        var all = integer + (point < 0 ? "" : mantissa[(point + 1)..]);
        var first = all.AsSpan().IndexOfAnyExcept('0');
        if (first < 0)
        {
            return (negative, "0", 0);
        }

        var digits = all[first..].TrimEnd('0');
        return (negative, digits, integer.Length - 1 - first + power);
    }
}
