namespace MiniDask.Bag;

/// <summary>
/// Values of a type cannot move between processes: <see cref="BagCodec"/> can neither encode it
/// natively nor round-trip it through MessagePack. The message names the type and the member
/// at fault.
/// </summary>
public sealed class UnserializableTypeException(Type type, string reason)
    : NotSupportedException($"Values of type {type} cannot be sent between processes: {reason}.")
{
    /// <summary>The type that was checked.</summary>
    public Type Type { get; } = type;

    /// <summary>What makes it unserializable, naming the member at fault.</summary>
    public string Reason { get; } = reason;
}
