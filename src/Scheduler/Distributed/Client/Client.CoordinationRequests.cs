using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>What the scheduler pushes to a client on its own, outside any request: messages published on the topics it subscribed to.</summary>
public sealed partial class Client
{
    /// <summary>Delivers a message the scheduler pushed; false when <paramref name="message"/> is none.</summary>
    private bool RoutePushed(Message message)
    {
        switch (message.Body)
        {
            case Wire.Published published:
                Deliver(published.Topic, message.Frame(0, $"message on topic '{published.Topic}'"));
                return true;
            default:
                return false;
        }
    }
}
