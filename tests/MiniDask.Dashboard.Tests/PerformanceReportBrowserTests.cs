namespace MiniDask.Dashboard.Tests;

/// <summary>The seed demo's performance report, opened offline in headless chromium.</summary>
public sealed class PerformanceReportBrowserTests
{
    [ChromiumFact]
    public async Task DemoPerformanceReport_InChromium_ShowsItsPlots()
    {
        var path = Path.Combine(HeadlessChromium.ScreenshotDirectory, "demo-report.html");
        var demo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "minidask.dll"), "demo", "--size", "2000", "--chunks", "500", "--threads", "2", "--performance-report", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await demo.StandardOutput.ReadToEndAsync();
        var errors = await demo.StandardError.ReadToEndAsync();
        await demo.WaitForExitAsync();
        Assert.True(demo.ExitCode == 0, $"minidask demo exited with {demo.ExitCode}:\n{output}\n{errors}");
        Assert.Contains($"performance report: {path}", output, StringComparison.Ordinal);

        await using var chromium = await HeadlessChromium.StartAsync();
        var page = chromium.Page;
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.body.dataset.rendered === 'true'");

        // Every task computed has a bar on a thread row of the local scheduler, and the groups add up to the tasks.
        var bars = await page.EvalOnSelectorAllAsync<int>("#task-stream rect.task.compute", "bars => bars.length");
        Assert.True(bars > 0, "the report's task stream has no bars");
        var lanes = await page.EvalOnSelectorAllAsync<string[]>("#task-stream .lane-label", "labels => labels.map(l => l.textContent)");
        Assert.Equal(["local #0", "local #1"], lanes);
        var perGroup = await page.EvalOnSelectorAllAsync<int[]>("#group-durations .duration-row .progress-count", "rows => rows.map(r => parseInt(r.textContent.split(' over ')[1]))");
        Assert.Equal(bars, perGroup.Sum());
        Assert.True(perGroup.Length >= 3, $"the demo's report shows {perGroup.Length} task groups");
        Assert.Equal(2, await page.EvalOnSelectorAllAsync<int>("#resources polyline.series-line", "lines => lines.length"));
        await chromium.ScreenshotAsync("demo-report");
    }
}
