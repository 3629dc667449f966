using MiniDask.Graph;
using MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// Update-graph messages: the client packs encoded tasks into them, the scheduler unpacks the
/// tasks' control parts and keeps each run spec as the bytes and frames that came. Payload frame
/// 0 is the <see cref="GraphSpec"/>; the run specs' frames follow it. A graph whose run specs need
/// more frames than one message may carry is split into parts, each under the limit.
/// </summary>
public static class GraphMessages
{
    /// <summary>
    /// The messages of a graph submitted under <paramref name="client"/>: every part but the last says
    /// <c>More</c>; the last carries the wanted keys.
    /// </summary>
    /// <param name="tasks">The encoded tasks.</param>
    /// <param name="wanted">The keys whose results are wanted.</param>
    /// <param name="client">The client id the graph is submitted under.</param>
    /// <param name="reportProgress">Whether the client wants a TaskProgress per finished task.</param>
    /// <param name="maxFrames">The receiver's limit on payload frames per message.</param>
    public static List<Message> Build(IReadOnlyList<EncodedTask> tasks, IReadOnlyList<Key> wanted, string client, bool reportProgress, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(wanted);
        var budget = Math.Max(1, maxFrames - 1);
        var parts = new List<Message>();
        var headers = new List<TaskHeader>();
        var frames = new List<Graph.Codecs.PayloadSegment>();
        foreach (var task in tasks)
        {
            if (headers.Count > 0 && frames.Count + task.Run.Frames.Count > budget)
            {
                parts.Add(Part(headers, frames, [], client, reportProgress, more: true));
                headers.Clear();
                frames.Clear();
            }

            headers.Add(new TaskHeader
            {
                Key = task.Key,
                Dependencies = [.. task.Dependencies],
                Priority = task.Priority,
                Op = task.Op,
                SpecBytes = task.Run.Bytes,
                Run = task.Run.Head,
                FirstFrame = frames.Count + 1,
                FrameCount = task.Run.Frames.Count,
                Options = task.Options,
            });
            frames.AddRange(task.Run.Frames);
        }

        parts.Add(Part(headers, frames, [.. wanted], client, reportProgress, more: false));
        return parts;
    }

    /// <summary>The tasks and wanted keys of one update-graph message, run specs kept as they came.</summary>
    /// <exception cref="ProtocolException">The message is not an update-graph or its graph is malformed.</exception>
    public static (IReadOnlyList<EncodedTask> Tasks, IReadOnlyList<Key> Wanted) Read(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Body is not UpdateGraph)
        {
            throw new ProtocolException($"Expected an UpdateGraph message; got {message.Body}.");
        }

        var graph = message.ReadFrame<GraphSpec>(0);
        if (graph.Tasks is null || graph.Wanted is null || Array.Exists(graph.Wanted, k => k is null))
        {
            throw new ProtocolException("An UpdateGraph's graph lacks its tasks or has a missing wanted key.");
        }

        var tasks = new EncodedTask[graph.Tasks.Length];
        for (var i = 0; i < tasks.Length; i++)
        {
            var header = graph.Tasks[i];
            if (header is not { Key: not null, Dependencies: not null, Op: not null, Run: not null } || Array.Exists(header.Dependencies, k => k is null))
            {
                throw new ProtocolException($"Task {i} of an UpdateGraph lacks its key, dependencies, op or run spec.");
            }

            var frames = message.Frames(header.FirstFrame, header.FrameCount, $"run spec of task {header.Key}");
            if (header.FrameCount > 0 && header.FirstFrame == 0)
            {
                throw new ProtocolException($"The run spec of task {header.Key} claims the graph's own frame.");
            }

            tasks[i] = new EncodedTask(header.Key, header.Dependencies, header.Priority, header.Op, new RunSpec(header.Run, [.. frames]), header.Options);
        }

        return (tasks, graph.Wanted);
    }

    private static Message Part(
        List<TaskHeader> headers, List<Graph.Codecs.PayloadSegment> frames, Key[] wanted, string client, bool reportProgress, bool more)
    {
        var spec = new Graph.Codecs.PayloadSegment(WireFormat.Write(new GraphSpec { Tasks = [.. headers], Wanted = wanted }));
        return new Message(
            new UpdateGraph { Client = client, StimulusId = $"update-graph-{client}", ReportProgress = reportProgress, More = more },
            [spec, .. frames]);
    }
}
