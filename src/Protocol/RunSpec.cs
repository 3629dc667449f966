using MiniDask.Graph;
using MiniDask.Graph.Codecs;

namespace MiniDask.Protocol;

/// <summary>
/// What a worker runs for a task (Dask's <c>run_spec</c>): the op and its arguments, encoded once by
/// the client into a small MessagePack head plus raw frames for large literals (see
/// <see cref="RunSpecCodec"/>). The scheduler holds it as bytes and forwards it with the task; only
/// workers decode it, so the scheduler needs neither the assemblies of the ops nor those of the values.
/// </summary>
public sealed class RunSpec
{
    /// <summary>A run spec of <paramref name="head"/> and <paramref name="frames"/>, kept as they are.</summary>
    public RunSpec(byte[] head, IReadOnlyList<PayloadSegment> frames)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(frames);
        Head = head;
        Frames = frames;
    }

    /// <summary>The MessagePack head: the code owner, the op, and the arguments with references to <see cref="Frames"/>.</summary>
    public byte[] Head { get; }

    /// <summary>Raw buffers of large literals (blocks, arrays), sent as payload frames without copying.</summary>
    public IReadOnlyList<PayloadSegment> Frames { get; }

    /// <summary>The size of the head and the frames in bytes.</summary>
    public long Bytes => Head.Length + Frames.Sum(f => (long)f.Length);
}

/// <summary>
/// A task as a client sends it: the control part the scheduler reads (key, dependencies, priority,
/// op name) and the opaque <see cref="RunSpec"/>.
/// </summary>
/// <param name="Key">The task's key.</param>
/// <param name="Dependencies">The keys whose results it reads.</param>
/// <param name="Priority">The client's priority; lower runs first.</param>
/// <param name="Op">The op's name, for display and per-op duration estimates.</param>
/// <param name="Run">What the worker runs.</param>
/// <param name="Options">The task's priority, retries, resources and worker restrictions; null for none.</param>
public sealed record EncodedTask(Key Key, IReadOnlyList<Key> Dependencies, long Priority, string Op, RunSpec Run, Messages.TaskOptions? Options = null);
