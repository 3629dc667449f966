using MessagePack;

namespace MiniDask.Protocol.Messages;

/// <summary>
/// Files a client's tasks need on workers (client -> scheduler -> workers): the assemblies that
/// define its functions and types, and files it uploads by hand. Each file's bytes are a payload
/// frame of the message. The scheduler stores them by content hash, without loading them, and
/// relays them to every worker, now and as workers join; a worker loads the assemblies into a
/// load context of the owner's and unloads it on <see cref="ReleaseCode"/>.
/// </summary>
[MessagePackObject]
public sealed class UploadCode : WireMessage
{
    /// <summary>Whose code it is: the client's name on the scheduler (set by the scheduler when it relays; ignored from clients).</summary>
    [Key(0)]
    public string Owner { get; init; } = "";

    /// <summary>The files.</summary>
    [Key(1)]
    public CodeFile[] Files { get; init; } = [];

    /// <inheritdoc />
    protected internal override string? Problem() =>
        Files is null || !System.Array.TrueForAll(Files, f => f is { Name: not null, Sha256: not null })
            ? "an UploadCode has a missing or incomplete file"
            : Required(Owner, "owner");
}

/// <summary>One uploaded file.</summary>
[MessagePackObject]
public sealed class CodeFile
{
    /// <summary>The file name, such as <c>MyApp.dll</c>.</summary>
    [Key(0)]
    public string Name { get; init; } = "";

    /// <summary>The SHA-256 of the bytes, as lowercase hexadecimal.</summary>
    [Key(1)]
    public string Sha256 { get; init; } = "";

    /// <summary>The payload frame holding the bytes.</summary>
    [Key(2)]
    public int Frame { get; init; }

    /// <summary>Whether it is a .NET assembly that workers load for the owner's tasks.</summary>
    [Key(3)]
    public bool IsAssembly { get; init; }
}

/// <summary>The owner of uploaded code left: workers unload its load context and delete its files (scheduler -> worker).</summary>
[MessagePackObject]
public sealed class ReleaseCode : WireMessage
{
    /// <summary>The client whose code is released.</summary>
    [Key(0)]
    public string Owner { get; init; } = "";

    /// <inheritdoc />
    protected internal override string? Problem() => Required(Owner, "owner");
}
