using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MiniDask.Testing;

/// <summary>
/// A throwaway certificate authority with a server and a client certificate, written to PEM
/// files in a temporary folder (deleted on dispose), as an operator would pass them with
/// --tls-cert, --tls-key and --tls-ca.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly DateTimeOffset NotBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
    private static readonly DateTimeOffset NotAfter = DateTimeOffset.UtcNow.AddDays(1);

    public TestCertificates()
    {
        Folder = Directory.CreateTempSubdirectory("minidask-tls-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=MiniDask Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(NotBefore, NotAfter.AddDays(1));
        CaPath = Path.Combine(Folder, "ca.pem");
        File.WriteAllText(CaPath, ca.ExportCertificatePem());

        (ServerCertPath, ServerKeyPath) = Issue(ca, "server", 1);
        (ClientCertPath, ClientKeyPath) = Issue(ca, "client", 2);
        (StrangerCertPath, StrangerKeyPath) = SelfSigned("stranger");
    }

    public string Folder { get; }

    public string CaPath { get; }

    public string ServerCertPath { get; }

    public string ServerKeyPath { get; }

    public string ClientCertPath { get; }

    public string ClientKeyPath { get; }

    /// <summary>A self-signed certificate the CA never issued.</summary>
    public string StrangerCertPath { get; }

    public string StrangerKeyPath { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static CertificateRequest LeafRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN=minidask-{name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request;
    }

    private (string Cert, string Key) Issue(X509Certificate2 ca, string name, byte serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = LeafRequest(name, key).Create(ca, NotBefore, NotAfter, [serial, 7, 7]);
        return Write(name, cert, key);
    }

    private (string Cert, string Key) SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = LeafRequest(name, key).CreateSelfSigned(NotBefore, NotAfter);
        return Write(name, cert, key);
    }

    private (string Cert, string Key) Write(string name, X509Certificate2 cert, ECDsa key)
    {
        var certPath = Path.Combine(Folder, $"{name}.pem");
        var keyPath = Path.Combine(Folder, $"{name}-key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}
