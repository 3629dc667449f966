using System.Globalization;
using System.Net;
using System.Text.Json;
using MiniDask.Graph;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Dashboard.Tests;

/// <summary>The dashboard's JSON endpoints and /metrics read while a real cluster computes.</summary>
public sealed class DashboardApiTests(DashboardClusterFixture fixture) : IClassFixture<DashboardClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Endpoints_WhileComputing_ShowTheTasksRunning()
    {
        var (graph, total) = DashboardTestOps.Graph("running", n: 12, milliseconds: 150);
        var compute = fixture.Client.GetAsync(graph, [total], new ComputeOptions { Optimize = false });

        // While it runs: a group of this graph with tasks processing, and the same in /metrics.
        var seenProcessing = false;
        var metricsProcessing = 0.0;
        while (!compute.IsCompleted && !(seenProcessing && metricsProcessing > 0))
        {
            var groups = await fixture.GetJsonAsync("/api/v1/task-groups");
            seenProcessing |= groups.EnumerateArray().Any(g => g.GetProperty("name").GetString()!.EndsWith("-running", StringComparison.Ordinal) && g.GetProperty("processing").GetInt32() > 0);
            metricsProcessing = Math.Max(metricsProcessing, Metric(await fixture.Http.GetStringAsync("/metrics"), "dask_scheduler_tasks{state=\"processing\"}"));
        }

        Assert.True(seenProcessing, "no task group of the computation was seen processing before it finished");
        Assert.True(metricsProcessing > 0, "/metrics never showed a processing task while the computation ran");
        Assert.Equal(DashboardTestOps.Expected(12), (long)(await compute.WaitAsync(Patience))[0]!);

        // Every task that ran is in the task stream once, on a worker thread that exists, for at least its sleep.
        var ran = fixture.Cluster.Scheduler.Inspect(s => s.TransitionLog
            .Where(r => r.Start == SchedulerTaskState.Processing && r.Finish == SchedulerTaskState.Memory && r.Key.Name.EndsWith("-running", StringComparison.Ordinal))
            .Select(r => r.Key.ToString())
            .ToList());
        Assert.Equal(25, ran.Count);
        var stream = await fixture.GetJsonAsync("/api/v1/task-stream?since=0");
        var computes = stream.GetProperty("records").EnumerateArray()
            .Where(r => r.GetProperty("action").GetString() == "compute" && r.GetProperty("group").GetString()!.EndsWith("-running", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(ran.Order(StringComparer.Ordinal), computes.Select(r => r.GetProperty("key").GetString()!).Order(StringComparer.Ordinal));
        var workers = fixture.Cluster.Scheduler.Workers.Keys.ToHashSet();
        foreach (var r in computes)
        {
            Assert.Contains(r.GetProperty("worker").GetString()!, workers);
            Assert.InRange(r.GetProperty("thread").GetInt32(), 0, 1);
            var seconds = r.GetProperty("stop").GetDouble() - r.GetProperty("start").GetDouble();
            if (!r.GetProperty("group").GetString()!.StartsWith("total-", StringComparison.Ordinal))
            {
                Assert.True(seconds >= 0.149, $"{r.GetProperty("key")} lasted {seconds} s in the task stream but sleeps 0.15 s");
            }
        }

        // The client reads the same stream, and /metrics counts every task's duration.
        var fromClient = await fixture.Client.GetTaskStreamAsync();
        Assert.Equal(ran.Order(StringComparer.Ordinal), fromClient.Where(r => r.Action == "compute" && r.Group.EndsWith("-running", StringComparison.Ordinal)).Select(r => r.Key).Order(StringComparer.Ordinal));
        var metrics = await fixture.Http.GetStringAsync("/metrics");
        Assert.True(Metric(metrics, "dask_scheduler_task_duration_seconds_count") >= 25);
        Assert.Equal(2, Metric(metrics, "dask_scheduler_workers"));
        Assert.Equal(4, Metric(metrics, "dask_scheduler_threads"));
        Assert.Equal(Metric(metrics, "dask_scheduler_task_duration_seconds_count"), Metric(metrics, "dask_scheduler_task_duration_seconds_bucket{le=\"+Inf\"}"));

        // Groups keep their finished counts once the results are released: 100%.
        var finished = (await fixture.GetJsonAsync("/api/v1/task-groups")).EnumerateArray()
            .Where(g => g.GetProperty("name").GetString()!.EndsWith("-running", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, finished.Count);
        Assert.All(finished, g => Assert.Equal(100.0, g.GetProperty("percent").GetDouble()));
        Assert.Equal(25, finished.Sum(g => g.GetProperty("finished").GetInt32()));
    }

    [Fact]
    public async Task Workers_WhileAResultIsHeld_MatchTheLastHeartbeat()
    {
        DashboardTestOps.EnsureRegistered();
        var held = await fixture.Client.SubmitAsync(DashboardTestOps.Load, 0, 7L);
        var block = (long[])(await fixture.Client.GatherAsync([held]))[0]!;
        Assert.Equal(7, block[0]);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            // A snapshot between two reads of the same heartbeat must show exactly what it said.
            var before = fixture.Cluster.Scheduler.Workers;
            var shown = (await fixture.GetJsonAsync("/api/v1/workers")).EnumerateArray().ToDictionary(w => w.GetProperty("address").GetString()!);
            var after = fixture.Cluster.Scheduler.Workers;
            var steady = before.Keys.All(a => after.TryGetValue(a, out var w) && w.Heartbeats == before[a].Heartbeats);

            // Process memory comes in the workers' diagnostics reports, which travel beside the heartbeats.
            var measured = shown.Values.All(w => w.GetProperty("processMemory").GetInt64() > 0);
            if (steady && measured && after.Values.Any(w => w.MemoryBytes >= 800_000))
            {
                Assert.Equal(after.Keys.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
                foreach (var (address, info) in after)
                {
                    Assert.Equal(info.MemoryBytes, shown[address].GetProperty("managed").GetInt64());
                    Assert.Equal(info.SpilledBytes, shown[address].GetProperty("spilled").GetInt64());
                    Assert.Equal(info.NThreads, shown[address].GetProperty("threads").GetInt32());
                }

                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "no heartbeat reported the held result, or a worker sent no diagnostics report, within a minute");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Story_OfAKeyThatRan_TellsItsTransitions()
    {
        var (graph, total) = DashboardTestOps.Graph("story", n: 2, milliseconds: 1);
        await fixture.Client.GetAsync(graph, [total], new ComputeOptions { Optimize = false });
        var key = new Key("load-story", 1).ToString();
        var story = (await fixture.GetJsonAsync("/api/v1/story/" + Uri.EscapeDataString(key))).EnumerateArray().ToList();
        Assert.Contains(story, s => s.GetProperty("start").GetString() == "processing" && s.GetProperty("finish").GetString() == "memory"
            && fixture.Cluster.Scheduler.Workers.ContainsKey(s.GetProperty("worker").GetString()!));
        Assert.All(story, s => Assert.Equal(key, s.GetProperty("key").GetString()));
        Assert.Empty((await fixture.GetJsonAsync("/api/v1/story/" + Uri.EscapeDataString("('never-ran', 0)"))).EnumerateArray());
    }

    [Fact]
    public async Task Logs_OfTheScheduler_SayWhichWorkersJoined()
    {
        var lines = (await fixture.GetJsonAsync("/api/v1/logs")).EnumerateArray().Select(l => l.GetString()!).ToList();
        foreach (var worker in fixture.Cluster.Scheduler.Workers.Keys)
        {
            Assert.Contains(lines, l => l.Contains($"Worker {worker}", StringComparison.Ordinal) && l.Contains("joined", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Dashboard_WithAClusterToken_RefusesRequestsWithoutIt()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(fixture.BaseAddress) };
        var refused = await anonymous.GetAsync("/api/v1/workers");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("token", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/status?token=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);

        var withQuery = await anonymous.GetAsync("/status?token=" + fixture.Token);
        Assert.Equal(HttpStatusCode.OK, withQuery.StatusCode);
        var cookie = Assert.Single(withQuery.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{TokenGate.CookieName}={fixture.Token}", cookie, StringComparison.Ordinal);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/v1/workers") { Headers = { { "Cookie", $"{TokenGate.CookieName}={fixture.Token}" } } };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(withCookie)).StatusCode);
        using var withBearer = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "Authorization", "Bearer " + fixture.Token } } };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(withBearer)).StatusCode);
    }

    [Fact]
    public void DashboardLink_OfClientAndCluster_IsTheLoopbackStatusPageWithTheToken()
    {
        var link = fixture.Cluster.DashboardLink;
        Assert.NotNull(link);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/status\?token=", link);
        Assert.EndsWith(fixture.Token, link, StringComparison.Ordinal);
        Assert.Equal(link, fixture.Client.DashboardLink);
    }

    [Fact]
    public async Task PerformanceReport_AroundACompute_WritesItsTasksToHtml()
    {
        var path = Path.Combine(Path.GetTempPath(), $"minidask-report-{Guid.NewGuid():N}.html");
        try
        {
            var (graph, total) = DashboardTestOps.Graph("report", n: 4, milliseconds: 20);
            var report = fixture.Client.PerformanceReport(path);
            await using (report)
            {
                Assert.Equal(DashboardTestOps.Expected(4), (long)(await fixture.Client.GetAsync(graph, [total], new ComputeOptions { Optimize = false }))[0]!);
            }

            var computes = report.Data!.TaskStream.Where(r => r.Action == "compute" && r.Group.EndsWith("-report", StringComparison.Ordinal)).ToList();
            Assert.Equal(9, computes.Count);
            Assert.All(computes, r => Assert.InRange(r.Start, report.Data.Start, report.Data.Stop));
            var html = await File.ReadAllTextAsync(path);
            Assert.Contains("<svg id=\"task-stream\">", html, StringComparison.Ordinal);
            Assert.Contains("MiniDaskPlots.report(", html, StringComparison.Ordinal);
            Assert.Contains("load-report", html, StringComparison.Ordinal);
            Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The value of the sample <paramref name="series"/> (name with labels) in Prometheus text.</summary>
    private static double Metric(string text, string series)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"/metrics has no sample {series}:\n{text}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
