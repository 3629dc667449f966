using MiniDask.Graph;
using MiniDask.Graph.Optimization;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

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
        PreparedGraph prepared, IReadOnlyList<Key> wanted, string client, string codeOwner, bool reportProgress, int maxFrames, TaskOptions? options = null)
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

            tasks.Add(new EncodedTask(key, task.Dependencies, prepared.Order.GetValueOrDefault(key), task.Op, run, options));
        }

        return GraphMessages.Build(tasks, wanted, client, reportProgress, maxFrames);
    }

    /// <summary>
    /// The task options of a compute: its own annotations, else those of the enclosing
    /// <see cref="TaskAnnotations.Annotate"/> scope; null when neither asks for anything.
    /// </summary>
    /// <exception cref="ArgumentException">An annotation is out of range; the message names it.</exception>
    public static TaskOptions? OptionsOf(ComputeOptions? compute)
    {
        if ((compute?.Annotations ?? TaskAnnotations.Current) is not { } annotations)
        {
            return null;
        }

        annotations.Validate();
        var options = new TaskOptions
        {
            Priority = annotations.Priority,
            Retries = annotations.Retries,
            Resources = annotations.Resources is { Count: > 0 } resources ? new Dictionary<string, double>(resources, StringComparer.Ordinal) : null,
            Workers = annotations.Workers is { Count: > 0 } workers ? [.. workers] : null,
            AllowLooseRestrictions = annotations.AllowLooseRestrictions,
        };
        return options.IsDefault ? null : options;
    }
}
