using System.CommandLine;
using System.Runtime.InteropServices;
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
        var token = new Option<string?>("--token") { Description = $"Shared token every worker and client must present (default: ${ClusterComm.TokenVariable})." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate: with --tls-key, the scheduler listens on tls://." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "PEM certificate authority that workers' and clients' certificates must chain to." };
        var command = new Command("scheduler", "Run the distributed scheduler; print its address; stop on Ctrl+C or SIGTERM.")
        {
            host, port, token, tlsCert, tlsKey, tlsCa,
        };
        var limits = new MiniDask.Worker.ConnectionLimitOptions();
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            CommOptions comm;
            try
            {
                comm = limits.Apply(parse, ClusterComm.Options(
                    PeerRole.Scheduler, "scheduler", parse.GetValue(token), parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(tlsCa),
                    new TextWriterLogger(error, "scheduler")));
            }
            catch (Exception e) when (e is ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }

            var scheme = comm.Tls is null ? CommAddress.Tcp : CommAddress.Tls;
            var address = $"{scheme}://{parse.GetValue(host)}:{parse.GetValue(port)}";
            return RunAsync(address, comm, output, error).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(string address, CommOptions comm, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        SchedulerServer server;
        try
        {
            server = await SchedulerServer.StartAsync(address, new SchedulerServerOptions { Comm = comm }, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            error.WriteLine($"error: cannot listen on {address}: {e.Message}");
            return 1;
        }

        output.WriteLine($"scheduler at {server.Address}{(comm.Token is null ? "" : " (token required)")}");
        output.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }

        await server.DisposeAsync().ConfigureAwait(false);
        output.WriteLine("scheduler stopped");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
