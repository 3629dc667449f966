using MiniDask.Graph.Codecs;
using MiniDask.Kernels;

namespace MiniDask.Array.Serialization;

/// <summary>
/// The value codec of NumPy booleans (<see cref="Bool"/>), tag <c>npbool</c>: one byte, 0 or 1.
/// Boolean scalars cross process boundaries as literals of tasks (the fill value of
/// <c>Full&lt;Bool&gt;</c>, the right operand of <c>mask.Eq(Bool.True)</c>) and as results;
/// arrays and lists of them go through the collection codecs with this one for their items.
/// </summary>
public sealed class BoolCodec : ValueCodec<Bool>
{
    /// <summary>The wire tag of booleans.</summary>
    public const string BoolTag = "npbool";

    /// <inheritdoc />
    public override string Tag => BoolTag;

    /// <summary>Registers the codec with <see cref="ValueCodecs"/>; calling it again does nothing.</summary>
    public static void Register() => ValueCodecs.Register(new BoolCodec());

    /// <inheritdoc />
    public override void Write(ValueWriter writer, Bool value) => writer.WriteBoolean(value);

    /// <inheritdoc />
    public override Bool Read(ValueReader reader) => reader.ReadBoolean();
}
