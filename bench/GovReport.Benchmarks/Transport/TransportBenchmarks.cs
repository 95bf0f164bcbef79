using System.Buffers;
using BenchmarkDotNet.Attributes;
using GovReport.Api.Testing.V1;
using GovReport.Grpc;
using GovReport.Services.Hosting;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Benchmarks.Transport;

/// <summary>
/// Round trips through the real server and channel over loopback h2c (client and server in one process, so the
/// figures include both halves). Server throughput against external clients is measured with h2load (README.md).
/// </summary>
[MemoryDiagnoser]
public class TransportBenchmarks
{
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;
    private EchoRequest _echo1K = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _app = GovReportHost.Build(["--urls", "http://127.0.0.1:0", "--enable-test-services"]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _channel = GrpcChannel.ForAddress(address);
        _echo1K = new EchoRequest { Text = new string('报', 340) };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Benchmark]
    public Task<HealthCheckResponse> UnaryHealthCheck() =>
        _channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Check", new HealthCheckRequest());

    [Benchmark]
    public Task<EchoResponse> UnaryEcho1KiB() =>
        _channel.UnaryAsync<EchoRequest, EchoResponse>("/govreport.testing.v1.EchoService/Echo", _echo1K);

    [Benchmark]
    public Task<EchoResponse> UnaryEcho1KiBGzip() =>
        _channel.UnaryAsync<EchoRequest, EchoResponse>("/govreport.testing.v1.EchoService/Echo", _echo1K, new CallOptions(Compress: true));

    [Benchmark(OperationsPerInvoke = 100)]
    public async Task ServerStreaming100Messages()
    {
        using var call = _channel.ServerStreaming<ExpandRequest, ExpandResponse>("/govreport.testing.v1.EchoService/Expand", new ExpandRequest { Text = "x", Count = 100 });
        while (await call.ResponseStream.MoveNext())
        {
        }
    }
}
