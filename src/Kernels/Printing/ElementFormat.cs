using System.Globalization;
using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// Formats the elements of one printed array as NumPy does: integers right-aligned, booleans as
/// <c> True</c>/<c>False</c>, floats by NumPy's <c>FloatingFormat</c> (mode <c>maxprec</c>): the
/// fewest digits that tell each value apart, at most the precision after the point, every element
/// padded to the same layout; scientific notation when the largest magnitude is 1e8 or more, the
/// smallest nonzero one below 1e-4, or they differ by more than a factor of 1000.
/// </summary>
internal static class ElementFormat
{
    /// <summary>A formatter for the elements of one array, laid out from the elements <paramref name="shown"/>.</summary>
    public static Func<T, string> For<T>(IReadOnlyList<T> shown, int precision)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        {
            var floats = new FloatFormat(shown.Select(AsDouble).ToList(), typeof(T) == typeof(float), precision);
            return v => floats.Format(AsDouble(v));
        }

        if (typeof(T) == typeof(Bool))
        {
            return v => (Bool)(object)v ? " True" : "False";
        }

        var width = shown.Count == 0 ? 0 : shown.Max(v => Text(v).Length);
        return v => Text(v).PadLeft(width);
    }

    /// <summary>A 0-d array's element, as NumPy prints it (Python's <c>repr</c> of the value).</summary>
    public static string Scalar<T>(T value)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(Bool))
        {
            return (Bool)(object)value ? "True" : "False";
        }

        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            return Text(value);
        }

        var x = AsDouble(value);
        if (!double.IsFinite(x))
        {
            return NonFinite(x);
        }

        var (negative, digits, exponent) = DecimalDigits.Shortest(x, typeof(T) == typeof(float));
        var sign = negative ? "-" : "";
        return exponent is < -4 or >= 16
            ? sign + DecimalDigits.Scientific(digits, exponent, minFraction: 0, exponentDigits: 2, keepPoint: false)
            : sign + DecimalDigits.Positional(digits, exponent, keepPoint: true, padZero: true);
    }

    private static string Text<T>(T value)
        where T : INumber<T> => value.ToString(null, CultureInfo.InvariantCulture);

    private static double AsDouble<T>(T value)
        where T : INumber<T> => double.CreateTruncating(value);

    private static string NonFinite(double x) => double.IsNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";

    /// <summary>NumPy's <c>FloatingFormat</c> for one array.</summary>
    private sealed class FloatFormat
    {
        private readonly bool single;
        private readonly int precision;
        private readonly bool scientific;
        private readonly int padLeft;
        private readonly int padRight;
        private readonly int fraction;
        private readonly int exponentDigits;

        public FloatFormat(IReadOnlyList<double> values, bool single, int precision)
        {
            this.single = single;
            this.precision = precision;
            var finite = values.Where(double.IsFinite).ToList();
            var nonZero = finite.Where(v => v != 0).Select(Math.Abs).ToList();
            if (nonZero.Count > 0)
            {
                var max = nonZero.Max();
                var min = nonZero.Min();
                scientific = max >= 1e8 || min < 1e-4 || max / min > 1000;
            }

            if (finite.Count > 0)
            {
                var parts = finite.Select(v => Split(Unique(v))).ToList();
                padLeft = parts.Max(p => p.Integer.Length);
                if (scientific)
                {
                    fraction = parts.Max(p => p.Fraction.Length);
                    exponentDigits = Math.Max(2, parts.Max(p => p.Exponent.Length - 1));
                    padRight = fraction;
                }
                else
                {
                    padRight = parts.Max(p => p.Fraction.Length);
                }
            }

            if (finite.Count != values.Count)
            {
                // nan and inf are right-aligned in the element's whole width.
                var widest = values.Where(v => !double.IsFinite(v)).Max(v => NonFinite(v).Length);
                var after = scientific ? fraction + exponentDigits + 3 : padRight + 1;
                padLeft = Math.Max(padLeft, widest - after);
            }
        }

        public string Format(double x)
        {
            if (!double.IsFinite(x))
            {
                var text = NonFinite(x);
                var width = padLeft + 1 + (scientific ? fraction + exponentDigits + 2 : padRight);
                return text.PadLeft(width);
            }

            var (negative, digits, exponent) = Rounded(x);
            var sign = negative ? "-" : "";
            if (scientific)
            {
                return (sign + DecimalDigits.Scientific(digits, exponent, fraction, exponentDigits, keepPoint: true)).PadLeft(padLeft + 1 + fraction + 2 + exponentDigits);
            }

            var positional = sign + DecimalDigits.Positional(digits, exponent, keepPoint: true, padZero: false);
            var point = positional.IndexOf('.', StringComparison.Ordinal);
            return positional.PadLeft(padLeft + positional.Length - point).PadRight(padLeft + 1 + padRight);
        }

        /// <summary>The value as NumPy writes it before padding: <c>1.</c>, <c>2.5</c>, <c>1.5e-05</c>.</summary>
        private string Unique(double x)
        {
            var (negative, digits, exponent) = Rounded(x);
            var sign = negative ? "-" : "";
            return scientific
                ? sign + DecimalDigits.Scientific(digits, exponent, minFraction: 0, exponentDigits: 2, keepPoint: true)
                : sign + DecimalDigits.Positional(digits, exponent, keepPoint: true, padZero: false);
        }

        /// <summary>The shortest digits that round-trip, cut to the precision (after the point, or of the mantissa).</summary>
        private (bool Negative, string Digits, int Exponent) Rounded(double x)
        {
            var shortest = DecimalDigits.Shortest(x, single);
            var fractionDigits = scientific ? shortest.Digits.Length - 1 : shortest.Digits.Length - 1 - shortest.Exponent;
            return fractionDigits <= precision ? shortest : DecimalDigits.Round(x, precision, scientific);
        }

        private static (string Integer, string Fraction, string Exponent) Split(string text)
        {
            var e = text.IndexOf('e', StringComparison.Ordinal);
            var exponent = e < 0 ? "" : text[(e + 1)..];
            var mantissa = e < 0 ? text : text[..e];
            var point = mantissa.IndexOf('.', StringComparison.Ordinal);
            return (mantissa[..point], mantissa[(point + 1)..], exponent);
        }
    }
}
