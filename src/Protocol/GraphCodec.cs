using MiniDask.Graph;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// Converts keys, tasks and graphs to their protobuf messages and back. Literal arguments are
/// encoded by the value codecs into the message being built, so a block passed as a literal
/// travels as a payload frame like any other value.
/// </summary>
public static class GraphCodec
{
    /// <summary>How deeply task arguments may nest (lists in lists, tasks in tasks).</summary>
    public const int MaxArgumentDepth = 200;

    /// <summary>The message of <paramref name="key"/>.</summary>
    public static KeyProto EncodeKey(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var proto = new KeyProto { Name = key.Name };
        foreach (var i in key.Index)
        {
            proto.Index.Add(i);
        }

        return proto;
    }

    /// <summary>The key of a <see cref="KeyProto"/>.</summary>
    /// <exception cref="ProtocolException">The key has no name.</exception>
    public static Key DecodeKey(KeyProto proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        return string.IsNullOrEmpty(proto.Name)
            ? throw new ProtocolException("A key was sent without a name.")
            : new Key(proto.Name, [.. proto.Index]);
    }

    /// <summary>
    /// The message of <paramref name="task"/>; its literal values are encoded into <paramref name="builder"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">A literal has no codec, or arguments nest too deeply; the message names the op.</exception>
    public static TaskProto EncodeTask(DaskTask task, MessageBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(builder);
        return EncodeTask(task, builder, depth: 0);
    }

    /// <summary>The task of a <see cref="TaskProto"/>, its literals decoded from <paramref name="message"/>.</summary>
    /// <exception cref="ProtocolException">The task is malformed or a literal cannot be decoded.</exception>
    public static DaskTask DecodeTask(TaskProto proto, Message message)
    {
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentNullException.ThrowIfNull(message);
        return DecodeTask(proto, message, depth: 0);
    }

    /// <summary>
    /// The message of a set of tasks with their priorities (0 where none is given) and the keys
    /// wanted from them; literal values are encoded into <paramref name="builder"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">A literal has no codec; the message names the task's key and op.</exception>
    public static GraphProto EncodeGraph(
        IEnumerable<KeyValuePair<Key, DaskTask>> tasks,
        MessageBuilder builder,
        IReadOnlyDictionary<Key, long>? priorities = null,
        IEnumerable<Key>? wanted = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(builder);
        var proto = new GraphProto();
        foreach (var (key, task) in tasks)
        {
            TaskProto encoded;
            try
            {
                encoded = EncodeTask(task, builder, depth: 0);
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"Task {key} cannot be sent: {e.Message}", e);
            }

            proto.Tasks.Add(new TaskSpecProto
            {
                Key = EncodeKey(key),
                Task = encoded,
                Priority = priorities is not null && priorities.TryGetValue(key, out var p) ? p : 0,
            });
        }

        foreach (var key in wanted ?? [])
        {
            proto.Wanted.Add(EncodeKey(key));
        }

