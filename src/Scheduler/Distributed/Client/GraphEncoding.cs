using MiniDask.Graph;
using MiniDask.Graph.Optimization;
using MiniDask.Protocol;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The client's last preparation step: each task of a prepared graph is encoded once into its
/// control part and its run spec (<see cref="RunSpecCodec"/>), and the tasks are packed into
/// update-graph messages that each stay under the scheduler's frame limit.
/// </summary>
internal static class GraphEncoding
{
    /// <exception cref="NotSupportedException">A task's literal cannot cross a process boundary; the message names the task's key, op and argument.</exception>
    public static List<Message> Encode(
        PreparedGraph prepared, IReadOnlyList<Key> wanted, string client, string codeOwner, bool reportProgress, int maxFrames)
    {
        var codec = new RunSpecCodec();
        var tasks = new List<EncodedTask>(prepared.Graph.Count);
        foreach (var (key, task) in prepared.Graph)
        {
            RunSpec run;
            try
            {
                run = codec.Encode(task, codeOwner);
            }
            catch (NotSupportedException e)
            {
                throw new NotSupportedException($"Task {key} cannot be sent: {e.Message}", e);
            }

            tasks.Add(new EncodedTask(key, task.Dependencies, prepared.Order.GetValueOrDefault(key), task.Op, run));
        }

        return GraphMessages.Build(tasks, wanted, client, reportProgress, maxFrames);
    }
}
