using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniDask.Scheduler.Diagnostics;

namespace MiniDask.Dashboard;

/// <summary>
/// The dashboard's routes: the pages (one shell, its script and styles, all embedded), the JSON API
/// under <c>/api/v1</c> (docs/dashboard.md), the live update stream and <c>/metrics</c>.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>How often the live stream sends an update.</summary>
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromMilliseconds(500);

    private static readonly string[] Pages = ["status", "workers", "graph", "info"];

    public static void Map(IEndpointRouteBuilder app, IClusterView view)
    {
        app.MapGet("/", (HttpContext context) => Results.Redirect("/status" + context.Request.QueryString));
        foreach (var page in Pages)
        {
            app.MapGet("/" + page, () => Results.Content(Shell(page), "text/html; charset=utf-8"));
        }

        app.MapGet("/static/dashboard.js", () => Results.Content(Resource(typeof(DashboardEndpoints).Assembly, "wwwroot/dashboard.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/static/dashboard.css", () => Results.Content(Resource(typeof(DashboardEndpoints).Assembly, "wwwroot/dashboard.css"), "text/css; charset=utf-8"));
        app.MapGet("/static/plots.js", () => Results.Content(PerformanceReportHtml.PlotScript, "text/javascript; charset=utf-8"));

        var api = app.MapGroup("/api/v1");
        api.MapGet("/info", () => Results.Json(new { kind = view.Kind, scheduler = view.SchedulerAddress, time = MiniDask.Protocol.UnixTime.Now }));
        api.MapGet("/workers", () => Results.Json(view.Workers()));
        api.MapGet("/task-groups", () => Results.Json(view.TaskGroups()));
        api.MapGet("/task-stream", (long? since, int? limit) => Results.Json(view.TaskStream(since ?? 0, Math.Clamp(limit ?? 10_000, 1, 100_000))));
        api.MapGet("/story/{key}", (string key) => Results.Json(view.Story(key)));
        api.MapGet("/logs", (string? worker) => Results.Json(view.Logs(string.IsNullOrEmpty(worker) ? null : worker)));
        api.MapGet("/memory", (double? since) => Results.Json(view.MemoryHistory(since ?? 0)));
        api.MapGet("/events", (HttpContext context, long? since) => StreamAsync(context, view, since ?? 0));
        app.MapGet("/metrics", () => Results.Text(PrometheusText.Write(view.Metrics()), PrometheusText.ContentType));
    }

    /// <summary>
    /// Server-sent events: an <c>update</c> event at once and every <see cref="UpdateInterval"/>, holding
    /// the workers, the task groups and the task-stream records after the client's cursor.
    /// </summary>
    private static async Task StreamAsync(HttpContext context, IClusterView view, long cursor)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var stopping = context.RequestAborted;
        using var timer = new PeriodicTimer(UpdateInterval);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        try
        {
            do
            {
                var page = view.TaskStream(cursor, 20_000);
                cursor = page.Cursor;
                var update = new
                {
                    time = MiniDask.Protocol.UnixTime.Now,
                    workers = view.Workers(),
                    groups = view.TaskGroups(),
                    stream = page,
                };
                await response.WriteAsync("event: update\ndata: " + JsonSerializer.Serialize(update, web) + "\n\n", stopping).ConfigureAwait(false);
                await response.Body.FlushAsync(stopping).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private static string Shell(string page) =>
        Resource(typeof(DashboardEndpoints).Assembly, "wwwroot/shell.html").Replace("{{page}}", page, StringComparison.Ordinal);

    private static string Resource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard resource '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
