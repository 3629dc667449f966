using MiniDask.Array.Serialization;
using MiniDask.Kernels;
using MiniDask.Protocol.Messages;
using MiniDask.Protocol.Tests.TestSupport;
using MiniDask.Testing;

namespace MiniDask.Protocol.Tests;

public sealed class TlsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    [Fact]
    public async Task ConnectAsync_TlsWithClusterCertificates_ExchangesBlock()
    {
        NDArrayCodec.Register();
        var serverOptions = new CommOptions { Tls = TlsOptions.FromPemFiles(certificates.ServerCertPath, certificates.ServerKeyPath, certificates.CaPath), Token = "t" };
        var clientOptions = new CommOptions { Tls = TlsOptions.FromPemFiles(certificates.ClientCertPath, certificates.ClientKeyPath, certificates.CaPath), Token = "t" };
        await using var listener = await Listener.ListenAsync("tls://127.0.0.1:0", serverOptions);
        var accepting = listener.AcceptAsync().AsTask();

        await using var client = await Comm.ConnectAsync(listener.Address, clientOptions);
        await using var server = await accepting.WaitAsync(Timeout);
        var block = NDArray.FromArray(Enumerable.Range(0, 100_000).Select(i => (float)i).ToArray(), 100, 1000);
        var builder = new MessageBuilder();
        var value = builder.AddValue(block);
        await client.SendAsync(builder.Build(new GetDataResponse { Data = [new KeyValue { Key = new Graph.Key("b"), Value = value }] }));
        var received = await server.ReceiveAsync().AsTask().WaitAsync(Timeout);

        Assert.StartsWith("tls://127.0.0.1:", listener.Address);
        var decoded = Assert.IsType<NDArray<float>>(received.ReadValue(((GetDataResponse)received.Body).Data[0].Value));
        Assert.Equal(block.Data, decoded.Data);
    }

    [Fact]
    public async Task ConnectAsync_PlaintextClientToTlsListener_RefusedAndLogged()
    {
        var logger = new ListLogger();
        var serverOptions = new CommOptions { Tls = TlsOptions.FromPemFiles(certificates.ServerCertPath, certificates.ServerKeyPath, certificates.CaPath), Logger = logger };
        await using var listener = await Listener.ListenAsync("tls://127.0.0.1:0", serverOptions);
        var plaintext = listener.Address.Replace("tls://", "tcp://", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<HandshakeException>(() => Comm.ConnectAsync(plaintext, CommOptions.Default));

        Assert.Contains("tls://", error.Message);
        Assert.True(await logger.WaitForAsync("plaintext peer is refused", Timeout));
    }

    [Fact]
    public async Task ConnectAsync_ClientCertificateFromOtherAuthority_RefusedNamingChainFailure()
    {
        var logger = new ListLogger();
        var serverOptions = new CommOptions { Tls = TlsOptions.FromPemFiles(certificates.ServerCertPath, certificates.ServerKeyPath, certificates.CaPath), Logger = logger };
        var strangerOptions = new CommOptions { Tls = TlsOptions.FromPemFiles(certificates.StrangerCertPath, certificates.StrangerKeyPath, certificates.CaPath) };
        await using var listener = await Listener.ListenAsync("tls://127.0.0.1:0", serverOptions);

        var error = await Assert.ThrowsAsync<HandshakeException>(() => Comm.ConnectAsync(listener.Address, strangerOptions));

        // The refusing side's reason reaches the connecting side too, over the encrypted stream.
        Assert.Contains("refused the connection: mutual TLS refused the client's certificate", error.Message);
        Assert.Contains("does not chain to the configured authorities", error.Message);
        Assert.True(await logger.WaitForAsync("does not chain to the configured authorities", Timeout));
    }

    [Fact]
    public async Task ConnectAsync_NoClientCertificateToMutualTls_RefusedSayingSoOnBothSides()
    {
        var logger = new ListLogger();
        var serverOptions = new CommOptions { Tls = TlsOptions.FromPemFiles(certificates.ServerCertPath, certificates.ServerKeyPath, certificates.CaPath), Logger = logger };
        var anonymous = new CommOptions { Tls = TlsOptions.FromPemFiles(null, null, certificates.CaPath) };
        await using var listener = await Listener.ListenAsync("tls://127.0.0.1:0", serverOptions);

        var error = await Assert.ThrowsAsync<HandshakeException>(() => Comm.ConnectAsync(listener.Address, anonymous));

        Assert.Contains("no certificate was presented", error.Message);
        Assert.Contains("--tls-cert and --tls-key", error.Message);
        Assert.True(await logger.WaitForAsync("no certificate was presented", Timeout));
    }

    [Fact]
    public async Task ConnectAsync_TlsClientToPlaintextListener_Refused()
    {
        var logger = new ListLogger();
        await using var listener = await Listener.ListenAsync("tcp://127.0.0.1:0", new CommOptions { Logger = logger });
        var tlsAddress = listener.Address.Replace("tcp://", "tls://", StringComparison.Ordinal);
        var clientOptions = new CommOptions { Tls = TlsOptions.FromPemFiles(certificates.ClientCertPath, certificates.ClientKeyPath, certificates.CaPath) };

        await Assert.ThrowsAsync<HandshakeException>(() => Comm.ConnectAsync(tlsAddress, clientOptions));

        Assert.True(await logger.WaitForAsync("malformed handshake", Timeout));
    }

    [Fact]
    public async Task ConnectAsync_TlsConfiguredButTcpAddress_RefusesPlaintext()
    {
        var options = new CommOptions { Tls = TlsOptions.FromPemFiles(certificates.ClientCertPath, certificates.ClientKeyPath, certificates.CaPath) };

        var connect = await Assert.ThrowsAsync<ArgumentException>(() => Comm.ConnectAsync("tcp://127.0.0.1:8786", options));
        var listen = await Assert.ThrowsAsync<ArgumentException>(() => Listener.ListenAsync("tcp://127.0.0.1:0", options));

        Assert.Contains("use tls://127.0.0.1:8786", connect.Message);
        Assert.Contains("plaintext", listen.Message);
    }

    [Fact]
    public async Task ListenAsync_TlsWithoutCertificate_ThrowsNamingOptions()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Listener.ListenAsync("tls://127.0.0.1:0", CommOptions.Default));

        Assert.Contains("--tls-cert", error.Message);
    }

    [Fact]
    public void FromPemFiles_MissingFile_ThrowsNamingOption()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TlsOptions.FromPemFiles(certificates.ServerCertPath, certificates.ServerKeyPath, "/nonexistent/ca.pem"));

        Assert.Contains("--tls-ca", error.Message);
    }
}
