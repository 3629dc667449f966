namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// A call to an actor failed because the actor is gone: its worker died or left the cluster, or
/// every client let go of it. The message names the actor and its worker; the state it held is lost.
/// </summary>
public sealed class ActorDiedException : IOException
{
    /// <summary>An exception naming the actor and worker and saying what happened.</summary>
    public ActorDiedException(string actor, string worker, string message, Exception? inner = null)
        : base(message, inner)
    {
        Actor = actor;
        Worker = worker;
    }

    /// <summary>The actor's name (or id).</summary>
    public string Actor { get; }

    /// <summary>The address of the worker that held it.</summary>
    public string Worker { get; }
}
