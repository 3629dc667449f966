using System.Net.Sockets;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol.Messages;
using MiniDask.Protocol.Tests.TestSupport;
using MiniDask.Testing;

namespace MiniDask.Protocol.Tests;

public class FuzzTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Listener_TwoThousandMutatedFrames_ClosesOrHandlesEachAndKeepsServing()
    {
        var logger = new ListLogger();
        var options = new CommOptions { Logger = logger, HandshakeTimeout = TimeSpan.FromSeconds(5) };
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", options);
        using var stop = new CancellationTokenSource();
        var echoed = 0;
        var broken = 0;
        var server = Task.Run(() => EchoServerAsync(listener, () => Interlocked.Increment(ref echoed), () => Interlocked.Increment(ref broken), stop.Token));

        var handshake = await Values.FrameBytesAsync(new Message(new Handshake { Version = ProtocolVersion.Current, Name = "fuzz", Role = PeerRole.Client }));
        var builder = new MessageBuilder();
        var value = builder.AddValue(new List<(string, long)> { ("a", 1), ("b", 2) });
        var data = builder.AddValue(Enumerable.Range(0, 5000).Select(i => (double)i).ToArray());
        var valid = await Values.FrameBytesAsync(builder.Build(new GetDataResponse
        {
            Data = [new KeyValue { Key = new Graph.Key("a"), Value = value }, new KeyValue { Key = new Graph.Key("b", 1, 2), Value = data }],
        }));
        var address = CommAddress.Parse(listener.Address);
        var random = new Random(8786);

        for (var i = 0; i < 2000; i++)
        {
            var inHandshake = i % 2 == 0;
            var mutated = Mutate(inHandshake ? handshake : valid, random);
            await SendAndDrainAsync(address, inHandshake ? null : handshake, mutated);
        }

        await using (var client = await Comm.ConnectAsync(listener.Address, CommOptions.Default))
        {
            await client.SendAsync(new Message(new Close { Reason = "echo" }) { RequestId = 42 });
            var reply = await client.ReceiveAsync().AsTask().WaitAsync(Timeout);
            Assert.Equal(42UL, reply.RequestId);
        }

        await stop.CancelAsync();
        await server;
        Assert.True(echoed > 0, "no mutated message was handled");
        Assert.True(broken > 0, "no mutated message was refused");
        Assert.True(logger.Contains("Refused connection"), "no refused handshake was logged");
    }

    private static byte[] Mutate(byte[] frame, Random random)
    {
        var bytes = (byte[])frame.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                var at = random.Next(Math.Min(bytes.Length, 64));
                bytes[at] = (byte)random.Next(256);
                return bytes;
            case 3:
                var inserted = new byte[random.Next(1, 32)];
                random.NextBytes(inserted);
                var position = random.Next(bytes.Length);
                return [.. bytes[..position], .. inserted, .. bytes[position..]];
            default:
                var field = random.Next(4) * 4;
                BitConverter.TryWriteBytes(bytes.AsSpan(field), random.Next());
                return bytes;
        }
    }

    private static async Task SendAndDrainAsync(CommAddress address, byte[]? handshake, byte[] mutated)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address.Host, address.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (handshake is not null)
            {
                await stream.WriteAsync(handshake);
                var reply = await FrameCodec.ReadAsync(stream, FrameLimits.Handshake).AsTask().WaitAsync(Timeout);
                Assert.True(Assert.IsType<HandshakeReply>(reply!.Body).Accepted);
            }

            await stream.WriteAsync(mutated);
            socket.Shutdown(SocketShutdown.Send);
            var sink = new byte[64 * 1024];
            while (await stream.ReadAsync(sink).AsTask().WaitAsync(Timeout) > 0)
            {
            }
        }
        catch (IOException)
        {
            // The server reset the connection: that is closing it too.
        }
    }

    private static async Task EchoServerAsync(Listener listener, Action handled, Action refused, CancellationToken stop)
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                var comm = await listener.AcceptAsync(stop);
                sessions.Add(Task.Run(async () =>
                {
                    await using var _ = comm;
                    try
                    {
                        while (true)
                        {
                            var message = await comm.ReceiveAsync(stop);
                            foreach (var item in (message.Body as GetDataResponse)?.Data ?? [])
                            {
                                message.ReadValue(item.Value);
                            }

                            handled();
                            await comm.SendAsync(message, stop);
                        }
                    }
                    catch (ProtocolException)
                    {
                        refused();
                    }
                    catch (Exception e) when (e is CommClosedException or OperationCanceledException)
                    {
                    }
                }));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(sessions);
    }
}
