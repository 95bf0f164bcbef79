using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GovReport.Api.Testing.V1;
using GovReport.Services.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Grpc.Tests;

/// <summary>A handler with a mistyped method and a missing one: start-up must name both.</summary>
[GrpcService("govreport.testing.v1.EchoService")]
public sealed class MistypedEchoHandler
{
    public Task<ExpandResponse> Echo(EchoRequest request, ServerCallContext context) => Task.FromResult(new ExpandResponse());

    public Task Expand(ExpandRequest request, IServerStreamWriter<ExpandResponse> responses, ServerCallContext context) => Task.CompletedTask;

    public Task<CollectResponse> Collect(IAsyncStreamReader<CollectRequest> requests, ServerCallContext context) => Task.FromResult(new CollectResponse());
}

public sealed class HostingTests
{
    private const string Echo = "/govreport.testing.v1.EchoService/Echo";

    [Fact]
    public void Build_MistypedHandler_StartupFailsNamingServiceMethodAndSignature()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ProbeServer.Build(options => options.HandlerTypes.Add(typeof(MistypedEchoHandler))));

        Assert.Contains("govreport.testing.v1.EchoService.Echo", error.Message, StringComparison.Ordinal);
        Assert.Contains("Task<EchoResponse> Echo(EchoRequest, ServerCallContext)", error.Message, StringComparison.Ordinal);
        Assert.Contains("govreport.testing.v1.EchoService.Chat", error.Message, StringComparison.Ordinal);
        Assert.Contains("no public method of that name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_RealServer_EveryRpcDeclaredInProtosIsBound()
    {
        await using var server = await TestServer.StartAsync();
        var registry = server.App.Services.GetRequiredService<GrpcServiceRegistry>();

        Assert.True(registry.UnboundMethods.Count == 0,
            "RPCs declared in protos/ without a [GrpcService] handler method: " + string.Join(", ", registry.UnboundMethods));
        Assert.Contains("/grpc.health.v1.Health/Check", registry.BoundMethods);
    }

    [Fact]
    public async Task Build_WithoutTestSwitch_EchoServiceNotServed()
    {
        var app = GovReportHost.Build(["--urls", "http://127.0.0.1:0", "--data-dir", TestServer.NewDataDir()]);
        await using var server = await TestServer.StartAsync(app);

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task TlsEndpoint_FromKestrelConfiguration_CallSucceedsAndHttp11GetsUpgradeRequired()
    {
        using var certificate = CreateCertificate();
        var path = Path.Combine(Path.GetTempPath(), $"govreport-test-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "test-password"));
        try
        {
            var app = GovReportHost.Build(
            [
                "--enable-test-services",
                "--data-dir",
                TestServer.NewDataDir(),
                "--Kestrel:Endpoints:Https:Url=https://127.0.0.1:0",
                $"--Kestrel:Endpoints:Https:Certificate:Path={path}",
                "--Kestrel:Endpoints:Https:Certificate:Password=test-password",
                "--Kestrel:Endpoints:Https:Protocols=Http1AndHttp2",
            ]);
            await app.StartAsync();
            try
            {
                var address = TestServer.FirstAddress(app);
                Assert.StartsWith("https://", address, StringComparison.Ordinal);
                var thumbprint = certificate.Thumbprint;
                SocketsHttpHandler Handler() => new()
                {
                    SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && new X509Certificate2(cert).Thumbprint == thumbprint },
                };
                using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = Handler() });

                var response = await channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = "tls" });
                Assert.Equal("tls", response.Text);

                using var http11 = new HttpClient(Handler());
                using var request = new HttpRequestMessage(HttpMethod.Post, address + Echo)
                {
                    Version = HttpVersion.Version11,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                    Content = new ByteArrayContent([0, 0, 0, 0, 0]),
                };
                request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
                using var refused = await http11.SendAsync(request);
                Assert.Equal(HttpStatusCode.UpgradeRequired, refused.StatusCode);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StopAsync_InFlightUnaryFinishesAndOpenStreamEndsUnavailable()
    {
        var server = await TestServer.StartAsync();
        try
        {
            var headers = new Metadata { { "x-echo", "1" } };
            using var unary = server.Channel.Unary<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = "finish me", DelayMs = 700 }, new CallOptions(Headers: headers));
            await unary.ResponseHeadersAsync;
            using var stream = server.Channel.ServerStreaming<ExpandRequest, ExpandResponse>("/govreport.testing.v1.EchoService/Expand", new ExpandRequest { Text = "s", Count = 1000, DelayMs = 50 });
            Assert.True(await stream.ResponseStream.MoveNext());

            var stopping = server.App.StopAsync();

            Assert.Equal("finish me", (await unary.ResponseAsync).Text);
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await stream.ResponseStream.MoveNext())
                {
                }
            });
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            await stopping;
        }
        finally
        {
            server.Channel.Dispose();
            await server.App.DisposeAsync();
        }
    }

    [Fact]
    public async Task Build_OwnSwitches_MappedToConfigurationKeys()
    {
        await using var app = GovReportHost.Build(["--urls", "http://127.0.0.1:0", "--data-dir", "/tmp/govreport-x", "--enable-test-services"]);
        // Built, never started: nothing is written to the directory.
        var configuration = app.Configuration;

        Assert.Equal("/tmp/govreport-x", configuration[GovReportHost.DataDirKey]);
        Assert.Equal("true", configuration[GovReportHost.EnableTestServicesKey]);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
