using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GovReport.Interop.Tests.Internal;

/// <summary>A throw-away server certificate for 127.0.0.1 / localhost: a PFX for Kestrel and a PEM the clients trust.</summary>
internal sealed class SelfSignedCertificate : IDisposable
{
    private readonly string _dir;

    public SelfSignedCertificate()
    {
        _dir = Directory.CreateTempSubdirectory("govreport-tls-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));

        Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        PfxPath = Path.Combine(_dir, "server.pfx");
        File.WriteAllBytes(PfxPath, certificate.Export(X509ContentType.Pfx, Password));
        PemPath = Path.Combine(_dir, "ca.pem");
        File.WriteAllText(PemPath, certificate.ExportCertificatePem() + "\n");
    }

    public string PfxPath { get; }

    public string Password { get; }

    /// <summary>The certificate alone (no key), which clients use as their root of trust.</summary>
    public string PemPath { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