        return proto;
    }

    /// <summary>The tasks, priorities and wanted keys of a <see cref="GraphProto"/>, literals decoded from <paramref name="message"/>.</summary>
    /// <exception cref="ProtocolException">A task is malformed, a key appears twice, or a literal cannot be decoded.</exception>
    public static DecodedGraph DecodeGraph(GraphProto proto, Message message)
    {
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentNullException.ThrowIfNull(message);
        var tasks = new Dictionary<Key, DaskTask>(proto.Tasks.Count);
        var priorities = new Dictionary<Key, long>(proto.Tasks.Count);
        foreach (var spec in proto.Tasks)
        {
            var key = DecodeKey(spec.Key ?? throw new ProtocolException("A task was sent without a key."));
            var task = DecodeTask(spec.Task ?? throw new ProtocolException($"Task {key} was sent without its task."), message);
            if (!tasks.TryAdd(key, task))
            {
                throw new ProtocolException($"Task {key} was sent twice in one graph.");
            }

            priorities[key] = spec.Priority;
        }

        return new DecodedGraph(TaskGraph.FromTasks(tasks), priorities, [.. proto.Wanted.Select(DecodeKey)]);
    }

    /// <summary>
    /// An update-graph message: the graph travels as a payload frame (graphs can exceed the header
    /// limit), its literals as further frames.
    /// </summary>
    /// <exception cref="NotSupportedException">A literal has no codec; the message names the task's key and op.</exception>
    public static Message UpdateGraph(
        IEnumerable<KeyValuePair<Key, DaskTask>> tasks,
        IEnumerable<Key> wanted,
        IReadOnlyDictionary<Key, long>? priorities = null,
        string client = "",
        string stimulusId = "")
    {
        var builder = new MessageBuilder();
        var graph = EncodeGraph(tasks, builder, priorities, wanted);
        var frame = builder.AddFrame(graph);
        return builder.Build(new Envelope { UpdateGraph = new UpdateGraph { GraphFrame = frame, Client = client, StimulusId = stimulusId } });
    }

    /// <summary>The graph carried by an update-graph message.</summary>
    /// <exception cref="ProtocolException">The message is not an update-graph or its graph is malformed.</exception>
    public static DecodedGraph ReadUpdateGraph(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind != Envelope.KindOneofCase.UpdateGraph)
        {
            throw new ProtocolException($"Expected an UpdateGraph message; got {message.Kind}.");
        }

        return DecodeGraph(message.ReadFrame(message.Envelope.UpdateGraph.GraphFrame, GraphProto.Parser), message);
    }

    private static TaskProto EncodeTask(DaskTask task, MessageBuilder builder, int depth)
    {
        var proto = new TaskProto { Op = task.Op };
        for (var i = 0; i < task.Args.Count; i++)
        {
            try
            {
                proto.Args.Add(EncodeArg(task.Args[i], builder, depth + 1));
            }
            catch (NotSupportedException e) when (depth == 0)
            {
                throw new NotSupportedException($"argument {i} of op '{task.Op}': {e.Message}", e);
            }
        }

        return proto;
    }

    private static TaskArgProto EncodeArg(TaskArg arg, MessageBuilder builder, int depth)
    {
        if (depth > MaxArgumentDepth)
        {
            throw new NotSupportedException($"task arguments nest more than {MaxArgumentDepth} levels deep.");
        }

        switch (arg)
        {
            case LiteralArg literal:
                return new TaskArgProto { Literal = builder.AddValue(literal.Value) };
            case KeyRefArg reference:
                return new TaskArgProto { Ref = EncodeKey(reference.Key) };
            case ListArg list:
                var items = new TaskArgListProto();
                foreach (var item in list.Items)
                {
                    items.Items.Add(EncodeArg(item, builder, depth + 1));
                }

                return new TaskArgProto { List = items };
            case NestedArg nested:
                return new TaskArgProto { Nested = EncodeTask(nested.Task, builder, depth + 1) };
            default:
                throw new NotSupportedException($"Task argument kind {arg.GetType().Name} has no wire form.");
        }
    }

    private static DaskTask DecodeTask(TaskProto proto, Message message, int depth)
    {
        if (string.IsNullOrEmpty(proto.Op))
        {
            throw new ProtocolException("A task was sent without an op name.");
        }

        var args = new TaskArg[proto.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = DecodeArg(proto.Args[i], message, depth + 1);
        }

        return new DaskTask(proto.Op, args);
    }

    private static TaskArg DecodeArg(TaskArgProto proto, Message message, int depth)
    {
        if (depth > MaxArgumentDepth)
        {
            throw new ProtocolException($"Task arguments nest more than {MaxArgumentDepth} levels deep.");
        }

        return proto.KindCase switch
        {
            TaskArgProto.KindOneofCase.Literal => TaskArg.Literal(message.ReadValue(proto.Literal)),
            TaskArgProto.KindOneofCase.Ref => TaskArg.Ref(DecodeKey(proto.Ref)),
            TaskArgProto.KindOneofCase.List => TaskArg.List(proto.List.Items.Select(item => DecodeArg(item, message, depth + 1))),
            TaskArgProto.KindOneofCase.Nested => TaskArg.Nested(DecodeTask(proto.Nested, message, depth + 1)),
            _ => throw new ProtocolException("A task argument was sent with no kind."),
        };
    }
}

/// <summary>A graph read from the wire: its tasks, the client's priorities and the keys wanted.</summary>
/// <param name="Graph">The tasks, as one layer.</param>
/// <param name="Priorities">Each task's priority (lower runs first).</param>
/// <param name="Wanted">The keys whose results are wanted.</param>
public sealed record DecodedGraph(TaskGraph Graph, IReadOnlyDictionary<Key, long> Priorities, IReadOnlyList<Key> Wanted);
