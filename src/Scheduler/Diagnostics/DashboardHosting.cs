using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MiniDask.Scheduler.Diagnostics;

/// <summary>A running dashboard web server.</summary>
public interface IDashboard : IAsyncDisposable
{
    /// <summary>The address it serves, with the port bound, such as <c>http://127.0.0.1:8787</c>.</summary>
    string Address { get; }

    /// <summary>The status page's link, with <c>?token=</c> when the dashboard needs one.</summary>
    string Link { get; }
}

/// <summary>
/// Starts dashboards: implemented by <c>MiniDask.Dashboard</c> (ASP.NET Core), so the schedulers
/// serve a dashboard without depending on a web server themselves.
/// </summary>
public interface IDashboardHost
{
    /// <summary>Starts a dashboard showing <paramref name="view"/>.</summary>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    Task<IDashboard> StartAsync(IClusterView view, DashboardOptions options, CancellationToken cancellationToken = default);
}

/// <summary>Where and how a dashboard is served.</summary>
public sealed record DashboardOptions
{
    /// <summary>The default address, as Dask's: port 8787, on loopback only.</summary>
    public const string DefaultAddress = "127.0.0.1:8787";

    /// <summary>
    /// <c>HOST:PORT</c>, <c>:PORT</c> (loopback), or <c>http://HOST:PORT</c>; port 0 picks a free one.
    /// When the port is taken, a free one is used instead and the log says so.
    /// </summary>
    public string Address { get; init; } = DefaultAddress;

    /// <summary>The token pages and endpoints require (as <c>?token=</c>, a cookie or a header); none when null.</summary>
    public string? Token { get; init; }

    /// <summary>Where the web server logs.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}

/// <summary>Finds the dashboard implementation, as Dask finds bokeh: present when <c>MiniDask.Dashboard</c> is deployed with the app.</summary>
public static class DashboardHosts
{
    private const string WebHostType = "MiniDask.Dashboard.WebDashboardHost, MiniDask.Dashboard";
    private static readonly Lazy<IDashboardHost?> Found = new(Load);

    /// <summary>The web dashboard when <c>MiniDask.Dashboard.dll</c> can be loaded; null otherwise.</summary>
    public static IDashboardHost? Default => Found.Value;

    private static IDashboardHost? Load()
    {
        try
        {
            return Type.GetType(WebHostType, throwOnError: false) is { } type ? (IDashboardHost?)Activator.CreateInstance(type) : null;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
