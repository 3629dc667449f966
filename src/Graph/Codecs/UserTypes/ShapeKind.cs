namespace MiniDask.Graph.Codecs.UserTypes;

/// <summary>How a type is written in MessagePack by <see cref="UserTypeSerializer"/>.</summary>
internal enum ShapeKind
{
    /// <summary>A scalar MessagePack's standard formatters write (numbers, strings, dates, GUIDs, byte arrays).</summary>
    Builtin,

    /// <summary>An enum, as its underlying integer.</summary>
    Enum,

    /// <summary>A <see cref="Nullable{T}"/>: nil or the value.</summary>
    Nullable,

    /// <summary>A one-dimensional array: a MessagePack array of its items.</summary>
    Array,

    /// <summary>A sequence rebuilt by adding its items: a MessagePack array.</summary>
    Collection,

    /// <summary>A dictionary: a MessagePack map.</summary>
    Dictionary,

    /// <summary>A tuple or key-value pair: a MessagePack array of its items.</summary>
    Tuple,

    /// <summary>A record, class or struct: a map of member names (contractless), or as its <c>[MessagePackObject]</c> contract says.</summary>
    Object,
}
