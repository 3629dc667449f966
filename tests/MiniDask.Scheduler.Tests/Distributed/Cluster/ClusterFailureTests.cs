using System.Net.Sockets;
using MiniDask.Graph;
using MiniDask.Protocol;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>A shared cluster keeps serving after bad connections; a wrong token is refused.</summary>
public sealed class ClusterFailureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task GarbageBytes_OnTheSchedulerPort_LaterComputationSucceeds()
    {
        var address = CommAddress.Parse(fixture.Cluster.SchedulerAddress);
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(address.Host, address.Port);
            await tcp.GetStream().WriteAsync(garbage);
            await tcp.GetStream().FlushAsync();
        }

        var result = await fixture.Client.GetAsync(Chain(5), [new Key("c", 4)]);

        Assert.Equal(5L, result[0]);
        Assert.True(await fixture.Log.WaitForAsync("Refused connection", TimeSpan.FromSeconds(10)), "the garbage connection was not logged");
    }

    [Fact]
    public async Task UnexpectedMessage_FromAClient_ClosesOnlyThatConnectionSayingWhy()
    {
        await using var rogue = await Comm.ConnectAsync(fixture.Cluster.SchedulerAddress, fixture.Cluster.ClientComm);
        await rogue.SendAsync(new Message(new MiniDask.Protocol.Messages.Heartbeat()));

        var close = await rogue.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("has not registered as a worker", Assert.IsType<MiniDask.Protocol.Messages.Close>(close.Body).Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CommClosedException>(async () => await rogue.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await fixture.Log.WaitForAsync("has not registered as a worker", TimeSpan.FromSeconds(10)), "the reason was not logged");
        var result = await fixture.Client.GetAsync(Chain(3), [new Key("c", 2)]);
        Assert.Equal(3L, result[0]);
    }

    [Fact]
    public async Task GetAsync_ResultWithoutCodec_ThrowsNamingTheKey()
    {
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask> { [new Key("unsendable", 2)] = T(Unsendable) });

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => fixture.Client.GetAsync(graph, [new Key("unsendable", 2)]).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("('unsendable', 2)", error.Message);
    }

    [Fact]
    public async Task ConnectAsync_WrongToken_IsRefused()
    {
        var options = new ClientOptions { Comm = fixture.Cluster.ClientComm with { Token = "not-the-token" } };

        var error = await Assert.ThrowsAsync<HandshakeException>(() => Client.ConnectAsync(fixture.Cluster.SchedulerAddress, options));

        Assert.Contains("token", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UpdateGraph_ThatCannotBeDecoded_IsRefusedWithTheReasonAndTheConnectionServesTheNextGraph()
    {
        await using var peer = await Comm.ConnectAsync(fixture.Cluster.SchedulerAddress, fixture.Cluster.ClientComm);
        await peer.SendAsync(new Message(new MiniDask.Protocol.Messages.UpdateGraph { Client = "undecodable", StimulusId = "test" }) { RequestId = 7 });

        var refusal = await ReceiveSkippingPingsAsync(peer);

        var error = Assert.IsType<MiniDask.Protocol.Messages.ErrorReply>(refusal.Body);
        Assert.Equal(7UL, refusal.RequestId);
        Assert.Contains("payload frame 0", error.Message, StringComparison.Ordinal);
        var next = TaskSpecs.UpdateGraphMessage(Chain(3), [new Key("c", 2)], client: "decodable");
        await peer.SendAsync(new Message(next.Body, next.Payload) { RequestId = 8 });
        var done = await ReceiveSkippingPingsAsync(peer);
        Assert.Equal(new Key("c", 2), Assert.IsType<MiniDask.Protocol.Messages.KeyInMemory>(done.Body).Key);
        await peer.SendAsync(new Message(new MiniDask.Protocol.Messages.Cancel { Client = "decodable", Keys = [new Key("c", 2)] }));
    }

    /// <summary>The next message other than the scheduler's once-a-second ping, which may come at any point.</summary>
    private static async Task<Message> ReceiveSkippingPingsAsync(Comm peer)
    {
        while (true)
        {
            var message = await peer.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (message.Body is not MiniDask.Protocol.Messages.Ping)
            {
                return message;
            }
        }
    }

    [Fact]
    public async Task GetAsync_GraphTheSchedulerRefuses_ThrowsWithTheSchedulersReasonAndTheNextGraphSucceeds()
    {
        // Two clients under one name: the second one's first graph takes a client id the first still holds.
        var name = "same-name-" + Guid.NewGuid().ToString("N")[..8];
        await using var first = await Client.ConnectAsync(fixture.Cluster.SchedulerAddress, new ClientOptions { Comm = fixture.Cluster.ClientComm, Name = name });
        await using var second = await Client.ConnectAsync(fixture.Cluster.SchedulerAddress, new ClientOptions { Comm = fixture.Cluster.ClientComm, Name = name });
        var held = await first.PersistAsync(MiniDask.Array.DArray.Ones(shape: [4], chunks: [2]));

        // Persist returns once its graph is sent; the scheduler holds the first client's id once it is computed.
        await first.WaitAsync(held, timeout: TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<GraphValidationException>(() => second.GetAsync(Chain(3), [new Key("c", 2)]).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains($"The scheduler refused the graph: Client id '{name}#1' is already in use by another connection.", error.Message, StringComparison.Ordinal);
        Assert.Equal(3L, (await second.GetAsync(Chain(3), [new Key("c", 2)]).WaitAsync(TimeSpan.FromSeconds(60)))[0]);
        await first.CancelAsync(held);
    }

    private static TaskGraph Chain(int length)
    {
        var tasks = new Dictionary<Key, DaskTask> { [new Key("c", 0)] = T(Const, L(1L)) };
        for (var i = 1; i < length; i++)
        {
            tasks[new Key("c", i)] = T(Inc, new Key("c", i - 1));
        }

        return TaskGraph.FromTasks(tasks);
    }
}
