using MiniDask.Array;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Scheduler.Distributed;
using static MiniDask.Cli.Tests.CliProcesses;

namespace MiniDask.Cli.Tests.Commands;

/// <summary>TLS refusals name the certificate problem, on whichever side refuses.</summary>
public sealed class TlsRefusalTests
{
    [Fact]
    public async Task Gather_ClientWithoutCertificateFromWorkersRequiringOne_SaysTheClientPresentedNoCertificate()
    {
        var work = Directory.CreateTempSubdirectory("minidask-tls-refusal-").FullName;
        ReadmeRecipeTests.WriteCertificates(work);
        string Pem(string name) => Path.Combine(work, name);
        var token = Guid.NewGuid().ToString("N");

        // The scheduler checks no client certificate (so it requires the token); the worker requires one.
        using var scheduler = Start(token, "scheduler", "--port", "0", "--tls-cert", Pem("sched.pem"), "--tls-key", Pem("sched.key"));
        try
        {
            var address = await ReadLineMatching(scheduler, SchedulerAddress());
            using var worker = Start(token, "worker", address, "--nthreads", "1", "--tls-cert", Pem("w1.pem"), "--tls-key", Pem("w1.key"), "--tls-ca", Pem("ca.pem"));
            try
            {
                await ReadLineMatching(worker, WorkerStarted());
                var comm = ClusterComm.Options(PeerRole.Client, "no-certificate", token, null, null, Pem("ca.pem"));
                await using var client = await Client.ConnectAsync(address, new ClientOptions { Comm = comm });

                var error = await Assert.ThrowsAnyAsync<IOException>(
                    () => client.ComputeAsync(DArray.Ones(shape: [4], chunks: [2]).Sum()).WaitAsync(TimeSpan.FromSeconds(60)));

                Assert.Contains("mutual TLS refused the client's certificate: no certificate was presented", error.Message, StringComparison.Ordinal);
                Assert.Contains("--tls-cert and --tls-key", error.Message, StringComparison.Ordinal);
            }
            finally
            {
                Kill(worker);
            }
        }
        finally
        {
            Kill(scheduler);
            Directory.Delete(work, recursive: true);
        }
    }
}
