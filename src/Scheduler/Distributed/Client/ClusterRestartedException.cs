namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// The cluster restarted (<see cref="Client.RestartAsync"/>) while a future or compute waited for
/// its key, or before its result was gathered: every task was forgotten, as Dask's futures become
/// lost on restart. Submit or compute again.
/// </summary>
public sealed class ClusterRestartedException : Exception
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ClusterRestartedException(string message)
        : base(message)
    {
    }
}
