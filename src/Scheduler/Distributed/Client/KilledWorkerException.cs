using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A task was running on every worker that died, as many times as the scheduler allows (Dask's
/// <c>KilledWorker</c>): it probably crashes its process. The message names the task and the workers.
/// </summary>
public sealed class KilledWorkerException : Exception
{
    /// <summary>Creates the exception for the task <paramref name="key"/>.</summary>
    public KilledWorkerException(Key key, string message)
        : base(message)
    {
        Key = key;
    }

    /// <summary>The key of the task that killed its workers.</summary>
    public Key Key { get; }
}

/// <summary>
/// An exception raised on a worker whose type this process cannot recreate; the type name,
/// message and the worker's stack trace are kept.
/// </summary>
public sealed class RemoteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteException(string remoteType, string message, string remoteStackTrace)
        : base(string.IsNullOrEmpty(remoteType) ? message : $"{remoteType}: {message}")
    {
        RemoteType = remoteType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the exception's type on the worker.</summary>
    public string RemoteType { get; }

    /// <summary>The stack trace on the worker.</summary>
    public string RemoteStackTrace { get; }
}
