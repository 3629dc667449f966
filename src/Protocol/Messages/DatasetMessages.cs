using MessagePack;
using MiniDask.Graph;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// Name keys on the scheduler so that other clients can find them (client -> scheduler, Dask's
/// <c>publish_dataset</c>): the scheduler holds them until they are unpublished. Answered by a
/// <see cref="DatasetReply"/>, or an <see cref="ErrorReply"/> when the name is taken.
/// </summary>
[MessagePackObject]
public sealed class PublishDataset : WireMessage
{
    /// <summary>The dataset's name.</summary>
    [Key(0)]
    public string Name { get; init; } = "";

    /// <summary>The keys it holds.</summary>
    [Key(1)]
    public Key[] Keys { get; init; } = [];

    /// <summary>Whether an existing dataset of that name is replaced (else it is an error).</summary>
    [Key(2)]
    public bool Override { get; init; }

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Name, "name") ?? RequiredItems(Keys, "keys");
}

/// <summary>What a <see cref="DatasetRequest"/> asks.</summary>
public enum DatasetRequestKind
{
    /// <summary>The keys of one dataset.</summary>
    Get = 0,

    /// <summary>The names of all datasets.</summary>
    List = 1,

    /// <summary>Forget one dataset, letting go of its keys.</summary>
    Unpublish = 2,
}

/// <summary>Get, list or unpublish datasets (client -> scheduler); answered by <see cref="DatasetReply"/> or an <see cref="ErrorReply"/>.</summary>
[MessagePackObject]
public sealed class DatasetRequest : WireMessage
{
    /// <summary>What is asked.</summary>
    [Key(0)]
    public DatasetRequestKind Kind { get; init; }

    /// <summary>The dataset's name; empty for <see cref="DatasetRequestKind.List"/>.</summary>
    [Key(1)]
    public string Name { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Name, "name");
}

/// <summary>The answer to a dataset message (scheduler -> client).</summary>
[MessagePackObject]
public sealed class DatasetReply : WireMessage
{
    /// <summary>For a get: the dataset's keys.</summary>
    [Key(0)]
    public Key[] Keys { get; init; } = [];

    /// <summary>For a list: the names, sorted.</summary>
    [Key(1)]
    public string[] Names { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() => RequiredItems(Keys, "keys") ?? RequiredItems(Names, "names");
}
