namespace MiniDask.Graph;

/// <summary>
/// A scheduler whose tasks run in other processes (a distributed client): every value a collection
/// sends or computes must cross a process boundary, so a collection that can check that beforehand
/// (<see cref="IDistributable"/>) is checked before its graph is sent.
/// </summary>
public interface IDistributedScheduler : IScheduler;

/// <summary>A collection that can check, before a distributed run, that its functions and values can cross process boundaries.</summary>
public interface IDistributable
{
    /// <summary>Checks that a distributed run can compute the collection.</summary>
    /// <exception cref="NotSupportedException">A function or an element type cannot cross a process boundary; the message names it and the member at fault.</exception>
    void EnsureDistributable();
}
