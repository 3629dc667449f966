using System.Diagnostics;
using System.Net.Sockets;
using MiniDask.Array.Serialization;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;
using MiniDask.Protocol.Messages;
using MiniDask.Protocol.Tests.TestSupport;
using MiniDask.Testing;
using Xunit.Abstractions;

namespace MiniDask.Protocol.Tests;

public class CommTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Transports() => new() { "inproc://", "tcp://127.0.0.1:0" };

    [Fact]
    public async Task ReceiveAsync_InProcPair_GetsMessageWithDecodedValues()
    {
        NDArrayCodec.Register();
        var (left, right) = Comm.CreatePair();
        await using var _ = left;
        await using var __ = right;
        var block = NDArray.FromArray(Enumerable.Range(0, 50_000).Select(i => (long)i).ToArray(), 250, 200);

        await left.SendAsync(DataResponse(("b", block), ("s", "text"), ("l", new List<(string, long)> { ("x", 1) })));
        var received = await right.ReceiveAsync();

        var values = ((GetDataResponse)received.Body).Data.Select(kv => received.ReadValue(kv.Value)).ToList();
        Assert.Equal(block.Data, Assert.IsType<NDArray<long>>(values[0]).Data);
        Assert.Equal("text", values[1]);
        Assert.Equal(new List<(string, long)> { ("x", 1) }, values[2]);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ConnectAsync_ListenerAddress_ExchangesMessagesBothWays(string listenAddress)
    {
        await using var listener = await Listener.ListenAsync(listenAddress, new CommOptions { Role = PeerRole.Scheduler, Name = "sched" });
        var accepting = listener.AcceptAsync().AsTask();
        await using var client = await Comm.ConnectAsync(listener.Address, new CommOptions { Role = PeerRole.Worker, Name = "w1" });
        await using var server = await accepting.WaitAsync(Timeout);

        await client.SendAsync(new Message(new Heartbeat { Executing = 3, MemoryBytes = 1 << 20 }) { RequestId = 1 });
        var heartbeat = await server.ReceiveAsync().AsTask().WaitAsync(Timeout);
        await server.SendAsync(new Message(new RegisterWorkerReply { Accepted = true, HeartbeatIntervalSeconds = 2 }) { RequestId = 1 });
        var reply = await client.ReceiveAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(3, Assert.IsType<Heartbeat>(heartbeat.Body).Executing);
        Assert.Equal(2, Assert.IsType<RegisterWorkerReply>(reply.Body).HeartbeatIntervalSeconds);
        Assert.Equal(1UL, reply.RequestId);
        Assert.Equal(new PeerInfo("w1", PeerRole.Worker, ProtocolVersion.Current), server.Peer);
        Assert.Equal(new PeerInfo("sched", PeerRole.Scheduler, ProtocolVersion.Current), client.Peer);
        Assert.StartsWith(listenAddress.Split("://")[0], listener.Address);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task SendManyAsync_Batch_ArrivesInOrderBesideSingleSends(string listenAddress)
    {
        await using var listener = await Listener.ListenAsync(listenAddress, new CommOptions { Role = PeerRole.Scheduler });
        var accepting = listener.AcceptAsync().AsTask();
        await using var client = await Comm.ConnectAsync(listener.Address, new CommOptions { Role = PeerRole.Worker });
        await using var server = await accepting.WaitAsync(Timeout);
        var block = Enumerable.Range(0, 300_000).Select(i => (double)i).ToArray();
        var batch = Enumerable.Range(1, 500)
            .Select(i => new Message(new Close { Reason = "r" }, i == 250 ? [PayloadSegment.FromArray(block)] : []) { RequestId = (ulong)i })
            .ToList();

        // The receiver reads while the batch is written: the transport pushes back on a sender nobody reads.
        var receiving = Task.Run(async () =>
        {
            var messages = new List<Message>();
            for (var i = 1; i <= 501; i++)
            {
                messages.Add(await server.ReceiveAsync().AsTask().WaitAsync(Timeout));
            }

            return messages;
        });
        await client.SendManyAsync(batch).AsTask().WaitAsync(Timeout);
        await client.SendAsync(new Message(new Close { Reason = "r" }) { RequestId = 501 }).AsTask().WaitAsync(Timeout);
        var received = await receiving.WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(1, 501).Select(i => (ulong)i), received.Select(m => m.RequestId));
        Assert.Equal(block, received[249].Payload[0].AsArray<double>());
    }

    [Fact]
    public async Task SendAsync_ManyConcurrentSenders_EveryMessageArrivesWhole()
    {
        var (left, right) = Comm.CreatePair();
        await using var _ = left;
        await using var __ = right;

        var sends = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var builder = new MessageBuilder();
                var value = builder.AddValue(Enumerable.Repeat((double)(t * 1000 + i), 5000).ToArray());
                await left.SendAsync(builder.Build(new GetDataResponse { Data = [new KeyValue { Key = new Graph.Key("k"), Value = value }] }, (ulong)(t * 1000 + i)));
            }
        })).ToList();

        var seen = new HashSet<ulong>();
        for (var n = 0; n < 400; n++)
        {
            var message = await right.ReceiveAsync().AsTask().WaitAsync(Timeout);
            var data = (double[])message.ReadValue(((GetDataResponse)message.Body).Data[0].Value)!;
            Assert.All(data, d => Assert.Equal(message.RequestId, (ulong)d));
            Assert.True(seen.Add(message.RequestId));
        }

        await Task.WhenAll(sends);
    }

    [Fact]
    public async Task ReceiveAsync_PeerClosed_ThrowsCommClosed()
    {
        var (left, right) = Comm.CreatePair();
        await using var _ = right;

        await left.CloseAsync();

        await Assert.ThrowsAsync<CommClosedException>(async () => await right.ReceiveAsync().AsTask().WaitAsync(Timeout));
        await Assert.ThrowsAsync<CommClosedException>(async () => await left.SendAsync(new Message(new Close { Reason = "r" })));
    }

    [Fact]
    public async Task ReceiveAsync_Cancelled_LosesNoMessage()
    {
        var (left, right) = Comm.CreatePair();
        await using var _ = left;
        await using var __ = right;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await right.ReceiveAsync(cancel.Token));
        await left.SendAsync(new Message(new Close { Reason = "r" }) { RequestId = 5 });

        Assert.Equal(5UL, (await right.ReceiveAsync().AsTask().WaitAsync(Timeout)).RequestId);
        Assert.False(right.IsClosed);
    }

    [Fact]
    public async Task ReceiveAsync_OversizedFrameOverTcp_ClosesOnlyThatConnectionAndLogsReason()
    {
        var logger = new ListLogger();
        var options = new CommOptions { Logger = logger, Limits = new FrameLimits { MaxFrameBytes = 1024 * 1024 } };
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", options);
        await using var bad = await Comm.ConnectAsync(listener.Address, CommOptions.Default);
        await using var badServer = await listener.AcceptAsync().AsTask().WaitAsync(Timeout);
        await using var good = await Comm.ConnectAsync(listener.Address, CommOptions.Default);
        await using var goodServer = await listener.AcceptAsync().AsTask().WaitAsync(Timeout);

        try
        {
            await bad.SendAsync(new Message(new Close { Reason = "r" }, [PayloadSegment.FromArray(new double[300_000])]));
        }
        catch (CommClosedException)
        {
            // The server may close the connection before the whole oversized frame is written.
        }

        await good.SendAsync(new Message(new Close { Reason = "r" }) { RequestId = 7 });

        var error = await Assert.ThrowsAsync<ProtocolException>(async () => await badServer.ReceiveAsync().AsTask().WaitAsync(Timeout));
        Assert.Contains("1048576-byte limit", error.Message);
        Assert.True(badServer.IsClosed);
        Assert.True(await logger.WaitForAsync("1048576-byte limit", Timeout));
        Assert.Equal(7UL, (await goodServer.ReceiveAsync().AsTask().WaitAsync(Timeout)).RequestId);
        await using var later = await Comm.ConnectAsync(listener.Address, CommOptions.Default);
        Assert.False(later.IsClosed);
    }

    [Fact]
    public async Task ConnectAsync_NoListener_ThrowsIOExceptionNamingAddress()
    {
        var port = LoopbackPorts.Unused();

        var error = await Assert.ThrowsAnyAsync<IOException>(() => Comm.ConnectAsync($"tcp://127.0.0.1:{port}", CommOptions.Default));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task AcceptAsync_StoppedListener_ThrowsCommClosed()
    {
        var listener = await Listener.ListenAsync("inproc://", CommOptions.Default);

        await listener.StopAsync();

        await Assert.ThrowsAsync<CommClosedException>(async () => await listener.AcceptAsync());
        await Assert.ThrowsAsync<IOException>(() => Comm.ConnectAsync(listener.Address, CommOptions.Default));
    }

    [Fact]
    public async Task SendAsync_64MiBBlockOverLoopback_ArrivesIntactAndReportsThroughput()
    {
        NDArrayCodec.Register();
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", CommOptions.Default);
        var accepting = listener.AcceptAsync().AsTask();
        await using var client = await Comm.ConnectAsync(listener.Address, CommOptions.Default);
        await using var server = await accepting.WaitAsync(Timeout);
        var data = new double[8 * 1024 * 1024];
        for (var i = 0; i < data.Length; i += 4096)
        {
            data[i] = i;
        }

        var block = NDArray.FromArray(data, 2048, 4096);
        var rounds = new List<TimeSpan>();
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            var receiving = server.ReceiveAsync().AsTask();
            await client.SendAsync(DataResponse(("block", block)));
            var received = await receiving.WaitAsync(TimeSpan.FromSeconds(60));
            var decoded = Assert.IsType<NDArray<double>>(received.ReadValue(((GetDataResponse)received.Body).Data[0].Value));
            clock.Stop();
            rounds.Add(clock.Elapsed);

            Assert.Equal(block.Shape.ToArray(), decoded.Shape.ToArray());
            Assert.NotSame(block.Data, decoded.Data);
            Assert.True(block.Data.AsSpan().SequenceEqual(decoded.Data));
        }

        var mib = data.Length * sizeof(double) / (1024.0 * 1024.0);
        var best = rounds.Min();
        output.WriteLine(
            $"64 MiB block over loopback TCP, send to decoded block: rounds {string.Join(", ", rounds.Select(r => $"{r.TotalMilliseconds:0} ms"))}; "
            + $"best {best.TotalMilliseconds:0.0} ms = {mib / best.TotalSeconds:0} MiB/s");
    }

    private static Message DataResponse(params (string Key, object? Value)[] items)
    {
        var builder = new MessageBuilder();
        var data = items.Select(item => new KeyValue { Key = new Graph.Key(item.Key), Value = builder.AddValue(item.Value) }).ToArray();
        return builder.Build(new GetDataResponse { Data = data });
    }
}
