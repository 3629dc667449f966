using System.Globalization;
using System.Text;
using MiniDask.Scheduler.Diagnostics;

namespace MiniDask.Dashboard;

/// <summary>Writes <see cref="ClusterMetrics"/> in Prometheus' text exposition format (version 0.0.4), with Dask's metric names where Dask has one.</summary>
internal static class PrometheusText
{
    /// <summary>The content type Prometheus expects.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(ClusterMetrics m)
    {
        var text = new StringBuilder();
        Family(text, "dask_scheduler_tasks", "gauge", "Tasks the scheduler holds, by state.");
        foreach (var (state, count) in m.TasksByState)
        {
            Sample(text, "dask_scheduler_tasks", count, ("state", state));
        }

        Family(text, "dask_scheduler_workers", "gauge", "Workers connected to the scheduler.");
        Sample(text, "dask_scheduler_workers", m.Workers);
        Family(text, "dask_scheduler_threads", "gauge", "Task threads over all workers.");
        Sample(text, "dask_scheduler_threads", m.Threads);
        Family(text, "dask_worker_memory_bytes", "gauge", "Memory over all workers, by type: managed (results held), spilled (on disk), process (resident).");
        Sample(text, "dask_worker_memory_bytes", m.ManagedBytes, ("type", "managed"));
        Sample(text, "dask_worker_memory_bytes", m.SpilledBytes, ("type", "spilled"));
        Sample(text, "dask_worker_memory_bytes", m.ProcessBytes, ("type", "process"));
        Family(text, "dask_worker_transfer_incoming_count_total", "counter", "Transfers of task results between workers.");
        Sample(text, "dask_worker_transfer_incoming_count_total", m.Transfers);
        Family(text, "dask_worker_transfer_incoming_bytes_total", "counter", "Bytes transferred between workers.");
        Sample(text, "dask_worker_transfer_incoming_bytes_total", m.TransferBytes);
        Family(text, "dask_scheduler_task_duration_seconds", "histogram", "Time tasks spent computing.");
        for (var i = 0; i < m.DurationBuckets.Count; i++)
        {
            Sample(text, "dask_scheduler_task_duration_seconds_bucket", m.DurationCounts[i], ("le", Number(m.DurationBuckets[i])));
        }

        Sample(text, "dask_scheduler_task_duration_seconds_bucket", m.DurationCount, ("le", "+Inf"));
        Sample(text, "dask_scheduler_task_duration_seconds_sum", m.DurationSum);
        Sample(text, "dask_scheduler_task_duration_seconds_count", m.DurationCount);
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, double value, params (string Name, string Value)[] labels)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
