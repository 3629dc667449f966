using MiniDask.Graph;

namespace MiniDask.Dashboard.Tests;

/// <summary>The dashboard's pages in real headless chromium, while a real cluster computes.</summary>
public sealed class DashboardBrowserTests(DashboardClusterFixture fixture) : IClassFixture<DashboardClusterFixture>
{
    [ChromiumFact]
    public async Task StatusPage_DuringAComputation_UpdatesLiveUntilEveryGroupIsDone()
    {
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = chromium.Page;
        await page.GotoAsync(fixture.Cluster.DashboardLink!);

        var (graph, total) = DashboardTestOps.Graph("browser", n: 24, milliseconds: 250);
        var compute = fixture.Client.GetAsync(graph, [total], new ComputeOptions { Optimize = false });

        // Live: bars of this computation appear, then more of them come with a later update.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#task-stream rect.task[data-group$=\"-browser\"]').length >= 2");
        var first = await page.EvalOnSelectorAllAsync<int>("#task-stream rect.task[data-group$=\"-browser\"]", "bars => bars.length");
        var updates = await page.EvalOnSelectorAsync<int>("body", "b => Number(b.dataset.updates)");
        await page.WaitForFunctionAsync($"() => Number(document.body.dataset.updates) > {updates} && document.querySelectorAll('#task-stream rect.task[data-group$=\"-browser\"]').length > {first}");
        Assert.False(compute.IsCompleted && first >= 49, "the computation ended before the page could see it grow");
        await chromium.ScreenshotAsync("status-during-computation");

        // Worker rows: one memory bar and one processing bar per worker.
        var workers = fixture.Cluster.Scheduler.Workers.Keys.Order(StringComparer.Ordinal).ToList();
        var rows = await page.EvalOnSelectorAllAsync<string[]>("#memory .worker-row", "rows => rows.map(r => r.dataset.worker).sort()");
        Assert.Equal(workers, rows);
        Assert.Equal(2, await page.EvalOnSelectorAllAsync<int>("#processing .worker-row", "rows => rows.length"));

        Assert.Equal(DashboardTestOps.Expected(24), (long)(await compute.WaitAsync(TimeSpan.FromSeconds(120)))[0]!);

        // Every group of the computation reaches 100%, and every task has its bar.
        await page.WaitForFunctionAsync("""
            () => {
              const rows = [...document.querySelectorAll('#progress .progress-row[data-group$="-browser"]')];
              return rows.length === 3 && rows.every(r => r.dataset.percent === '100');
            }
            """);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#task-stream rect.task.compute[data-group$=\"-browser\"]').length === 49");
        var width = await page.EvalOnSelectorAsync<double>("#progress .progress-row[data-group=\"load-browser\"] .seg.finished", "s => s.getBoundingClientRect().width / s.parentElement.getBoundingClientRect().width");
        Assert.InRange(width, 0.99, 1.0);
        await chromium.ScreenshotAsync("status-after-computation");
    }

    [ChromiumFact]
    public async Task WorkersAndGraphPages_AfterAComputation_ShowTheWorkersAndTheGroups()
    {
        var (graph, total) = DashboardTestOps.Graph("pages", n: 4, milliseconds: 1);
        await fixture.Client.GetAsync(graph, [total], new ComputeOptions { Optimize = false });
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = chromium.Page;
        var token = "?token=" + fixture.Token;

        await page.GotoAsync(fixture.BaseAddress + "/workers" + token);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#workers-table tbody tr.worker-row').length === 2");
        var addresses = await page.EvalOnSelectorAllAsync<string[]>("#workers-table tbody tr.worker-row", "rows => rows.map(r => r.dataset.worker).sort()");
        Assert.Equal(fixture.Cluster.Scheduler.Workers.Keys.Order(StringComparer.Ordinal), addresses);
        await chromium.ScreenshotAsync("workers");

        await page.GotoAsync(fixture.BaseAddress + "/graph" + token);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#graph .group-node[data-group$=\"-pages\"]').length === 3");
        var edges = await page.EvalOnSelectorAllAsync<string[]>("#graph .group-edge[data-to$=\"-pages\"]", "edges => edges.map(e => e.dataset.from + ' -> ' + e.dataset.to).sort()");
        Assert.Equal(["inc-pages -> total-pages", "load-pages -> inc-pages"], edges);
        await chromium.ScreenshotAsync("graph");

        await page.GotoAsync(fixture.BaseAddress + "/info" + token + "&key=" + Uri.EscapeDataString(new Key("inc-pages", 2).ToString()));
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#story tbody tr')].some(r => r.textContent.includes('processing') && r.textContent.includes('memory'))");
        await page.WaitForFunctionAsync("() => document.getElementById('logs').textContent.includes('joined')");
        await chromium.ScreenshotAsync("info");
    }
}
