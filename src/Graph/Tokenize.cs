using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MiniDask.Graph;

/// <summary>
/// Deterministic tokens for key names: the same operation on the same inputs gives the same
/// name, so an expression built twice has the same keys (Dask's <c>tokenize</c>).
/// </summary>
public static class Tokenize
{
    /// <summary>
    /// A 32-hex-digit token of the parts: strings, numbers, booleans, keys, graphs' key names,
    /// collections of these (recursively) and null. Other objects are rejected, since their
    /// text form may not be deterministic.
    /// </summary>
    /// <exception cref="ArgumentException">A part has a type that cannot be tokenized.</exception>
    public static string Token(params object?[] parts)
    {
        var sb = new StringBuilder();
        Append(sb, parts);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    /// <summary>A key name for an operation: <c>{prefix}-{token of parts}</c>.</summary>
    public static string Name(string prefix, params object?[] parts) => prefix + "-" + Token(parts);

    private static void Append(StringBuilder sb, object? part)
    {
        switch (part)
        {
            case null:
                sb.Append("N;");
                break;
            case string s:
                sb.Append("S").Append(s.Length).Append(':').Append(s).Append(';');
                break;
            case bool b:
                sb.Append(b ? "T;" : "F;");
                break;
            case double d:
                sb.Append("D").Append(BitConverter.DoubleToInt64Bits(d)).Append(';');
                break;
            case float f:
                sb.Append("f").Append(BitConverter.SingleToInt32Bits(f)).Append(';');
                break;
            case Key k:
                sb.Append("K").Append(k.ToString()).Append(';');
                break;
            case Type t:
                sb.Append("Y").Append(t.FullName).Append(';');
                break;
            case IConvertible c when part.GetType().IsPrimitive || part is decimal:
                // The full type name, so that 1 (int) and 1L (long) give different tokens.
                sb.Append(part.GetType().Name).Append(':').Append(c.ToString(CultureInfo.InvariantCulture)).Append(';');
                break;
            case Enum e:
                sb.Append("E").Append(e.GetType().FullName).Append('.').Append(e).Append(';');
                break;
            case IFormattable f when part.GetType().IsValueType:
                // Element types outside the primitives (such as a boolean element struct) by type and invariant text.
                sb.Append("V").Append(part.GetType().FullName).Append(':').Append(f.ToString(null, CultureInfo.InvariantCulture)).Append(';');
                break;
            case IEnumerable items:
                sb.Append('[');
                foreach (var item in items)
                {
                    Append(sb, item);
                }

                sb.Append("];");
                break;
            default:
                throw new ArgumentException(
                    $"Cannot tokenize a value of type {part.GetType().FullName}: use strings, numbers, keys or collections of them.",
                    nameof(part));
        }
    }
}
