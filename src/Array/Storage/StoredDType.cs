using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MiniDask.Kernels;

namespace MiniDask.Array.Storage;

/// <summary>A piece of code generic over an element type, run for the type a <see cref="StoredDType"/> stands for.</summary>
/// <typeparam name="TResult">What it returns.</typeparam>
internal interface IElementFunc<out TResult>
{
    /// <summary>Runs for element type <typeparamref name="T"/>.</summary>
    TResult Invoke<T>()
        where T : unmanaged, INumber<T>;
}

/// <summary>
/// An element type as the storage formats see it: NumPy's kind letter and item size (the
/// <c>&lt;f8</c> of a Zarr <c>.zarray</c>), how to swap its bytes, how to read and write its
/// fill value, and how to make a block of it. Readers and writers work on the bytes of blocks,
/// or run generic code through <see cref="Apply{TResult}"/>, so a new dtype is one line in <see cref="All"/>.
/// </summary>
internal abstract class StoredDType
{
    /// <summary>Every dtype the storage formats read and write: one line each.</summary>
    public static readonly IReadOnlyList<StoredDType> All =
    [
        new StoredDType<double>('f'),
        new StoredDType<float>('f'),
        new StoredDType<long>('i'),
        new StoredDType<int>('i'),
        new StoredDType<Bool>('b'),
        new StoredDType<sbyte>('i'),
        new StoredDType<byte>('u'),
        new StoredDType<short>('i'),
        new StoredDType<ushort>('u'),
        new StoredDType<uint>('u'),
        new StoredDType<ulong>('u'),
        new StoredDType<Half>('f'),
        new StoredDType<Complex128>('c', swapUnit: 8),
    ];

    /// <summary>Creates the dtype of kind <paramref name="kind"/>.</summary>
    protected StoredDType(Type elementType, string name, char kind, int itemSize, int swapUnit)
    {
        ElementType = elementType;
        Name = name;
        Kind = kind;
        ItemSize = itemSize;
        SwapUnit = swapUnit;
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

    /// <summary>The bytes of <paramref name="value"/>.</summary>
    public static byte[] BytesOf<T>(T value)
        where T : unmanaged
    {
        var bytes = new byte[Unsafe.SizeOf<T>()];
        Unsafe.WriteUnaligned(ref bytes[0], value);
        return bytes;
    }

    /// <summary>Runs <paramref name="func"/> for this dtype's element type.</summary>
    public abstract TResult Apply<TResult>(IElementFunc<TResult> func);

    /// <summary>An uninitialized block of this dtype.</summary>
    public abstract INDArray Create(int[] shape);

    /// <summary>
    /// The bytes of one element holding the JSON fill value <paramref name="fill"/> (a number,
    /// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, a boolean; null reads as zero); <paramref name="where"/> names the file in errors.
    /// </summary>
    /// <exception cref="InvalidDataException">The value cannot be held by this dtype.</exception>
    public byte[] ParseFill(JsonNode? fill, string where)
    {
        try
        {
            return ParseFill(fill);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException)
        {
            throw new InvalidDataException($"{where}: fill_value {fill?.ToJsonString() ?? "null"} is not a {Name} value.", e);
        }
    }

    /// <summary>
    /// The JSON form of the element in <paramref name="item"/> (its bytes): a number, <c>"NaN"</c>,
    /// <c>"Infinity"</c>, <c>"-Infinity"</c>, a boolean, or for a complex number the list of its
    /// real and imaginary parts, as zarr-python writes it.
    /// </summary>
    public abstract JsonNode? FormatFill(byte[] item);

    /// <summary>The bytes of one element holding <paramref name="fill"/>.</summary>
    protected abstract byte[] ParseFill(JsonNode? fill);
}

/// <summary>The stored dtype of element type <typeparamref name="T"/>.</summary>
/// <param name="kind">NumPy's kind letter.</param>
/// <param name="swapUnit">The bytes swapped together; null for the whole item.</param>
internal sealed class StoredDType<T>(char kind, int? swapUnit = null)
    : StoredDType(typeof(T), DTypes.NameOf<T>(), kind, Unsafe.SizeOf<T>(), swapUnit ?? Unsafe.SizeOf<T>())
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    public override TResult Apply<TResult>(IElementFunc<TResult> func) => func.Invoke<T>();

    /// <inheritdoc/>
    public override INDArray Create(int[] shape) => NDArray<T>.CreateUninitialized(shape);

    /// <inheritdoc/>
    public override JsonNode? FormatFill(byte[] item)
    {
        var value = Unsafe.ReadUnaligned<T>(ref item[0]);
        if (value is Complex128 z)
        {
            return new JsonArray(Real(z.Real), Real(z.Imaginary));
        }

        if (Kind == 'b')
        {
            return JsonValue.Create(value != T.Zero);
        }

        if (Kind != 'f')
        {
            return JsonNode.Parse(value.ToString(null, CultureInfo.InvariantCulture));
        }

        return Real(double.CreateChecked(value));
    }

    /// <inheritdoc/>
    protected override byte[] ParseFill(JsonNode? fill)
    {
        if (fill is null)
        {
            return BytesOf(T.Zero);
        }

        if (fill is JsonArray parts && typeof(T) == typeof(Complex128))
        {
            return parts.Count == 2
                ? BytesOf(new Complex128(double.CreateChecked(ParseNumber(parts[0])), double.CreateChecked(ParseNumber(parts[1]))))
                : throw new FormatException("expected the list [real, imaginary]");
        }

        return BytesOf(ParseNumber(fill));
    }

    private static JsonNode Real(double value) =>
        double.IsNaN(value) ? JsonValue.Create("NaN")
        : double.IsInfinity(value) ? JsonValue.Create(value < 0 ? "-Infinity" : "Infinity")
        : JsonValue.Create(value);

    /// <summary>One number of a fill value (a real one, or one part of a complex one).</summary>
    private static T ParseNumber(JsonNode? fill)
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
}
