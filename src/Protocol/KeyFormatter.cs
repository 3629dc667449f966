using MessagePack;
using MessagePack.Formatters;
using MiniDask.Graph;

namespace MiniDask.Protocol;

/// <summary>
/// A <see cref="Key"/> on the wire: a MessagePack array of its name and then each entry of its block
/// index, so <c>("add-3f2a", 1, 0)</c> is <c>["add-3f2a", 1, 0]</c>.
/// </summary>
internal sealed class KeyFormatter : IMessagePackFormatter<Key>
{
    /// <summary>The most block index entries a key may carry; more is not a key this engine makes.</summary>
    public const int MaxRank = 64;

    public static readonly KeyFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, Key value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        var index = value.Index;
        writer.WriteArrayHeader(1 + index.Length);
        writer.Write(value.Name);
        foreach (var i in index)
        {
            writer.Write(i);
        }
    }

    public Key Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null!;
        }

        var count = reader.ReadArrayHeader();
        if (count < 1 || count > MaxRank + 1)
        {
            throw new MessagePackSerializationException($"A key must be an array of a name and at most {MaxRank} block indices; got {count} entries.");
        }

        var name = reader.ReadString();
        if (string.IsNullOrEmpty(name))
        {
            throw new MessagePackSerializationException("A key was sent without a name.");
        }

        if (count == 1)
        {
            return new Key(name);
        }

        var index = new int[count - 1];
        for (var i = 0; i < index.Length; i++)
        {
            index[i] = reader.ReadInt32();
        }

        return new Key(name, index);
    }
}
