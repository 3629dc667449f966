using System.Net.Sockets;
using MiniDask.Testing;

namespace MiniDask.Protocol.Tests;

/// <summary>What a listener takes in: unauthenticated connections capped and shed oldest first, connections per host, the descriptor limit.</summary>
public class ListenerLimitsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Listener_MorePendingConnectionsThanTheCap_ShedsTheOldestFirstAndStillAccepts()
    {
        var logger = new ListLogger();
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", new CommOptions { Logger = logger, MaxPendingConnections = 2 });
        var address = CommAddress.Parse(listener.Address);
        using var first = await ConnectRawAsync(address);
        using var second = await ConnectRawAsync(address);
        using var third = await ConnectRawAsync(address);

        // The first (oldest) is closed by the listener; the two newer ones stay open.
        Assert.Equal(0, await first.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(Timeout));
        Assert.True(await logger.WaitForAsync("shedding connections: more than 2 wait for their handshake", Timeout));
        var thirdRead = third.GetStream().ReadAsync(new byte[16]).AsTask();

        // A real peer still gets in; making room for it sheds the next oldest, never the newest.
        await using var comm = await Comm.ConnectAsync(listener.Address, CommOptions.Default).WaitAsync(Timeout);
        await using var accepted = await listener.AcceptAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(0, await second.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(Timeout));
        Assert.False(thirdRead.IsCompleted);
        Assert.Single(logger.Entries, e => e.Message.Contains("is shedding", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listener_ConnectionsPerHostLimit_RefusesTheExtraUntilOneCloses()
    {
        var logger = new ListLogger();
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", new CommOptions { Logger = logger, MaxConnectionsPerHost = 1 });
        var first = await Comm.ConnectAsync(listener.Address, CommOptions.Default).WaitAsync(Timeout);
        var accepted = await listener.AcceptAsync().AsTask().WaitAsync(Timeout);

        await Assert.ThrowsAnyAsync<IOException>(() => Comm.ConnectAsync(listener.Address, CommOptions.Default).WaitAsync(Timeout));
        Assert.True(await logger.WaitForAsync("127.0.0.1 already has 1 connections (the limit per host is 1)", Timeout));

        await first.CloseAsync();
        await accepted.CloseAsync();
        await using var again = await Comm.ConnectAsync(listener.Address, CommOptions.Default).WaitAsync(Timeout);
        await using var acceptedAgain = await listener.AcceptAsync().AsTask().WaitAsync(Timeout);
        Assert.False(acceptedAgain.IsClosed);
    }

    [Theory]
    [InlineData(256, 4096L, 0, 256)]
    [InlineData(256, 1024L, 0, 224)]
    [InlineData(256, 1024L, 180, 179)]
    [InlineData(256, 256L, 80, 12)]
    [InlineData(256, 256L, 200, 1)]
    [InlineData(256, 2L, 0, 1)]
    [InlineData(256, null, 100, 256)]
    public void EffectiveMaxPending_DescriptorLimit_CapsAtAQuarterOfWhatIsFreeBeyondTheReserve(int configured, long? limit, int open, int expected) =>
        Assert.Equal(expected, AdmissionControl.EffectiveMaxPending(configured, limit, open));

    [Fact]
    public void FileDescriptorLimit_ProcLimitsText_ReadsTheSoftLimit()
    {
        string[] lines =
        [
            "Limit                     Soft Limit           Hard Limit           Units     ",
            "Max processes             63704                63704                processes ",
            "Max open files            256                  4096                 files     ",
        ];

        Assert.Equal(256, FileDescriptorLimit.Parse(lines));
        Assert.Null(FileDescriptorLimit.Parse(["Max open files            unlimited            unlimited            files"]));
    }

    private static async Task<TcpClient> ConnectRawAsync(CommAddress address)
    {
        var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        return client;
    }
}
