using System.Globalization;

namespace MiniDask.Worker;

/// <summary>
/// The abstract resources a worker offers (Dask's <c>--resources "GPU=1,MEMORY=16e9"</c>): names with
/// amounts, matched by the scheduler against what each task asks for.
/// </summary>
public static class WorkerResources
{
    /// <summary>The resource a CUDA worker offers one of by itself.</summary>
    public const string Gpu = "GPU";

    /// <summary>Parses <c>NAME=AMOUNT</c> pairs separated by commas or spaces, such as <c>GPU=1,MEMORY=16e9</c>.</summary>
    /// <exception cref="FormatException">A pair lacks its <c>=</c>, its name or a non-negative amount, or a name repeats; the message names it.</exception>
    public static Dictionary<string, double> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var resources = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = at > 0 ? pair[..at].Trim() : "";
            if (name.Length == 0
                || !double.TryParse(pair[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                || !double.IsFinite(amount) || amount < 0)
            {
                throw new FormatException($"The resource '{pair}' is not NAME=AMOUNT with a non-negative number, as in GPU=1,MEMORY=16e9.");
            }

            if (!resources.TryAdd(name, amount))
            {
                throw new FormatException($"The resource '{name}' is given twice in '{text}'.");
            }
        }

        return resources;
    }

    /// <summary>
    /// What a worker offers: <paramref name="configured"/>, plus <c>GPU = 1</c> on a CUDA device
    /// (<paramref name="device"/> <c>cuda</c> or <c>cuda:N</c>) unless GPU is configured; null when nothing.
    /// </summary>
    public static Dictionary<string, double>? Offered(IReadOnlyDictionary<string, double>? configured, string? device)
    {
        var offered = configured is null ? new Dictionary<string, double>(StringComparer.Ordinal) : new Dictionary<string, double>(configured, StringComparer.Ordinal);
        if (device is not null && device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
        {
            offered.TryAdd(Gpu, 1);
        }

        return offered.Count == 0 ? null : offered;
    }
}
