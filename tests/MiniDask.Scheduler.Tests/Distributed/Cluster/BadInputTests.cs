using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using MessagePack;
using Microsoft.Extensions.Logging;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>
/// A frame over the size limit, an unknown message type and a wrong protocol version each close
/// that connection with one logged line, and the scheduler keeps serving.
/// </summary>
public sealed class BadInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string> Cases() => ["oversized frame", "unknown message type", "protocol version 1"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadFrame_ClosesThatConnectionWithOneLoggedLine(string kind)
    {
        var log = new ListLogger();
        await using var scheduler = await SchedulerServer.StartAsync(
            "tcp://127.0.0.1:0", new SchedulerServerOptions { Comm = new CommOptions { Logger = log, Token = "t" } });
        var address = CommAddress.Parse(scheduler.Address);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port);
        var local = $"127.0.0.1:{((System.Net.IPEndPoint)socket.LocalEndPoint!).Port}";
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var version = kind == "protocol version 1" ? 1u : ProtocolVersion.Current;
        await FrameCodec.WriteAsync(stream, new Message(new Handshake { Version = version, Token = "t", Role = PeerRole.Client, Name = "bad" }), FrameLimits.Handshake);
        var reply = Assert.IsType<HandshakeReply>((await FrameCodec.ReadAsync(stream, FrameLimits.Handshake))!.Body);

        if (kind == "protocol version 1")
        {
            Assert.False(reply.Accepted);
            Assert.Contains("protocol version 1 is not supported", reply.Reason);
        }
        else
        {
            Assert.True(reply.Accepted);
            await stream.WriteAsync(kind == "oversized frame" ? OversizedPrefix() : UnknownType());
        }

        Assert.Equal(0, await stream.ReadAsync(new byte[64]).AsTask().WaitAsync(Timeout));
        var about = await LinesAboutAsync(log, local);
        Assert.True(about.Count == 1, $"{about.Count} lines logged about {local}: {string.Join(" | ", about)}");
        Assert.Contains(kind switch
        {
            "oversized frame" => "exceeds the 268435456-byte limit",
            "unknown message type" => "Unknown message type 4711",
            _ => "protocol version 1 is not supported",
        }, about[0]);
        await using var good = await Client.ConnectAsync(scheduler.Address, new ClientOptions { Comm = new CommOptions { Token = "t" } });
        Assert.Empty(await good.GatherAsync([]));
    }

    /// <summary>The warnings and errors logged about the connection from <paramref name="local"/>, once the log has settled.</summary>
    private static async Task<List<string>> LinesAboutAsync(ListLogger log, string local)
    {
        List<string> about = [];
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(20);
            var now = log.Entries.Where(e => e.Level >= LogLevel.Warning && e.Message.Contains(local, StringComparison.Ordinal)).Select(e => e.Message).ToList();
            if (now.Count > 0 && now.Count == about.Count)
            {
                break;
            }

            about = now;
        }

        return about;
    }

    private static byte[] OversizedPrefix()
    {
        var prefix = new byte[FrameCodec.PrefixBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, 1UL << 40);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(8), 16);
        return prefix;
    }

    private static byte[] UnknownType()
    {
        var header = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(header);
        writer.WriteArrayHeader(2);
        writer.Write(0);
        writer.WriteArrayHeader(2);
        writer.Write(4711);
        writer.WriteArrayHeader(0);
        writer.Flush();
        var frame = new byte[FrameCodec.PrefixBytes + header.WrittenCount];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, 8 + (ulong)header.WrittenCount);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), (uint)header.WrittenCount);
        header.WrittenSpan.CopyTo(frame.AsSpan(FrameCodec.PrefixBytes));
        return frame;
    }
}
