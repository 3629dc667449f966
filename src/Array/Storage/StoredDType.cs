using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiniDask.Kernels;

namespace MiniDask.Array.Storage;

/// <summary>
/// An element type as the storage formats see it: NumPy's kind letter and item size (the
/// <c>&lt;f8</c> of a Zarr <c>.zarray</c>), how to swap its bytes, how to read and write its
/// fill value, and how to make a block of it. Readers and writers work on the bytes of blocks
/// through this table, so a new dtype is one line in <see cref="All"/>.
/// </summary>
internal sealed class StoredDType
{
    /// <summary>Every dtype the storage formats read and write: one line each.</summary>
    public static readonly IReadOnlyList<StoredDType> All =
    [
        Of<double>('f'),
        Of<float>('f'),
        Of<long>('i'),
        Of<int>('i'),
        Of<Bool>('b'),
    ];

    private readonly Func<int[], INDArray> create;
    private readonly Func<JsonNode?, byte[]> parseFill;
    private readonly Func<byte[], JsonNode?> formatFill;

    private StoredDType(Type elementType, string name, char kind, int itemSize, int swapUnit, Func<int[], INDArray> create, Func<JsonNode?, byte[]> parseFill, Func<byte[], JsonNode?> formatFill)
    {
        ElementType = elementType;
        Name = name;
        Kind = kind;
        ItemSize = itemSize;
        SwapUnit = swapUnit;
        this.create = create;
        this.parseFill = parseFill;
        this.formatFill = formatFill;
    }

    /// <summary>The CLR element type, such as <see cref="double"/>.</summary>
    public Type ElementType { get; }

    /// <summary>The NumPy name, such as <c>float64</c>.</summary>
    public string Name { get; }

    /// <summary>NumPy's kind letter: <c>f</c> float, <c>i</c> signed integer, <c>u</c> unsigned, <c>b</c> bool, <c>c</c> complex.</summary>
    public char Kind { get; }

    /// <summary>Bytes per element.</summary>
    public int ItemSize { get; }

    /// <summary>The bytes reversed together when the byte order differs (the item size, or half of it for complex numbers).</summary>
    public int SwapUnit { get; }

    /// <summary>NumPy's type string in little-endian order: <c>&lt;f8</c>, or <c>|b1</c> for one-byte types.</summary>
    public string TypeString => ItemSize == 1 ? $"|{Kind}1" : $"<{Kind}{ItemSize}";

    /// <summary>The dtype of element type <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">No stored dtype has that element type.</exception>
    public static StoredDType Of(Type type) =>
        All.FirstOrDefault(d => d.ElementType == type)
        ?? throw new NotSupportedException($"Element type {type.FullName} cannot be stored; supported: {string.Join(", ", All.Select(d => d.Name))}.");

    /// <summary>The dtype with kind <paramref name="kind"/> and <paramref name="itemSize"/> bytes, or null.</summary>
    public static StoredDType? Find(char kind, int itemSize) => All.FirstOrDefault(d => d.Kind == kind && d.ItemSize == itemSize);

    /// <summary>
    /// Parses a NumPy type string such as <c>&lt;f8</c>, <c>&gt;i4</c> or <c>|b1</c>; <paramref name="where"/>
    /// names the file in errors.
    /// </summary>
    /// <exception cref="NotSupportedException">The type string names a dtype that is not stored, or is malformed.</exception>
    public static (StoredDType DType, bool BigEndian) Parse(string typeString, string where)
    {
        var valid = typeString.Length >= 3 && typeString[0] is '<' or '>' or '|' or '=';
        var size = 0;
        valid = valid && int.TryParse(typeString.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out size);
        var dtype = valid ? Find(typeString[1], size) : null;
        return dtype is null
            ? throw new NotSupportedException(
                $"{where}: dtype '{typeString}' is not supported; supported: {string.Join(", ", All.Select(d => $"{d.TypeString} ({d.Name})"))}, in either byte order.")
            : (dtype, typeString[0] == '>' == BitConverter.IsLittleEndian);
    }

    /// <summary>An uninitialized block of this dtype.</summary>
    public INDArray Create(int[] shape) => create(shape);

    /// <summary>
    /// The bytes of one element holding the JSON fill value <paramref name="fill"/> (a number,
    /// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, a boolean; null reads as zero); <paramref name="where"/> names the file in errors.
    /// </summary>
    /// <exception cref="InvalidDataException">The value cannot be held by this dtype.</exception>
    public byte[] ParseFill(JsonNode? fill, string where)
    {
        try
        {
            return parseFill(fill);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException)
        {
            throw new InvalidDataException($"{where}: fill_value {fill?.ToJsonString() ?? "null"} is not a {Name} value.", e);
        }
    }

    /// <summary>The JSON form of the element in <paramref name="item"/> (its bytes): a number, <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c> or a boolean.</summary>
    public JsonNode? FormatFill(byte[] item) => formatFill(item);

    /// <summary>The bytes of <paramref name="value"/>.</summary>
    public static byte[] BytesOf<T>(T value)
        where T : unmanaged
    {
        var bytes = new byte[Unsafe.SizeOf<T>()];
        Unsafe.WriteUnaligned(ref bytes[0], value);
        return bytes;
    }

    private static StoredDType Of<T>(char kind, int? swapUnit = null)
        where T : unmanaged, INumber<T>
    {
        var size = Unsafe.SizeOf<T>();
        return new StoredDType(typeof(T), DTypes.NameOf<T>(), kind, size, swapUnit ?? size, shape => NDArray<T>.CreateUninitialized(shape), fill => BytesOf(ParseValue<T>(fill)), item => FormatValue(Unsafe.ReadUnaligned<T>(ref item[0]), kind));
    }

    private static T ParseValue<T>(JsonNode? fill)
        where T : unmanaged, INumber<T>
    {
        if (fill is null)
        {
            return T.Zero;
        }

        var value = fill.AsValue();
        return value.GetValueKind() switch
        {
            JsonValueKind.True => T.One,
            JsonValueKind.False => T.Zero,
            JsonValueKind.String => T.CreateChecked(double.Parse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            JsonValueKind.Number when T.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exact) => exact,
            JsonValueKind.Number => T.CreateChecked(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => throw new FormatException("expected a number, a string or a boolean"),
        };
    }

    private static JsonNode? FormatValue<T>(T value, char kind)
        where T : unmanaged, INumber<T>
    {
        if (kind == 'b')
        {
            return JsonValue.Create(value != T.Zero);
        }

        if (kind != 'f')
        {
            return JsonNode.Parse(value.ToString(null, CultureInfo.InvariantCulture));
        }

        return T.IsNaN(value) ? JsonValue.Create("NaN")
            : T.IsInfinity(value) ? JsonValue.Create(T.IsNegative(value) ? "-Infinity" : "Infinity")
            : JsonValue.Create(double.CreateChecked(value));
    }
}
