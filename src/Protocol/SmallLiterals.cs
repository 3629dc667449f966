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
                Header(ref writer, kind, Int32Array);
                writer.WriteArrayHeader(a.Length);
                foreach (var item in a)
                {
                    writer.Write(item);
                }

                return true;
            case long[] a when a.Length <= maxArrayLength:
                Header(ref writer, kind, Int64Array);
                writer.WriteArrayHeader(a.Length);
                foreach (var item in a)
                {
                    writer.Write(item);
                }

                return true;
            case double[] a when a.Length <= maxArrayLength:
                Header(ref writer, kind, DoubleArray);
                writer.WriteArrayHeader(a.Length);
                foreach (var item in a)
                {
                    writer.Write(item);
                }

                return true;
            case float[] a when a.Length <= maxArrayLength:
                Header(ref writer, kind, SingleArray);
                writer.WriteArrayHeader(a.Length);
                foreach (var item in a)
                {
                    writer.Write(item);
                }

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
                var ints = new int[reader.ReadArrayHeader()];
                for (var i = 0; i < ints.Length; i++)
                {
                    ints[i] = reader.ReadInt32();
                }

                return ints;
            case Int64Array:
                var longs = new long[reader.ReadArrayHeader()];
                for (var i = 0; i < longs.Length; i++)
                {
                    longs[i] = reader.ReadInt64();
                }

                return longs;
            case DoubleArray:
                var doubles = new double[reader.ReadArrayHeader()];
                for (var i = 0; i < doubles.Length; i++)
                {
                    doubles[i] = reader.ReadDouble();
                }

                return doubles;
            case SingleArray:
                var singles = new float[reader.ReadArrayHeader()];
                for (var i = 0; i < singles.Length; i++)
                {
                    singles[i] = reader.ReadSingle();
                }

                return singles;
            default:
                throw new ProtocolException($"A small literal has unknown type code {type}.");
        }
    }

    private static void Header(ref MessagePackWriter writer, int kind, int type)
    {
        writer.WriteArrayHeader(3);
        writer.Write(kind);
        writer.Write(type);
    }
}
