using MessagePack;

namespace MiniDask.Protocol;

/// <summary>
/// The small literals a run spec writes as MessagePack itself rather than through a value codec:
/// null, the primitive numbers, booleans, strings and short arrays of int, long, float or double.
/// Each is <c>[kind, type, value]</c>, the type code keeping the exact .NET type (an int stays an int).
/// </summary>
internal static class SmallLiterals
{
    private const int Null = 0;
    private const int Int32 = 1;
    private const int Int64 = 2;
    private const int Double = 3;
    private const int Single = 4;
    private const int Boolean = 5;
    private const int Text = 6;
    private const int Int32Array = 7;
    private const int Int64Array = 8;
    private const int DoubleArray = 9;
    private const int SingleArray = 10;

    /// <summary>Writes <c>[kind, type, value]</c> when <paramref name="value"/> is a small literal; false (nothing written) otherwise.</summary>
    public static bool TryWrite(ref MessagePackWriter writer, int kind, object? value, int maxArrayLength)
    {
        switch (value)
        {
            case null:
                Header(ref writer, kind, Null);
                writer.WriteNil();
                return true;
            case int i:
                Header(ref writer, kind, Int32);
                writer.Write(i);
                return true;
            case long l:
                Header(ref writer, kind, Int64);
                writer.Write(l);
                return true;
            case double d:
                Header(ref writer, kind, Double);
                writer.Write(d);
                return true;
            case float f:
                Header(ref writer, kind, Single);
                writer.Write(f);
                return true;
            case bool b:
                Header(ref writer, kind, Boolean);
                writer.Write(b);
                return true;
            case string s:
                Header(ref writer, kind, Text);
                writer.Write(s);
                return true;
            case int[] a when a.Length <= maxArrayLength:
                WriteArray(ref writer, kind, Int32Array, a, static (ref MessagePackWriter w, int item) => w.Write(item));
                return true;
            case long[] a when a.Length <= maxArrayLength:
                WriteArray(ref writer, kind, Int64Array, a, static (ref MessagePackWriter w, long item) => w.Write(item));
                return true;
            case double[] a when a.Length <= maxArrayLength:
                WriteArray(ref writer, kind, DoubleArray, a, static (ref MessagePackWriter w, double item) => w.Write(item));
                return true;
            case float[] a when a.Length <= maxArrayLength:
                WriteArray(ref writer, kind, SingleArray, a, static (ref MessagePackWriter w, float item) => w.Write(item));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads the type code and value of a small literal (after its kind).</summary>
    /// <exception cref="ProtocolException">The type code is unknown.</exception>
    public static object? Read(ref MessagePackReader reader)
    {
        var type = reader.ReadInt32();
        switch (type)
        {
            case Null:
                return reader.TryReadNil() ? null : throw new ProtocolException("A null literal carries a value.");
            case Int32:
                return reader.ReadInt32();
            case Int64:
                return reader.ReadInt64();
            case Double:
                return reader.ReadDouble();
            case Single:
                return reader.ReadSingle();
            case Boolean:
                return reader.ReadBoolean();
            case Text:
                return reader.ReadString() ?? throw new ProtocolException("A string literal was sent as nil.");
            case Int32Array:
                return ReadArray(ref reader, static (ref MessagePackReader r) => r.ReadInt32());
            case Int64Array:
                return ReadArray(ref reader, static (ref MessagePackReader r) => r.ReadInt64());
            case DoubleArray:
                return ReadArray(ref reader, static (ref MessagePackReader r) => r.ReadDouble());
            case SingleArray:
                return ReadArray(ref reader, static (ref MessagePackReader r) => r.ReadSingle());
            default:
                throw new ProtocolException($"A small literal has unknown type code {type}.");
        }
    }

    private delegate void ItemWriter<T>(ref MessagePackWriter writer, T item);

    private delegate T ItemReader<T>(ref MessagePackReader reader);

    private static void WriteArray<T>(ref MessagePackWriter writer, int kind, int type, T[] items, ItemWriter<T> write)
    {
        Header(ref writer, kind, type);
        writer.WriteArrayHeader(items.Length);
        foreach (var item in items)
        {
            write(ref writer, item);
        }
    }

    private static T[] ReadArray<T>(ref MessagePackReader reader, ItemReader<T> read)
    {
        var items = new T[reader.ReadArrayHeader()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(ref reader);
        }

        return items;
    }

    private static void Header(ref MessagePackWriter writer, int kind, int type)
    {
        writer.WriteArrayHeader(3);
        writer.Write(kind);
        writer.Write(type);
    }
}
