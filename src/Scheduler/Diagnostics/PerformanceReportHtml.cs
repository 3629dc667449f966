using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MiniDask.Scheduler.Diagnostics;

/// <summary>What a performance report shows.</summary>
/// <param name="Title">The report's title.</param>
/// <param name="Start">When the measured block began, Unix seconds.</param>
/// <param name="Stop">When it ended, Unix seconds.</param>
/// <param name="TaskStream">The tasks, transfers and spills in that span.</param>
/// <param name="Memory">Worker memory samples in that span.</param>
/// <param name="Resources">Process CPU and memory samples (a <see cref="ResourceProfiler"/>'s); may be empty.</param>
public sealed record PerformanceReportData(
    string Title, double Start, double Stop, IReadOnlyList<TaskStreamRecord> TaskStream, IReadOnlyList<MemorySample> Memory, IReadOnlyList<ResourceSample> Resources);

/// <summary>
/// Renders diagnostics as one self-contained HTML file, as Dask's <c>performance_report</c>: the
/// plotting script and the data are inline, so the file opens offline. The dashboard serves the
/// same script, so its plots and a report's look alike.
/// </summary>
public static class PerformanceReportHtml
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(PerformanceReportHtml).Assembly.GetManifestResourceStream("MiniDask.Scheduler.Diagnostics.plots.js")
            ?? throw new InvalidOperationException("The plotting script is missing from MiniDask.Scheduler.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The plotting script (<c>MiniDaskPlots</c>) shared by reports and the dashboard.</summary>
    public static string PlotScript => Script.Value;

    /// <summary>The task groups of <paramref name="records"/>: computes and their summed durations per key name, by first start.</summary>
    public static IReadOnlyList<TaskGroupSnapshot> Groups(IEnumerable<TaskStreamRecord> records) =>
        [.. (records ?? throw new ArgumentNullException(nameof(records)))
            .Where(r => r.Action == "compute")
            .GroupBy(r => r.Group, StringComparer.Ordinal)
            .OrderBy(g => g.Min(r => r.Start))
            .Select(g => new TaskGroupSnapshot(g.Key, "") { Finished = g.Count(), Duration = g.Sum(r => r.Duration) })];

    /// <summary>The report as an HTML document.</summary>
    public static string Render(PerformanceReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var computes = data.TaskStream.Count(r => r.Action == "compute");
        var transfers = data.TaskStream.Where(r => r.Action == "transfer").ToList();
        var workers = data.TaskStream.Select(r => r.Worker).Distinct(StringComparer.Ordinal).Count();
        var payload = JsonSerializer.Serialize(new
        {
            title = data.Title,
            start = data.Start,
            stop = data.Stop,
            taskStream = data.TaskStream,
            memory = data.Memory,
            resources = data.Resources,
            groups = Groups(data.TaskStream),
        }, Json).Replace("</", "<\\/", StringComparison.Ordinal);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(data.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<h1>")
            .Append(WebUtility.HtmlEncode(data.Title)).Append("</h1>\n<p class=\"summary\">")
            .Append(CultureInfo.InvariantCulture, $"{DateTimeOffset.FromUnixTimeMilliseconds((long)(data.Start * 1000)):u}, ")
            .Append(CultureInfo.InvariantCulture, $"{data.Stop - data.Start:0.###} s: {computes} tasks on {workers} worker(s), {transfers.Count} transfers ({transfers.Sum(t => t.NBytes)} bytes)")
            .Append("</p>\n");
        Section(html, "Task stream", "<svg id=\"task-stream\"></svg>");
        Section(html, "Time per task group", "<div id=\"group-durations\"></div>");
        Section(html, "Transfers", "<div id=\"transfers\"></div>");
        if (data.Memory.Count > 0)
        {
            Section(html, "Worker memory over time", "<svg id=\"memory-over-time\"></svg>");
        }

        if (data.Resources.Count > 0)
        {
            Section(html, "CPU and memory of this process", "<svg id=\"resources\"></svg>");
        }

        html.Append("<script>\n").Append(PlotScript.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("\n</script>\n<script>\nMiniDaskPlots.report(")
            .Append(payload).Append(");\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report to <paramref name="path"/>.</summary>
    public static void Write(string path, PerformanceReportData data)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, Render(data));
    }

    private static void Section(StringBuilder html, string heading, string body) =>
        html.Append("<section>\n<h2>").Append(heading).Append("</h2>\n").Append(body).Append("\n</section>\n");

    private const string Style = """
        body { font-family: sans-serif; margin: 1.5em; color: #222; }
        section { margin-bottom: 1.5em; }
        h2 { font-size: 1.1em; border-bottom: 1px solid #ccc; }
        .progress-row, .duration-row { display: flex; align-items: center; gap: 0.5em; margin: 2px 0; font-size: 12px; }
        .progress-label { width: 16em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .progress-bar { position: relative; flex: 1; height: 14px; background: #f2f2f2; display: flex; }
        .progress-count { width: 18em; }
        table { border-collapse: collapse; font-size: 12px; }
        td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; }

        """;
}
