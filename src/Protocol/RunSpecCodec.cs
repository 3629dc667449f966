using System.Buffers;
using MessagePack;
using MiniDask.Graph;
using MiniDask.Graph.Codecs;

namespace MiniDask.Protocol;

/// <summary>
/// Encodes a <see cref="DaskTask"/> into a <see cref="RunSpec"/> and back. The head is MessagePack:
/// <code>
/// [owner, task]              owner: whose uploaded code the task needs ("" for none)
/// task    = [op, [arg...]]
/// arg     = [0, tag, header, first, count]          a literal, its codec header inline
///         | [1, tag, headerFrame, first, count]     a literal, its codec header in frame headerFrame
///         | [2, key]                                a reference to another task's result
///         | [3, [arg...]]                           a list
///         | [4, task]                               a task run inline
///         | [5, type, value]                        a small literal written as MessagePack itself
/// </code>
/// A literal is encoded by its value codec (MiniDask.Graph.Codecs); its segments are frames
/// <c>[first, first + count)</c> of the run spec. The commonest small literals (null, numbers,
/// booleans, strings and short numeric arrays, such as block shapes) are written directly, with a
/// type code that keeps their exact .NET type. Only workers call <see cref="Decode"/>.
/// </summary>
public sealed class RunSpecCodec
{
    /// <summary>How deeply task arguments may nest (lists in lists, tasks in tasks).</summary>
    public const int MaxArgumentDepth = 200;

    private const int LiteralInline = 0;
    private const int LiteralFramed = 1;
    private const int Reference = 2;
    private const int ListOf = 3;
    private const int NestedTask = 4;
    private const int Small = 5;

    /// <summary>Numeric arrays up to this length are small literals; longer ones travel as frames, not copied.</summary>
    private const int SmallArrayLength = 64;

    private readonly ArrayBufferWriter<byte> head = new(256);
    private readonly List<PayloadSegment> frames = [];

