using MiniDask.Protocol.Messages;
using MiniDask.Protocol.Tests.TestSupport;
using MiniDask.Testing;

namespace MiniDask.Protocol.Tests;

public class HandshakeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Transports() => new() { "inproc://", "tcp://127.0.0.1:0" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ConnectAsync_WrongToken_RefusedWithReasonSentAndLogged(string address)
    {
        var logger = new ListLogger();
        await using var listener = await Listener.ListenAsync(address, new CommOptions { Token = "s3cret", Logger = logger, Role = PeerRole.Scheduler });

        var error = await Assert.ThrowsAsync<HandshakeException>(() => Comm.ConnectAsync(listener.Address, new CommOptions { Token = "guess" }));

        Assert.Contains("wrong token", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.True(await logger.WaitForAsync("wrong token", Timeout));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ConnectAsync_MissingToken_RefusedSayingTokenRequired(string address)
    {
        await using var listener = await Listener.ListenAsync(address, new CommOptions { Token = "s3cret" });

        var error = await Assert.ThrowsAsync<HandshakeException>(() => Comm.ConnectAsync(listener.Address, CommOptions.Default));

        Assert.Contains("token is required", error.Message);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ConnectAsync_WrongVersion_RefusedNamingBothVersions(string address)
    {
        var logger = new ListLogger();
        await using var listener = await Listener.ListenAsync(address, new CommOptions { Logger = logger });

        var error = await Assert.ThrowsAsync<HandshakeException>(() => Comm.ConnectAsync(listener.Address, new CommOptions { Version = 99 }));

        Assert.Contains("version 99", error.Message);
        Assert.Contains($"version {ProtocolVersion.Current}", error.Message);
        Assert.True(await logger.WaitForAsync("version 99", Timeout));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ConnectAsync_RightToken_Accepted(string address)
    {
        await using var listener = await Listener.ListenAsync(address, new CommOptions { Token = "s3cret" });
        var accepting = listener.AcceptAsync().AsTask();

        await using var client = await Comm.ConnectAsync(listener.Address, new CommOptions { Token = "s3cret", Name = "ok" });
        await using var server = await accepting.WaitAsync(Timeout);

        Assert.Equal("ok", server.Peer.Name);
    }

    [Fact]
    public async Task AcceptAsync_FirstMessageNotHandshake_RefusesAndKeepsListening()
    {
        var logger = new ListLogger();
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", new CommOptions { Logger = logger });
        var address = CommAddress.Parse(listener.Address);
        using (var raw = new System.Net.Sockets.TcpClient())
        {
            await raw.ConnectAsync(address.Host, address.Port);
            var stream = raw.GetStream();
            await FrameCodec.WriteAsync(stream, new Message(new Heartbeat()), FrameLimits.Default);
            var reply = await FrameCodec.ReadAsync(stream, FrameLimits.Default).AsTask().WaitAsync(Timeout);

            var refusal = Assert.IsType<HandshakeReply>(reply!.Body);
            Assert.False(refusal.Accepted);
            Assert.Contains("must be a Handshake", refusal.Reason);
        }

        var accepting = listener.AcceptAsync().AsTask();
        await using var client = await Comm.ConnectAsync(listener.Address, CommOptions.Default);
        await using var server = await accepting.WaitAsync(Timeout);
        Assert.True(logger.Contains("must be a Handshake"));
    }

    [Fact]
    public async Task AcceptAsync_SilentPeer_DroppedAfterHandshakeTimeout()
    {
        var logger = new ListLogger();
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", new CommOptions { Logger = logger, HandshakeTimeout = TimeSpan.FromMilliseconds(200) });
        var address = CommAddress.Parse(listener.Address);
        using var raw = new System.Net.Sockets.TcpClient();
        await raw.ConnectAsync(address.Host, address.Port);

        var read = await raw.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(Timeout);

        Assert.Equal(0, read);
        Assert.True(await logger.WaitForAsync("no handshake within", Timeout));
    }
}
