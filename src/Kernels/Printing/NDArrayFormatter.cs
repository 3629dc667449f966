using System.Numerics;
using System.Text;

namespace MiniDask.Kernels;

/// <summary>
/// How <see cref="NDArray{T}.ToString(PrintOptions)"/> prints, as NumPy's <c>numpy.set_printoptions</c>.
/// </summary>
public sealed record PrintOptions
{
    /// <summary>NumPy's defaults: threshold 1000, 3 edge items, precision 8, lines of 75 characters.</summary>
    public static PrintOptions Default { get; } = new();

    /// <summary>Arrays with more elements than this are summarised with <c>...</c>.</summary>
    public int Threshold { get; init; } = 1000;

    /// <summary>Items shown at the start and end of each axis when summarised.</summary>
    public int EdgeItems { get; init; } = 3;

    /// <summary>At most this many digits after the point for floating-point elements.</summary>
    public int Precision { get; init; } = 8;

    /// <summary>Lines are wrapped at this many characters.</summary>
    public int LineWidth { get; init; } = 75;
}

/// <summary>
/// Prints an <see cref="NDArray{T}"/> as NumPy's <c>str(array)</c> does: nested brackets, columns
/// of one width, floats with as few digits as tell them apart (at most
/// <see cref="PrintOptions.Precision"/>), scientific notation where magnitudes differ widely,
/// <c>...</c> past <see cref="PrintOptions.Threshold"/> elements, and lines wrapped at
/// <see cref="PrintOptions.LineWidth"/>.
/// </summary>
internal static class NDArrayFormatter
{
    private const string SummaryInsert = "...";

    public static string Format<T>(NDArray<T> array, PrintOptions options)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        if (array.Rank == 0)
        {
            return ElementFormat.Scalar(array.Data[0]);
        }

        if (array.Length == 0)
        {
            return "[]";
        }

        var summarise = array.Length > options.Threshold;
        var edge = Math.Max(options.EdgeItems, 0);
        var shape = array.Shape.ToArray();
        var strides = Shapes.RowMajorStrides(shape);

        // As NumPy, column widths come from the elements shown, not from those summarised away.
        var shown = new List<T>();
        Visit(array.Data, shape, strides, 0, 0, summarise, edge, shown);
        var format = ElementFormat.For(shown, options.Precision);

        var printer = new Printer<T>(array.Data, shape, strides, format, summarise, edge);
        return printer.Array(axis: 0, offset: 0, hangingIndent: " ", width: options.LineWidth);
    }

    private static void Visit<T>(T[] data, int[] shape, int[] strides, int axis, int offset, bool summarise, int edge, List<T> into)
    {
        foreach (var i in Shown(shape[axis], summarise, edge))
        {
            if (i < 0)
            {
                continue;
            }

            var at = offset + (i * strides[axis]);
            if (axis == shape.Length - 1)
            {
                into.Add(data[at]);
            }
            else
            {
                Visit(data, shape, strides, axis + 1, at, summarise, edge, into);
            }
        }
    }

    /// <summary>The indices printed along an axis of <paramref name="length"/>, with -1 where <c>...</c> stands.</summary>
    private static IEnumerable<int> Shown(int length, bool summarise, int edge)
    {
        if (!summarise || 2 * edge >= length)
        {
            for (var i = 0; i < length; i++)
            {
                yield return i;
            }

            yield break;
        }

        for (var i = 0; i < edge; i++)
        {
            yield return i;
        }

        yield return -1;
        for (var i = length - edge; i < length; i++)
        {
            yield return i;
        }
    }

    /// <summary>NumPy's <c>_formatArray</c>: rows of elements wrapped at the line width, nested axes on lines of their own.</summary>
    private sealed class Printer<T>(T[] data, int[] shape, int[] strides, Func<T, string> format, bool summarise, int edge)
    {
        public string Array(int axis, int offset, string hangingIndent, int width)
        {
            var nextIndent = hangingIndent + " ";
            var nextWidth = width - 1;
            var sb = new StringBuilder();
            var indices = Shown(shape[axis], summarise, edge).ToList();
            if (axis == shape.Length - 1)
            {
                // Room for the closing bracket, as NumPy leaves it.
                var elementWidth = width - 1;
                var line = new StringBuilder(hangingIndent);
                for (var k = 0; k < indices.Count; k++)
                {
                    var word = indices[k] < 0 ? SummaryInsert : format(data[offset + (indices[k] * strides[axis])]);
                    ExtendLine(sb, line, word, elementWidth, hangingIndent);
                    if (k < indices.Count - 1)
                    {
                        line.Append(' ');
                    }
                }

                sb.Append(line);
            }
            else
            {
                var separator = new string('\n', shape.Length - axis - 1);
                for (var k = 0; k < indices.Count; k++)
                {
                    sb.Append(hangingIndent);
                    sb.Append(indices[k] < 0
                        ? SummaryInsert
                        : Array(axis + 1, offset + (indices[k] * strides[axis]), nextIndent, nextWidth));
                    if (k < indices.Count - 1)
                    {
                        sb.Append(separator);
                    }
                }
            }

            return "[" + sb.ToString(hangingIndent.Length, sb.Length - hangingIndent.Length) + "]";
        }

        /// <summary>Appends <paramref name="word"/> to the line, first moving the line to <paramref name="text"/> if the word would pass the width.</summary>
        private static void ExtendLine(StringBuilder text, StringBuilder line, string word, int width, string indent)
        {
            if (line.Length + word.Length > width && line.Length > indent.Length)
            {
                text.Append(line.ToString().TrimEnd()).Append('\n');
                line.Clear().Append(indent);
            }

            line.Append(word);
        }
    }
}
