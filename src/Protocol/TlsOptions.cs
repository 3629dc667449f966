using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MiniDask.Protocol;

/// <summary>
/// TLS settings, read from PEM files as Dask's <c>--tls-cert</c>, <c>--tls-key</c> and
/// <c>--tls-ca</c> are. A listener presents <see cref="Certificate"/>; when
/// <see cref="CertificateAuthorities"/> is set, each side accepts only peers whose certificate
/// chains to one of them (a listener then requires client certificates), and host names are not
/// checked, since workers are reached by IP address. Without authorities, the peer's certificate
/// must be trusted by the system and match the host name.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>TLS with <paramref name="certificate"/> (with its private key) and optional authorities.</summary>
    public TlsOptions(X509Certificate2? certificate, X509Certificate2Collection? certificateAuthorities = null)
    {
        if (certificate is not null && !certificate.HasPrivateKey)
        {
            throw new ArgumentException($"Certificate {certificate.Subject} has no private key; pass the key file too.", nameof(certificate));
        }

        Certificate = certificate;
        CertificateAuthorities = certificateAuthorities;
    }

    /// <summary>This side's certificate with its private key; required to listen, optional to connect.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The certificate authorities peers must chain to; null for the system's trust store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; }

    /// <summary>Reads the certificate, its key and the optional authorities from PEM files.</summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A file is not a valid PEM certificate or key.</exception>
    public static TlsOptions FromPemFiles(string? certificatePath, string? keyPath, string? certificateAuthorityPath)
    {
        if ((certificatePath is null) != (keyPath is null))
        {
            throw new ArgumentException("--tls-cert and --tls-key go together: give both or neither.");
        }

        X509Certificate2? certificate = null;
        if (certificatePath is not null)
        {
            RequireFile(certificatePath, "--tls-cert");
            RequireFile(keyPath!, "--tls-key");
            using var ephemeral = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

            // Re-import so that the private key is usable by SslStream on every platform.
            certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }

        X509Certificate2Collection? authorities = null;
        if (certificateAuthorityPath is not null)
        {
            RequireFile(certificateAuthorityPath, "--tls-ca");
            authorities = [];
            authorities.ImportFromPemFile(certificateAuthorityPath);
            if (authorities.Count == 0)
            {
                throw new ArgumentException($"--tls-ca file '{certificateAuthorityPath}' holds no certificate.");
            }
        }

        return new TlsOptions(certificate, authorities);
    }

    /// <summary>Checks a peer's certificate as described on <see cref="TlsOptions"/>.</summary>
    internal bool ValidatePeer(X509Certificate? certificate, SslPolicyErrors errors, out string reason)
    {
        if (certificate is null)
        {
            reason = "no certificate was presented (give that side --tls-cert and --tls-key, a certificate signed by the cluster's CA)";
            return false;
        }

        if (CertificateAuthorities is null)
        {
            reason = $"the certificate presented is not trusted by this system ({errors})";
            return errors == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(CertificateAuthorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var peer = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (chain.Build(peer))
        {
            reason = "";
            return true;
        }

        reason = $"the certificate {peer.Subject} does not chain to the configured authorities ("
            + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())) + ")";
        return false;
    }

    private static void RequireFile(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{option} file '{path}' does not exist.", path);
        }
    }
}
