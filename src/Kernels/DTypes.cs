namespace MiniDask.Kernels;

/// <summary>
/// The element types blocks support and their NumPy names, in NumPy's promotion order:
/// <c>bool</c> (<see cref="Bool"/>), <c>int8</c> (sbyte), <c>uint8</c> (byte), <c>int16</c> (short),
/// <c>uint16</c> (ushort), <c>int32</c> (int), <c>uint32</c> (uint), <c>int64</c> (long),
/// <c>uint64</c> (ulong), <c>float16</c> (<see cref="Half"/>), <c>float32</c> (float),
/// <c>float64</c> (double) and <c>complex128</c> (<see cref="Complex128"/>).
/// </summary>
public static class DTypes
{
    /// <summary>Every supported dtype, in promotion order (the order of <see cref="Names"/>).</summary>
    private static readonly DTypeInfo[] Table =
    [
        new("bool", typeof(Bool), DTypeKind.Bool, 1),
        new("int8", typeof(sbyte), DTypeKind.Signed, 1),
        new("uint8", typeof(byte), DTypeKind.Unsigned, 1),
        new("int16", typeof(short), DTypeKind.Signed, 2),
        new("uint16", typeof(ushort), DTypeKind.Unsigned, 2),
        new("int32", typeof(int), DTypeKind.Signed, 4),
        new("uint32", typeof(uint), DTypeKind.Unsigned, 4),
        new("int64", typeof(long), DTypeKind.Signed, 8),
        new("uint64", typeof(ulong), DTypeKind.Unsigned, 8),
        new("float16", typeof(Half), DTypeKind.Float, 2),
        new("float32", typeof(float), DTypeKind.Float, 4),
        new("float64", typeof(double), DTypeKind.Float, 8),
        new("complex128", typeof(Complex128), DTypeKind.Complex, 16),
    ];

    private static readonly Dictionary<string, DTypeInfo> ByName = Table.ToDictionary(d => d.Name, StringComparer.Ordinal);
    private static readonly Dictionary<Type, DTypeInfo> ByType = Table.ToDictionary(d => d.Type);

    /// <summary>The names of every supported dtype, in NumPy's promotion order (<c>bool</c> first, <c>complex128</c> last).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(d => d.Name)];

    private static string Expected => string.Join(", ", Table.Select(d => d.Name));

    /// <summary>The NumPy name of <typeparamref name="T"/>, such as <c>float64</c>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public static string NameOf<T>() => NameOf(typeof(T));

    /// <summary>The NumPy name of <paramref name="type"/>, such as <c>float64</c>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="type"/> is not a supported element type.</exception>
    public static string NameOf(Type type) => ByType.TryGetValue(type, out var info)
        ? info.Name
        : throw new NotSupportedException(
            $"Element type {type.FullName} is not supported; use one of {string.Join(", ", Table.Select(d => $"{d.Type.Name} ({d.Name})"))}.");

    /// <summary>The element type named <paramref name="name"/> (<c>float64</c>, <c>uint8</c>, <c>bool</c>, ...).</summary>
    /// <exception cref="NotSupportedException">No supported element type has that name.</exception>
    public static Type TypeOf(string name) => Info(name).Type;

    /// <summary>The bytes one element of dtype <paramref name="name"/> takes: 1 for <c>bool</c>, <c>int8</c> and <c>uint8</c>, up to 8, and 16 for <c>complex128</c>.</summary>
    /// <exception cref="NotSupportedException">The name is not a supported dtype.</exception>
    public static int ItemSize(string name) => Info(name).Size;

    /// <summary>The kind of dtype <paramref name="name"/>: boolean, signed or unsigned integer, floating point or complex.</summary>
    /// <exception cref="NotSupportedException">The name is not a supported dtype.</exception>
    public static DTypeKind KindOf(string name) => Info(name).Kind;

    /// <summary>Whether <typeparamref name="T"/> is a supported element type.</summary>
    public static bool IsSupported<T>() => IsSupported(typeof(T));

    /// <summary>Whether <paramref name="type"/> is a supported element type.</summary>
    public static bool IsSupported(Type type) => ByType.ContainsKey(type);

    /// <summary>
    /// The dtype NumPy gives an arithmetic result of dtypes <paramref name="x"/> and <paramref name="y"/>
    /// (NumPy's <c>promote_types</c>): <c>bool</c> gives way to anything; within a kind the larger
    /// wins; a signed and an unsigned integer give the smallest signed integer holding both
    /// (<c>uint64</c> with any signed integer gives <c>float64</c>); an integer and a float give
    /// the smallest float at least as large as the float that holds the integer exactly
    /// (<c>float16</c> for 8-bit integers, <c>float32</c> for 16-bit, <c>float64</c> beyond);
    /// <c>complex128</c> with anything gives <c>complex128</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">A name is not a supported dtype.</exception>
    public static string Promote(string x, string y)
    {
        var (a, b) = (Info(x), Info(y));
        if (a.Kind == DTypeKind.Bool || b.Kind == DTypeKind.Bool)
        {
            return a.Kind == DTypeKind.Bool ? y : x;
        }

        if (a.Kind == DTypeKind.Complex || b.Kind == DTypeKind.Complex)
        {
            return a.Kind == DTypeKind.Complex ? x : y;
        }

        if (a.Kind == b.Kind)
        {
            return a.Size >= b.Size ? x : y;
        }

        if (a.Kind == DTypeKind.Float || b.Kind == DTypeKind.Float)
        {
            var (floating, integer) = a.Kind == DTypeKind.Float ? (a, b) : (b, a);
            var size = Math.Max(floating.Size, integer.Size switch { 1 => 2, 2 => 4, _ => 8 });
            return Sized(DTypeKind.Float, size);
        }

        var (signed, unsigned) = a.Kind == DTypeKind.Signed ? (a, b) : (b, a);
        return signed.Size > unsigned.Size ? signed.Name
            : unsigned.Size < 8 ? Sized(DTypeKind.Signed, unsigned.Size * 2)
            : "float64";
    }

    private static string Sized(DTypeKind kind, int size) => Table.First(d => d.Kind == kind && d.Size == size).Name;

    private static DTypeInfo Info(string name) => ByName.TryGetValue(name, out var info)
        ? info
        : throw new NotSupportedException($"Unknown dtype '{name}'; expected one of {Expected}.");

    private sealed record DTypeInfo(string Name, Type Type, DTypeKind Kind, int Size);
}

/// <summary>The kinds of element type, as NumPy's <c>dtype.kind</c> groups them.</summary>
public enum DTypeKind
{
    /// <summary>NumPy's <c>b</c>: <c>bool</c>.</summary>
    Bool,

    /// <summary>NumPy's <c>i</c>: <c>int8</c>, <c>int16</c>, <c>int32</c>, <c>int64</c>.</summary>
    Signed,

    /// <summary>NumPy's <c>u</c>: <c>uint8</c>, <c>uint16</c>, <c>uint32</c>, <c>uint64</c>.</summary>
    Unsigned,

    /// <summary>NumPy's <c>f</c>: <c>float16</c>, <c>float32</c>, <c>float64</c>.</summary>
    Float,

    /// <summary>NumPy's <c>c</c>: <c>complex128</c>.</summary>
    Complex,
}
