using System.Globalization;

namespace MiniDask.Worker;

/// <summary>Byte sizes as people write them: <c>2GB</c>, <c>512MiB</c>, <c>1.5e9</c>, <c>0</c>.</summary>
public static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30), ("TIB", 1L << 40),
        ("KB", 1_000L), ("MB", 1_000_000L), ("GB", 1_000_000_000L), ("TB", 1_000_000_000_000L),
        ("K", 1_000L), ("M", 1_000_000L), ("G", 1_000_000_000L), ("T", 1_000_000_000_000L), ("B", 1L),
    ];

    /// <summary>The number of bytes <paramref name="text"/> means (decimal units; <c>KiB</c>, <c>MiB</c>, ... are binary).</summary>
    /// <exception cref="FormatException">The text is not a non-negative number with an optional unit; the message quotes it.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToUpperInvariant();
        var factor = 1L;
        foreach (var (suffix, f) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                trimmed = trimmed[..^suffix.Length].Trim();
                factor = f;
                break;
            }
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0 || !double.IsFinite(number))
        {
            throw new FormatException($"'{text}' is not a byte size; expected a non-negative number with an optional unit, such as 2GB or 512MiB.");
        }

        return (long)(number * factor);
    }

    /// <summary><paramref name="bytes"/> in binary units for messages, such as <c>243.5 MiB</c>.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}
