using System.Net.Http.Json;
using System.Text.Json;
using MiniDask.Graph;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Diagnostics;

namespace MiniDask.Dashboard.Tests;

/// <summary>The local scheduler's dashboard, Profiler, ResourceProfiler and performance report.</summary>
public sealed class LocalDiagnosticsTests
{
    [Fact]
    public async Task LocalScheduler_WithDashboard_ServesTheGroupsAndStreamOfItsComputes()
    {
        using var scheduler = new LocalScheduler(2, dashboard: true, dashboardAddress: "127.0.0.1:0");
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/status$", scheduler.DashboardLink);
        var (graph, total) = DashboardTestOps.Graph("local", n: 6, milliseconds: 1);
        Assert.Equal(DashboardTestOps.Expected(6), (long)scheduler.Get(graph, [total], new ComputeOptions { Optimize = false })[0]!);

        using var http = new HttpClient { BaseAddress = new Uri(scheduler.DashboardLink!.Replace("/status", "", StringComparison.Ordinal)) };
        var groups = (await http.GetFromJsonAsync<JsonElement>("/api/v1/task-groups")).EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!);
        Assert.Equal(["inc-local", "load-local", "total-local"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(6, groups["load-local"].GetProperty("finished").GetInt32());
        Assert.All(groups.Values, g => Assert.Equal(100.0, g.GetProperty("percent").GetDouble()));
        Assert.Equal(["load-local"], groups["inc-local"].GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()));

        var records = (await http.GetFromJsonAsync<JsonElement>("/api/v1/task-stream")).GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(graph.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal), records.Select(r => r.GetProperty("key").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.InRange(r.GetProperty("thread").GetInt32(), 0, 1));
        var worker = Assert.Single((await http.GetFromJsonAsync<JsonElement>("/api/v1/workers")).EnumerateArray());
        Assert.Equal(2, worker.GetProperty("threads").GetInt32());
        Assert.Contains("dask_scheduler_task_duration_seconds_count 13", await http.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public void Profiler_AroundALocalCompute_RecordsEveryTaskOnce()
    {
        using var scheduler = new LocalScheduler(2);
        var (graph, total) = DashboardTestOps.Graph("profiled", n: 5, milliseconds: 10);
        using var profiler = new Profiler();
        scheduler.Get(graph, [total], new ComputeOptions { Optimize = false });
        profiler.Dispose();
        scheduler.Get(graph, [total], new ComputeOptions { Optimize = false });

        var records = profiler.Results;
        Assert.Equal(graph.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal), records.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(records.Where(r => r.Group != "total-profiled"), r => Assert.True(r.Duration >= 0.0099, $"{r.Key} lasted {r.Duration} s but sleeps 10 ms"));
        Assert.All(records, r => Assert.Equal("compute", r.Action));

        // Dependencies finish before their dependents start.
        var byKey = records.ToDictionary(r => r.Key);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(byKey[new Key("load-profiled", i).ToString()].Stop <= byKey[new Key("inc-profiled", i).ToString()].Start);
        }
    }

    [Fact]
    public void Visualize_ProfilerAndResourceProfiler_WritesOneSelfContainedHtml()
    {
        var path = Path.Combine(Path.GetTempPath(), $"minidask-profile-{Guid.NewGuid():N}.html");
        try
        {
            using var scheduler = new LocalScheduler(2);
            var (graph, total) = DashboardTestOps.Graph("visualized", n: 3, milliseconds: 30);
            using var profiler = new Profiler();
            using var resources = new ResourceProfiler(TimeSpan.FromMilliseconds(20));
            scheduler.Get(graph, [total], new ComputeOptions { Optimize = false });
            resources.Dispose();
            Assert.True(resources.Results.Count >= 2);
            Assert.All(resources.Results, s => Assert.True(s.Memory > 0));

            Assert.Equal(Path.GetFullPath(path), profiler.Visualize(path, resources));
            var html = File.ReadAllText(path);
            Assert.Contains("<svg id=\"task-stream\">", html, StringComparison.Ordinal);
            Assert.Contains("<svg id=\"resources\">", html, StringComparison.Ordinal);
            Assert.Contains("load-visualized", html, StringComparison.Ordinal);
            Assert.Contains("function taskStream", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PerformanceReport_OfTheLocalScheduler_HoldsTheTasksOfItsBlockOnly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"minidask-local-report-{Guid.NewGuid():N}.html");
        try
        {
            using var scheduler = new LocalScheduler(2);
            var (before, beforeTotal) = DashboardTestOps.Graph("before-report", n: 2, milliseconds: 1);
            scheduler.Get(before, [beforeTotal], new ComputeOptions { Optimize = false });
            var (graph, total) = DashboardTestOps.Graph("in-report", n: 3, milliseconds: 1);
            var report = LocalScheduler.PerformanceReport(path);
            using (report)
            {
                scheduler.Get(graph, [total], new ComputeOptions { Optimize = false });
            }

            Assert.Equal(graph.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal), report.Data!.TaskStream.Select(r => r.Key).Order(StringComparer.Ordinal));
            Assert.NotEmpty(report.Data.Resources);
            Assert.Contains("in-report", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
