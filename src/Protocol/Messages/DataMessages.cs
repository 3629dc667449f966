using MessagePack;
using MiniDask.Graph;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// A value encoded by its value codec (MiniDask.Graph.Codecs): the codec's tag, its header (inline
/// while small, else in a payload frame of its own), and its segments, which are payload frames
/// <c>[FirstFrame, FirstFrame + FrameCount)</c> of the message, sent as raw buffers.
/// </summary>
[MessagePackObject]
public sealed class WireValue
{
    /// <summary>The codec's wire tag, such as <c>f64</c>, <c>list</c> or <c>ndarray</c>.</summary>
    [Key(0)]
    public string Tag { get; init; } = "";

    /// <summary>The codec header, when it travels inline; null when it is in <see cref="HeaderFrame"/>.</summary>
    [Key(1)]
    public byte[]? InlineHeader { get; init; }

    /// <summary>The payload frame holding the codec header, when it is not inline; -1 otherwise.</summary>
    [Key(2)]
    public int HeaderFrame { get; init; } = -1;

    /// <summary>The index of the value's first segment among the message's payload frames.</summary>
    [Key(3)]
    public int FirstFrame { get; init; }

    /// <summary>How many segments the value has.</summary>
    [Key(4)]
    public int FrameCount { get; init; }
}

/// <summary>A key and its value.</summary>
[MessagePackObject]
public sealed class KeyValue
{
    /// <summary>The key.</summary>
    [Key(0)]
    public Key Key { get; init; } = null!;

    /// <summary>The value.</summary>
    [Key(1)]
    public WireValue Value { get; init; } = null!;
}

/// <summary>Fetch results from a worker (worker -> worker, or client -> worker).</summary>
[MessagePackObject]
public sealed class GetDataRequest : WireMessage
{
    /// <summary>The keys wanted.</summary>
    [Key(0)]
    public Key[] Keys { get; init; } = [];

    /// <summary>The requester's address or name, for logs.</summary>
    [Key(1)]
    public string Requester { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(Keys, "keys") ?? Required(Requester, "requester");
}

/// <summary>The answer to <see cref="GetDataRequest"/>: the values held, with their segments as payload frames.</summary>
[MessagePackObject]
public sealed class GetDataResponse : WireMessage
{
    /// <summary>The values of the keys held.</summary>
    [Key(0)]
    public KeyValue[] Data { get; init; } = [];

    /// <summary>The keys asked for that are not held.</summary>
    [Key(1)]
    public Key[] Missing { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Data is null || !System.Array.TrueForAll(Data, d => d is { Key: not null, Value.Tag: not null })
            ? "a GetDataResponse has a missing or incomplete value"
            : RequiredItems(Missing, "missing keys");
}
