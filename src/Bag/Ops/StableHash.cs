using System.Buffers;
using System.Runtime.CompilerServices;
using MiniDask.Graph.Codecs.UserTypes;

namespace MiniDask.Bag;

/// <summary>
/// Hashes that are the same in every process, for deciding which partition a key shuffles to:
/// <see cref="string.GetHashCode()"/> is randomized per process, so strings are hashed here (FNV-1a),
/// tuples component-wise, primitives by their own (deterministic) hash codes and anything else by
/// its MessagePack form.
/// </summary>
internal static class StableHash
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>The partition in <c>[0, partitions)</c> that <paramref name="key"/> belongs to.</summary>
    public static int Partition(object? key, int partitions)
    {
        // Murmur3's finalizer spreads nearby integers over the partitions.
        var h = (uint)Of(key);
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return (int)(h % (uint)partitions);
    }

    /// <summary>A process-independent hash of <paramref name="value"/>.</summary>
    public static int Of(object? value) => value switch
    {
        null => 0,
        string s => OfString(s),
        bool or char or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal
            or Enum or Guid or DateTime or DateTimeOffset or TimeSpan => value.GetHashCode(),
        ITuple tuple => OfTuple(tuple),
        _ => OfMessagePack(value),
    };

    private static int OfMessagePack(object value)
    {
        var bytes = new ArrayBufferWriter<byte>();
        UserValues.Serialize(bytes, value.GetType(), value);
        return OfBytes(bytes.WrittenSpan);
    }

    private static int OfString(string s)
    {
        var h = FnvOffset;
        foreach (var c in s)
        {
            h = (h ^ c) * FnvPrime;
        }

        return (int)h;
    }

    private static int OfTuple(ITuple tuple)
    {
        var h = FnvOffset;
        for (var i = 0; i < tuple.Length; i++)
        {
            h = (h ^ (uint)Of(tuple[i])) * FnvPrime;
        }

        return (int)h;
    }

    private static int OfBytes(ReadOnlySpan<byte> bytes)
    {
        var h = FnvOffset;
        foreach (var b in bytes)
        {
            h = (h ^ b) * FnvPrime;
        }

        return (int)h;
    }
}
