using System.Net;

namespace MiniDask.Dashboard.Tests;

public sealed class DashboardAddressTests
{
    [Theory]
    [InlineData(":8787", "127.0.0.1", 8787)]
    [InlineData("8787", "127.0.0.1", 8787)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("0.0.0.0:8787", "0.0.0.0", 8787)]
    [InlineData("localhost:9000", "127.0.0.1", 9000)]
    [InlineData("http://10.1.2.3:8787/", "10.1.2.3", 8787)]
    [InlineData("[::1]:8787", "::1", 8787)]
    public void Parse_KnownForms_GiveHostAndPort(string text, string host, int port)
    {
        var address = DashboardAddress.Parse(text);
        Assert.Equal(IPAddress.Parse(host), address.Host);
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("", "no valid port")]
    [InlineData("127.0.0.1:99999", "no valid port")]
    [InlineData("127.0.0.1:http", "no valid port")]
    [InlineData("example.com:8787", "not an IP address")]
    public void Parse_BadAddress_SaysWhatIsWrong(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => DashboardAddress.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PortTaken_ServesOnAnotherPort()
    {
        var host = new WebDashboardHost();
        await using var first = await host.StartAsync(new EmptyView(), new() { Address = "127.0.0.1:0" });
        var taken = new Uri(first.Address).Port;
        await using var second = await host.StartAsync(new EmptyView(), new() { Address = $"127.0.0.1:{taken}" });
        Assert.NotEqual(taken, new Uri(second.Address).Port);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(second.Address + "/api/v1/workers")).StatusCode);
    }

    private sealed class EmptyView : MiniDask.Scheduler.Diagnostics.IClusterView
    {
        public string Kind => "local";

        public string SchedulerAddress => "local";

        public IReadOnlyList<MiniDask.Scheduler.Diagnostics.WorkerSnapshot> Workers() => [];

        public IReadOnlyList<MiniDask.Scheduler.Diagnostics.TaskGroupSnapshot> TaskGroups() => [];

        public MiniDask.Scheduler.Diagnostics.TaskStreamPage TaskStream(long cursor, int limit) => new([], 0);

        public IReadOnlyList<MiniDask.Scheduler.Diagnostics.StoryEntry> Story(string key) => [];

        public IReadOnlyList<string> Logs(string? source) => [];

        public IReadOnlyList<MiniDask.Scheduler.Diagnostics.MemorySample> MemoryHistory(double since) => [];

        public MiniDask.Scheduler.Diagnostics.ClusterMetrics Metrics() => new(new Dictionary<string, int>(), 0, 0, 0, 0, 0, 0, 0, [], [], 0, 0);
    }
}
