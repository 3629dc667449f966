using System.Collections.Concurrent;
using MiniDask.Graph;

namespace MiniDask.Array.Storage;

/// <summary>
/// A write target that stays in the process that stores into it (a task carries this reference
/// instead of the target itself, which cannot travel as a value).
/// </summary>
/// <param name="Process">The token of the process (and copy of this assembly) that holds the target.</param>
/// <param name="Token">The target's token in that process.</param>
/// <param name="Description">The target as text, for messages.</param>
internal sealed record LocalTargetRef(string Process, string Token, string Description);

/// <summary>
/// The targets of the stores running now that only this process can write (an HDF5 file being
/// written, a target of the caller's own), held here while their tasks run.
/// </summary>
internal static class LocalTargets
{
    /// <summary>The op that answers <see cref="ProcessToken"/>: where a scheduler runs its tasks.</summary>
    public const string ProbeOp = "array.storage-process";

    private static readonly ConcurrentDictionary<string, IBlockWritable> Targets = new(StringComparer.Ordinal);

    /// <summary>A token unique to this process and this copy of the assembly.</summary>
    public static string ProcessToken { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Holds <paramref name="target"/> until <see cref="Release"/>; tasks name it by the returned reference.</summary>
    public static LocalTargetRef Register(IBlockWritable target)
    {
        var reference = new LocalTargetRef(ProcessToken, Guid.NewGuid().ToString("N"), target.ToString() ?? target.GetType().Name);
        Targets[reference.Token] = target;
        return reference;
    }

    /// <summary>Lets go of a target registered by <see cref="Register"/>.</summary>
    public static void Release(LocalTargetRef reference) => Targets.TryRemove(reference.Token, out _);

    /// <summary>The target <paramref name="reference"/> names.</summary>
    /// <exception cref="InvalidOperationException">The task runs in another process, or the store has ended.</exception>
    public static IBlockWritable Resolve(LocalTargetRef reference) =>
        reference.Process == ProcessToken && Targets.TryGetValue(reference.Token, out var target)
            ? target
            : throw new InvalidOperationException(
                $"The write target {reference.Description} can be written only in the process that stores into it, and this task runs in another one (or after the store ended).");

    /// <summary>
    /// Checks that <paramref name="scheduler"/> runs tasks in this process (by running one tiny
    /// task), since <paramref name="target"/> cannot be sent to another one.
    /// </summary>
    /// <exception cref="NotSupportedException">The scheduler runs tasks elsewhere; the message names the target and why it cannot travel.</exception>
    public static void RequireThisProcess(IScheduler scheduler, IBlockWritable target, string reason)
    {
        var key = new Key(ProbeOp + "-" + Guid.NewGuid().ToString("N"));
        var probe = TaskGraph.FromTasks([new(key, new DaskTask(ProbeOp))]);
        if (scheduler.Get(probe, [key]) is [string token] && token == ProcessToken)
        {
            return;
        }

        throw new NotSupportedException(
            $"Store: {target} can be written only in this process ({reason}), but scheduler '{scheduler.Name}' runs tasks in other processes. "
            + "Store with an in-process scheduler such as LocalScheduler, or into a target that workers can open, such as a ZarrArray.");
    }
}
