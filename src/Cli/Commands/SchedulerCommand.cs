using System.CommandLine;
using System.Runtime.InteropServices;
using MiniDask.Cli.Console;
using MiniDask.Dashboard;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;

namespace MiniDask.Cli.Commands;

/// <summary><c>minidask scheduler</c>: runs the distributed scheduler until Ctrl+C or SIGTERM.</summary>
internal static class SchedulerCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Interface to listen on (0.0.0.0 for every one).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 for a free one).", DefaultValueFactory = _ => 8786 };
        var token = new Option<string?>("--token")
        {
            Description = $"Shared token every worker and client must present (default: ${ClusterComm.TokenVariable}, else a random one, printed with the address; none with --tls-ca).",
        };
        var noAuth = new Option<bool>("--no-auth") { Description = "Require no token: anyone who can reach the port may use the cluster (loopback only unless --allow-insecure)." };
        var allowInsecure = new Option<bool>("--allow-insecure") { Description = "Allow --no-auth on an address other than loopback." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate: with --tls-key, the scheduler listens on tls://." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "PEM certificate authority that workers' and clients' certificates must chain to." };
        var allowedFailures = new Option<int>("--allowed-failures")
        {
            Description = "How many workers may die while executing one task; the next death fails it with KilledWorker.",
            DefaultValueFactory = _ => SchedulerOptions.Default.AllowedFailures,
        };
        var logLength = new Option<int>("--transition-log-length")
        {
            Description = "How many task transitions the scheduler keeps for stories; older ones are dropped first.",
            DefaultValueFactory = _ => SchedulerOptions.Default.TransitionLogLength,
        };
        var rootBacklog = new Option<double>("--root-backlog")
        {
            Description = "Seconds of measured short root work a worker may hold per thread past Dask's count of 1.1 x threads (SchedulerOptions.MinRootBacklogSeconds); 0 is Dask's count-only queuing.",
            DefaultValueFactory = _ => SchedulerOptions.Default.MinRootBacklogSeconds,
        };
        var dashboardAddress = new Option<string>("--dashboard-address")
        {
            Description = "Where to serve the dashboard: :PORT (this machine only), HOST:PORT (0.0.0.0:8787 for every interface), port 0 for a free one.",
            DefaultValueFactory = _ => ":8787",
        };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "Serve no dashboard." };
        var command = new Command("scheduler", "Run the distributed scheduler; print its address; stop on Ctrl+C or SIGTERM.")
        {
            host, port, token, noAuth, allowInsecure, tlsCert, tlsKey, tlsCa, allowedFailures, logLength, rootBacklog, dashboardAddress, noDashboard,
        };
        var limits = new MiniDask.Worker.ConnectionLimitOptions();
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            CommOptions comm;
            SchedulerSecurity.Mode mode;
            try
            {
                mode = SchedulerSecurity.Decide(
                    parse.GetValue(host)!, parse.GetValue(token), Environment.GetEnvironmentVariable(ClusterComm.TokenVariable),
                    parse.GetValue(tlsCert), parse.GetValue(tlsCa), parse.GetValue(noAuth), parse.GetValue(allowInsecure));
                var clusterComm = ClusterComm.Options(
                    PeerRole.Scheduler, "scheduler", null, parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(tlsCa),
                    new TextWriterLogger(error, "scheduler"));
                comm = limits.Apply(parse, clusterComm with { Token = mode.Token });
            }
            catch (Exception e) when (e is ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }

            var failures = parse.GetValue(allowedFailures);
            if (failures < 0)
            {
                error.WriteLine($"error: --allowed-failures must be zero or more; got {failures}.");
                return 2;
            }

            if (parse.GetValue(logLength) is var length && length < 1)
            {
                error.WriteLine($"error: --transition-log-length must be at least 1; got {length}.");
                return 2;
            }

            if (parse.GetValue(rootBacklog) is var backlog && !(backlog >= 0 && double.IsFinite(backlog)))
            {
                error.WriteLine($"error: --root-backlog must be 0 or more seconds; got {backlog}.");
                return 2;
            }

            var scheme = comm.Tls is null ? CommAddress.Tcp : CommAddress.Tls;
            var address = $"{scheme}://{parse.GetValue(host)}:{parse.GetValue(port)}";
            var options = new SchedulerServerOptions
            {
                Comm = comm,
                State = SchedulerOptions.Default with { AllowedFailures = failures, TransitionLogLength = length, MinRootBacklogSeconds = backlog },
                DashboardAddress = parse.GetValue(noDashboard) ? null : parse.GetValue(dashboardAddress),
                DashboardHost = new WebDashboardHost(),
            };
            if (mode.Warning is not null)
            {
                error.WriteLine(mode.Warning);
            }

            return RunAsync(address, options, mode.Generated, output, error).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(string address, SchedulerServerOptions options, bool printToken, TextWriter output, TextWriter error)
    {
        using var stop = new StopSignal();
        SchedulerServer server;
        try
        {
            server = await SchedulerServer.StartAsync(address, options, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            error.WriteLine($"error: cannot listen on {address} (dashboard: {options.DashboardAddress ?? "none"}): {e.Message}");
            return 1;
        }

        output.WriteLine($"scheduler at {server.Address}{(options.Comm.Token is null ? "" : " (token required)")}");
        if (printToken)
        {
            output.WriteLine(SchedulerSecurity.ConnectLine(server.Address, options.Comm.Token!));
        }

        if (server.DashboardLink is { } link)
        {
            // The token is printed only where the scheduler made it up; a given token stays the user's secret.
            output.WriteLine(printToken || options.Comm.Token is null ? $"dashboard at {link}" : $"dashboard at {link.Split('?')[0]} (token required)");
        }

        output.Flush();
        await stop.WaitAsync().ConfigureAwait(false);
        await server.DisposeAsync().ConfigureAwait(false);
        output.WriteLine("scheduler stopped");
        return 0;
    }
}
