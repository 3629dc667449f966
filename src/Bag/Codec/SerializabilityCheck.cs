using MiniDask.Graph.Codecs;
using MiniDask.Graph.Codecs.UserTypes;

namespace MiniDask.Bag;

/// <summary>
/// Decides, from the type alone, whether element values can move between processes, so that a
/// type fails before a run rather than in the middle of one: a type with a codec of its own (such
/// as a block) qualifies; any other must round-trip through MessagePack as a record, class, struct,
/// collection or tuple of such (<see cref="UserValues.WhyNot"/>), which also refuses element types
/// typed object or as an interface, whose values could not be checked before they are made.
/// </summary>
internal static class SerializabilityCheck
{
    /// <summary>Why values of <paramref name="type"/> cannot be serialized, or null when they can.</summary>
    public static string? Problem(Type type) => ValueCodecs.HasOwnCodec(type) ? null : UserValues.WhyNot(type);
}
