using MiniDask.Graph;

namespace MiniDask.Protocol.Tests;

public sealed class PeerPoolTests
{
    [Fact]
    public async Task GetDataAsync_PeerThatNeverAnswers_FailsAsUnreachableAfterTheTimeout()
    {
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", CommOptions.Default);
        var silent = listener.AcceptAsync().AsTask();
        await using var pool = new PeerPool(CommOptions.Default, requestTimeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<IOException>(() =>
            pool.GetDataAsync(listener.Address, [new Key("x", 0)], "tester", CancellationToken.None));

        Assert.Contains(listener.Address, error.Message);
        Assert.Contains("did not answer", error.Message);
        await using var server = await silent.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task GetDataAsync_CallerCancels_ThrowsOperationCanceledNotUnreachable()
    {
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", CommOptions.Default);
        var silent = listener.AcceptAsync().AsTask();
        await using var pool = new PeerPool(CommOptions.Default, requestTimeout: TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            pool.GetDataAsync(listener.Address, [new Key("x", 0)], "tester", cancel.Token));

        await using var server = await silent.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
