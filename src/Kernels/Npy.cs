using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace MiniDask.Kernels;

/// <summary>
/// The NumPy <c>.npy</c> format: magic <c>\x93NUMPY</c>, version, header length, a Python dict
/// literal (<c>descr</c>, <c>fortran_order</c>, <c>shape</c>) padded with spaces and a newline
/// so the data starts on a 64-byte boundary, then the raw elements.
/// Writes version 1.0 in C order; reads versions 1.0 to 3.0, either byte order, C or Fortran order.
/// </summary>
internal static partial class Npy
{
    private const int Alignment = 64;
    private const int PrefixLength = 10;
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes <paramref name="array"/> as a version 1.0 <c>.npy</c> stream.</summary>
    public static void Write<T>(Stream stream, NDArray<T> array)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        WriteHeader(stream, array.DType, array.Shape);
        stream.Write(array.AsBytes());
    }

    /// <summary>
    /// NumPy's type string for <paramref name="dtype"/> in this machine's byte order, such as
    /// <c>&lt;f8</c>, <c>&lt;u2</c>, <c>&lt;f2</c> or <c>&lt;c16</c>; one-byte types have no byte order (<c>|b1</c>, <c>|i1</c>, <c>|u1</c>).
    /// </summary>
    /// <exception cref="NotSupportedException">The dtype is not supported.</exception>
    public static string Descr(string dtype)
    {
        var size = DTypes.ItemSize(dtype);
        var kind = DTypes.KindOf(dtype) switch
        {
            DTypeKind.Bool => 'b',
            DTypeKind.Signed => 'i',
            DTypeKind.Unsigned => 'u',
            DTypeKind.Float => 'f',
            _ => 'c',
        };
        var order = size == 1 ? "|" : BitConverter.IsLittleEndian ? "<" : ">";
        return $"{order}{kind}{size}";
    }

    /// <summary>
    /// Writes the version 1.0 prefix and header of a C-order array of <paramref name="dtype"/> and
    /// <paramref name="shape"/>, padded so the data that follows starts on a 64-byte boundary.
    /// </summary>
    /// <returns>The bytes written: the offset of the data.</returns>
    /// <exception cref="ArgumentException">The header would be too long for version 1.0.</exception>
    public static int WriteHeader(Stream stream, string dtype, ReadOnlySpan<int> shape)
    {
        var dict = $"{{'descr': '{Descr(dtype)}', 'fortran_order': False, 'shape': {Shapes.Format(shape)}, }}";
        var padding = (Alignment - ((PrefixLength + dict.Length + 1) % Alignment)) % Alignment;
        var headerLength = dict.Length + padding + 1;
        if (headerLength > ushort.MaxValue)
        {
            throw new ArgumentException($"The .npy header for shape {Shapes.Format(shape)} is too long for format version 1.0.", nameof(shape));
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)headerLength);
        stream.Write(prefix);
        stream.Write(Encoding.ASCII.GetBytes(dict + new string(' ', padding) + "\n"));
        return PrefixLength + headerLength;
    }

    /// <summary>Reverses the byte order of each element (nothing to do for one-byte elements; each part of a complex number).</summary>
    public static void SwapBytes<T>(Span<T> values)
        where T : unmanaged
    {
        switch (Unsafe.SizeOf<T>())
        {
            case 8 or 16:
                var longs = MemoryMarshal.Cast<T, ulong>(values);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<T, uint>(values);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 2:
                var shorts = MemoryMarshal.Cast<T, ushort>(values);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
        }
    }

    /// <summary>Reads and parses the magic string and header, leaving the stream at the data.</summary>
    /// <exception cref="InvalidDataException">The stream is not a valid <c>.npy</c> array of a supported dtype.</exception>
    public static NpyHeader ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[12];
        ReadFully(stream, prefix[..8], "the magic string and version");
        if (!prefix[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a .npy file: it does not start with the magic string \\x93NUMPY.");
        }

        var major = prefix[6];
        int length;
        if (major == 1)
        {
            ReadFully(stream, prefix[8..10], "the header length");
            length = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        }
        else if (major is 2 or 3)
        {
            ReadFully(stream, prefix[8..12], "the header length");
            var wide = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
            length = wide <= 1 << 24
                ? (int)wide
                : throw new InvalidDataException($"The .npy header length {wide} is implausibly large.");
        }
        else
        {
            throw new InvalidDataException($"Unsupported .npy format version {major}.{prefix[7]}; expected 1.0, 2.0 or 3.0.");
        }

        var bytes = new byte[length];
        ReadFully(stream, bytes, "the header");
        var text = major == 3 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        return ParseHeader(text);
    }

    /// <summary>Reads the data that follows <paramref name="header"/> as an array of <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidDataException">The dtype is not <typeparamref name="T"/>'s, or the data is truncated.</exception>
    public static NDArray<T> Read<T>(Stream stream, NpyHeader header)
        where T : unmanaged, INumber<T>
    {
        var expected = DTypes.NameOf<T>();
        if (header.DType != expected)
        {
            throw new InvalidDataException(
                $"The .npy array has dtype {header.DType} (descr '{header.Descr}'), not the requested {expected}.");
        }

        var stored = header.FortranOrder ? header.Shape.Reverse().ToArray() : header.Shape;
        var array = NDArray<T>.CreateUninitialized(stored);
        ReadFully(stream, array.AsBytes(), $"the {header.DType} data of shape {Shapes.Format(header.Shape)}");
        if (header.BigEndian == BitConverter.IsLittleEndian)
        {
            SwapBytes(array.Span);
        }

        return header.FortranOrder ? BlockMath.Transpose(array) : array;
    }

    private static NpyHeader ParseHeader(string text)
    {
        var descr = DescrPattern().Match(text);
        var order = OrderPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !order.Success || !shape.Success)
        {
            throw new InvalidDataException($"The .npy header {text.Trim()} lacks 'descr', 'fortran_order' or 'shape'.");
        }

        var d = descr.Groups[1].Value;
        var dtype = d.Length is 3 or 4 && d[0] is '<' or '>' or '=' or '|' ? DTypeOfDescr(d[1..]) : null;
        if (dtype is null)
        {
            throw new InvalidDataException(
                $"Unsupported .npy descr '{d}'; expected one of {string.Join(", ", DTypes.Names.Select(n => $"'{Descr(n)}'"))} (either byte order).");
        }

        var dims = new List<int>();
        foreach (var part in shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var dim))
            {
                throw new InvalidDataException($"The .npy shape ({shape.Groups[1].Value}) has an invalid dimension '{part}'.");
            }

            dims.Add(dim);
        }

        var bigEndian = d[0] == '>' || (d[0] == '=' && !BitConverter.IsLittleEndian);
        return new NpyHeader(d, dtype, [.. dims], order.Groups[1].Value == "True", bigEndian);
    }

    /// <summary>The dtype whose type string, less its byte order, is <paramref name="kindAndSize"/> (<c>f8</c>, <c>u1</c>), or null.</summary>
    private static string? DTypeOfDescr(string kindAndSize) =>
        DTypes.Names.FirstOrDefault(name => Descr(name).AsSpan(1).SequenceEqual(kindAndSize));

    private static void ReadFully(Stream stream, Span<byte> buffer, string what)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException($"The .npy data ends early: {read} of the {buffer.Length} bytes of {what} are present.");
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}

/// <summary>A parsed <c>.npy</c> header.</summary>
/// <param name="Descr">The NumPy type string as written, such as <c>&lt;f8</c>.</param>
/// <param name="DType">The dtype name, such as <c>float64</c>.</param>
/// <param name="Shape">The array's shape.</param>
/// <param name="FortranOrder">Whether the data is stored column-major.</param>
/// <param name="BigEndian">Whether the elements are stored big-endian.</param>
internal readonly record struct NpyHeader(string Descr, string DType, int[] Shape, bool FortranOrder, bool BigEndian);
