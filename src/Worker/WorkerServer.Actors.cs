using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Worker;

/// <summary>Actors on this worker: made and dropped on the scheduler's word, called by clients and peers on the peer port.</summary>
public sealed partial class WorkerServer
{
    private ActorHost? actorHost;

    /// <summary>The ids of the actors living on this worker now.</summary>
    public IReadOnlyCollection<string> ActorIds => actorHost?.Ids ?? [];

    private ActorHost Actors => LazyInitializer.EnsureInitialized(ref actorHost, () => new ActorHost(Code, Address));

    /// <summary>
    /// Records this worker's cluster for the code it runs, so that actor handles passed to its
    /// tasks and actors can call their workers, and tasks can open a client of the scheduler.
    /// </summary>
    private void RecordCluster() => ClusterOfThisProcess.Set(scheduler.RemoteAddress, options.Comm);

    /// <summary>Makes an actor off the scheduler's loop and tells the scheduler how it went.</summary>
    private void CreateActor(Wire.CreateActor create, Message message) => _ = Task.Run(async () =>
    {
        var created = Actors.Create(create, message);
        try
        {
            await scheduler.SendAsync(new Message(created), stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The scheduler is gone or the worker is stopping; the scheduler loop reports it.
        }
    });

    private Task StopActorsAsync() => actorHost?.StopAsync() ?? Task.CompletedTask;
}