    /// <summary>Encodes <paramref name="task"/>, naming <paramref name="owner"/> as the owner of the code it needs.</summary>
    /// <exception cref="NotSupportedException">A literal has no value codec, or arguments nest too deeply; the message names the op and argument.</exception>
    public RunSpec Encode(DaskTask task, string owner = "")
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(owner);
        head.ResetWrittenCount();
        frames.Clear();
        var writer = new MessagePackWriter(head);
        writer.WriteArrayHeader(2);
        writer.Write(owner);
        WriteTask(ref writer, task, depth: 0);
        writer.Flush();
        return new RunSpec(head.WrittenSpan.ToArray(), frames.Count == 0 ? [] : [.. frames]);
    }

    /// <summary>The owner of the code a run spec needs, read without decoding its arguments.</summary>
    /// <exception cref="ProtocolException">The head is malformed.</exception>
    public static string ReadOwner(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Guard(() =>
        {
            var reader = new MessagePackReader(spec.Head);
            ExpectArray(ref reader, 2, "run spec");
            return reader.ReadString() ?? throw new ProtocolException("A run spec names no code owner.");
        });
    }

    /// <summary>Decodes a run spec back into its task, decoding every literal with its value codec.</summary>
    /// <exception cref="ProtocolException">The run spec is malformed or a literal cannot be decoded.</exception>
    public static DaskTask Decode(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Guard(() =>
        {
            var reader = new MessagePackReader(spec.Head);
            ExpectArray(ref reader, 2, "run spec");
            reader.Skip();
            var task = ReadTask(ref reader, spec.Frames, depth: 0);
            return reader.End ? task : throw new ProtocolException("A run spec has bytes after its task.");
        });
    }

    private void WriteTask(ref MessagePackWriter writer, DaskTask task, int depth)
    {
        writer.WriteArrayHeader(2);
        writer.Write(task.Op);
        writer.WriteArrayHeader(task.Args.Count);
        for (var i = 0; i < task.Args.Count; i++)
        {
            try
            {
                WriteArg(ref writer, task.Args[i], depth + 1);
            }
            catch (NotSupportedException e) when (depth == 0)
            {
                throw new NotSupportedException($"argument {i} of op '{task.Op}': {e.Message}", e);
            }
        }
    }

    private void WriteArg(ref MessagePackWriter writer, TaskArg arg, int depth)
    {
        if (depth > MaxArgumentDepth)
        {
            throw new NotSupportedException($"task arguments nest more than {MaxArgumentDepth} levels deep.");
        }

        switch (arg)
        {
            case LiteralArg literal when SmallLiterals.TryWrite(ref writer, Small, literal.Value, SmallArrayLength):
                break;
            case LiteralArg literal:
                var encoded = ValueCodecs.Encode(literal.Value);
                var inline = encoded.Header.Length <= MessageBuilder.InlineHeaderLimit;
                writer.WriteArrayHeader(5);
                writer.Write(inline ? LiteralInline : LiteralFramed);
                writer.Write(encoded.Tag);
                if (inline)
                {
                    writer.Write(encoded.Header.Span);
                }
                else
                {
                    writer.Write(frames.Count);
                    frames.Add(new PayloadSegment(encoded.Header));
                }

                writer.Write(frames.Count);
                writer.Write(encoded.Segments.Count);
                frames.AddRange(encoded.Segments);
                break;
            case KeyRefArg reference:
                writer.WriteArrayHeader(2);
                writer.Write(Reference);
                KeyFormatter.Instance.Serialize(ref writer, reference.Key, WireFormat.Options);
                break;
            case ListArg list:
                writer.WriteArrayHeader(2);
                writer.Write(ListOf);
                writer.WriteArrayHeader(list.Items.Count);
                foreach (var item in list.Items)
                {
                    WriteArg(ref writer, item, depth + 1);
                }

                break;
            case NestedArg nested:
                writer.WriteArrayHeader(2);
                writer.Write(NestedTask);
                WriteTask(ref writer, nested.Task, depth + 1);
                break;
            default:
                throw new NotSupportedException($"task argument kind {arg.GetType().Name} has no wire form.");
        }
    }

    private static DaskTask ReadTask(ref MessagePackReader reader, IReadOnlyList<PayloadSegment> frames, int depth)
    {
        ExpectArray(ref reader, 2, "task");
        var op = reader.ReadString();
        if (string.IsNullOrEmpty(op))
        {
            throw new ProtocolException("A task was sent without an op name.");
        }

        var args = new TaskArg[reader.ReadArrayHeader()];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = ReadArg(ref reader, frames, depth + 1);
        }

        return new DaskTask(op, args);
    }

    private static TaskArg ReadArg(ref MessagePackReader reader, IReadOnlyList<PayloadSegment> frames, int depth)
    {
        if (depth > MaxArgumentDepth)
        {
            throw new ProtocolException($"Task arguments nest more than {MaxArgumentDepth} levels deep.");
        }

        var count = reader.ReadArrayHeader();
        var kind = count >= 2 ? reader.ReadInt32() : -1;
        switch (kind)
        {
            case LiteralInline or LiteralFramed when count == 5:
                var tag = reader.ReadString() ?? throw new ProtocolException("A literal was sent without its codec tag.");
                ReadOnlyMemory<byte> header = kind == LiteralInline
                    ? (reader.ReadBytes() ?? throw new ProtocolException($"A '{tag}' literal was sent without its header.")).ToArray()
                    : Frame(frames, reader.ReadInt32(), tag).Bytes;
                var first = reader.ReadInt32();
                var segments = Slice(frames, first, reader.ReadInt32(), tag);
                try
                {
                    return TaskArg.Literal(ValueCodecs.Decode(tag, header, segments));
                }
                catch (InvalidDataException e)
                {
                    throw new ProtocolException($"A '{tag}' literal could not be decoded: {e.Message}", e);
                }

            case Reference when count == 2:
                return TaskArg.Ref(KeyFormatter.Instance.Deserialize(ref reader, WireFormat.Options)
                    ?? throw new ProtocolException("A task argument refers to no key."));
            case ListOf when count == 2:
                var items = new TaskArg[reader.ReadArrayHeader()];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ReadArg(ref reader, frames, depth + 1);
                }

                return TaskArg.List(items);
            case NestedTask when count == 2:
                return TaskArg.Nested(ReadTask(ref reader, frames, depth + 1));
            case Small when count == 3:
                return TaskArg.Literal(SmallLiterals.Read(ref reader));
            default:
                throw new ProtocolException($"A task argument has unknown form {kind} with {count} entries.");
        }
    }

    private static PayloadSegment Frame(IReadOnlyList<PayloadSegment> frames, int index, string tag) =>
        index >= 0 && index < frames.Count
            ? frames[index]
            : throw new ProtocolException($"A '{tag}' literal refers to frame {index} of a run spec with {frames.Count}.");

    private static IReadOnlyList<PayloadSegment> Slice(IReadOnlyList<PayloadSegment> frames, int first, int count, string tag)
    {
        if (first < 0 || count < 0 || (long)first + count > frames.Count)
        {
            throw new ProtocolException($"A '{tag}' literal refers to frames {first}..{(long)first + count} of a run spec with {frames.Count}.");
        }

        var slice = new PayloadSegment[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = frames[first + i];
        }

        return slice;
    }

    private static void ExpectArray(ref MessagePackReader reader, int length, string what)
    {
        var count = reader.ReadArrayHeader();
        if (count != length)
        {
            throw new ProtocolException($"A {what} must be an array of {length}; it has {count} entries.");
        }
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException
            or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ProtocolException($"A run spec is malformed: {e.Message}", e);
        }
    }
}
