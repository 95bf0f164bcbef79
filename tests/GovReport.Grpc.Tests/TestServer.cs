using System.Net;
using GovReport.Services.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Grpc.Tests;

/// <summary>The real GovReport host on 127.0.0.1, port 0, with the Echo test service.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, string address)
    {
        App = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    public WebApplication App { get; }

    public string Address { get; }

    public GrpcChannel Channel { get; }

    private string? DataDir { get; init; }

    public static async Task<TestServer> StartAsync(string[]? extraArgs = null, Action<IServiceCollection>? configure = null)
    {
        var dataDir = NewDataDir();
        string[] args = ["--urls", "http://127.0.0.1:0", "--enable-test-services", "--data-dir", dataDir, .. extraArgs ?? []];
        var app = GovReportHost.Build(args, configure);
        await app.StartAsync();
        return new TestServer(app, FirstAddress(app)) { DataDir = dataDir };
    }

    public static async Task<TestServer> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return new TestServer(app, FirstAddress(app));
    }

    /// <summary>A fresh data directory per server, so parallel test servers never share a database.</summary>
    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "govreport-grpc-tests", Guid.NewGuid().ToString("N"));

    public static string FirstAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

    /// <summary>An HTTP/2 request built by hand, for wire-level checks the channel hides.</summary>
    public async Task<RawResponse> SendRawAsync(string path, byte[] body, string contentType = "application/grpc", IDictionary<string, string>? headers = null, Version? version = null)
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, Address + path)
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new RawResponse(response.StatusCode, Flatten(response.Headers, response.Content.Headers), Flatten(response.TrailingHeaders, null), bytes);
    }

    private static Dictionary<string, string> Flatten(System.Net.Http.Headers.HttpHeaders headers, System.Net.Http.Headers.HttpHeaders? more)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers.NonValidated)
        {
            result[header.Key] = string.Join(",", header.Value);
        }
        if (more is not null)
        {
            foreach (var header in more.NonValidated)
            {
                result[header.Key] = string.Join(",", header.Value);
            }
        }
        return result;
    }

    public static byte[] Frame(byte[] payload, bool compressed = false)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (DataDir is not null && Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}

public sealed record RawResponse(HttpStatusCode StatusCode, Dictionary<string, string> Headers, Dictionary<string, string> Trailers, byte[] Body)
{
    /// <summary>grpc-status from the trailers, or from the headers for a Trailers-Only response.</summary>
    public string? GrpcStatus => Trailers.TryGetValue("grpc-status", out var value) ? value : Headers.GetValueOrDefault("grpc-status");

    public bool IsTrailersOnly => Headers.ContainsKey("grpc-status");
}

/// <summary>One shared server for the tests that do not need special configuration.</summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
