using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Splits a graph into UpdateGraph messages that each stay under the frame limit: literals become
/// payload frames, so a graph of many small blocks can need more frames than one message may
/// carry. Every part but the last says <c>more</c>; the last carries the wanted keys.
/// </summary>
internal static class GraphParts
{
    public static List<Message> Encode(
        TaskGraph graph, IReadOnlyList<Key> wanted, IReadOnlyDictionary<Key, int> priorities, string client, bool reportProgress, int maxFrames)
    {
        // Room for the graph's own frame and the largest single task's literals.
        var budget = Math.Max(1, (maxFrames / 2) - 1);
        var parts = new List<Message>();
        var builder = new MessageBuilder();
        var proto = new Wire.GraphProto();
        foreach (var (key, task) in graph)
        {
            Wire.TaskProto encoded;
            try
            {
                encoded = GraphCodec.EncodeTask(task, builder);
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"Task {key} cannot be sent: {e.Message}", e);
            }

            proto.Tasks.Add(new Wire.TaskSpecProto { Key = GraphCodec.EncodeKey(key), Task = encoded, Priority = priorities.GetValueOrDefault(key) });
            if (builder.Payload.Count >= budget)
            {
                parts.Add(Build(builder, proto, client, reportProgress, more: true));
                builder = new MessageBuilder();
                proto = new Wire.GraphProto();
            }
        }

        proto.Wanted.AddRange(wanted.Select(GraphCodec.EncodeKey));
        parts.Add(Build(builder, proto, client, reportProgress, more: false));
        return parts;
    }

    private static Message Build(MessageBuilder builder, Wire.GraphProto proto, string client, bool reportProgress, bool more)
    {
        var frame = builder.AddFrame(proto);
        return builder.Build(new Wire.Envelope
        {
            UpdateGraph = new Wire.UpdateGraph
            {
                GraphFrame = frame,
                Client = client,
                StimulusId = $"update-graph-{client}",
                ReportProgress = reportProgress,
                More = more,
            },
        });
    }
}
