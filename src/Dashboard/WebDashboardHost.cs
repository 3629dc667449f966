using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniDask.Scheduler.Diagnostics;

namespace MiniDask.Dashboard;

/// <summary>
/// Serves the dashboard with ASP.NET Core's Kestrel: the scheduler finds this type through
/// <see cref="DashboardHosts.Default"/> when this assembly is deployed beside it, or is given it.
/// </summary>
public sealed class WebDashboardHost : IDashboardHost
{
    /// <summary>Starts serving <paramref name="view"/> at <see cref="DashboardOptions.Address"/>; a taken port falls back to a free one, logged.</summary>
    /// <exception cref="FormatException">The address is malformed; the message says what is expected.</exception>
    /// <exception cref="IOException">The address cannot be bound even with a free port.</exception>
    public async Task<IDashboard> StartAsync(IClusterView view, DashboardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(options);
        var address = DashboardAddress.Parse(options.Address);
        try
        {
            return await StartAtAsync(view, options, address, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (address.Port != 0)
        {
            // As Dask: a second cluster on this machine still gets a dashboard, on another port.
            var app = await StartAtAsync(view, options, address with { Port = 0 }, cancellationToken).ConfigureAwait(false);
            DashboardLog.PortTaken(options.Logger, address.Port, app.Address);
            return app;
        }
    }

    private static async Task<WebDashboard> StartAtAsync(IClusterView view, DashboardOptions options, DashboardAddress address, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address.Host, address.Port));
        var app = builder.Build();
        if (options.Token is { Length: > 0 } token)
        {
            var gate = new TokenGate(token);
            app.Use(gate.InvokeAsync);
        }

        DashboardEndpoints.Map(app, view);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var linkHost = address.Host.Equals(IPAddress.Any) ? Dns.GetHostName() : null;
        if (linkHost is not null)
        {
            bound = new UriBuilder(bound) { Host = linkHost }.Uri.ToString().TrimEnd('/');
        }

        return new WebDashboard(app, bound, options.Token);
    }

    private sealed class WebDashboard(WebApplication app, string address, string? token) : IDashboard
    {
        public string Address { get; } = address;

        public string Link => Address + "/status" + (string.IsNullOrEmpty(token) ? "" : "?token=" + Uri.EscapeDataString(token));

        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0)
            {
                return;
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>The events the dashboard logs.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 172, Level = LogLevel.Warning, Message = "Port {Port} is already in use (another cluster on this machine?); the dashboard is at {Address} instead")]
    public static partial void PortTaken(ILogger logger, int port, string address);
}
