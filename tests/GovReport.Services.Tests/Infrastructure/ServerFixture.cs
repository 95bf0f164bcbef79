using GovReport.Grpc;
using GovReport.Services.Hosting;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Tests.Infrastructure;

/// <summary>
/// The real GovReport server (GovReportHost) on 127.0.0.1, port 0, with its own temporary data directory,
/// and GrpcChannels to it: <see cref="Channel"/> sends the first-start admin token with every call that names no
/// authorization of its own, <see cref="AnonymousChannel"/> sends none (for the tokenless cases). Use as an xunit class fixture (one server per test class); derive and override
/// <see cref="Configuration"/> or <see cref="ConfigureServices"/> for a server with extra settings.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? app;
    private GrpcChannel? channel;
    private GrpcChannel? anonymousChannel;

    /// <summary>The running application (for its services, e.g. HealthHandler).</summary>
    public WebApplication App => app ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>"http://127.0.0.1:PORT".</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>A fresh temporary directory passed as --data-dir, deleted on dispose.</summary>
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "govreport-services-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The admin's bearer token, read from &lt;data-dir&gt;/admin-token after start.</summary>
    public string AdminToken { get; private set; } = string.Empty;

    /// <summary>Calls as the admin unless the call's own headers carry an authorization.</summary>
    public GrpcChannel Channel => channel ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Sends only what each call's headers say: no token unless the call adds one.</summary>
    public GrpcChannel AnonymousChannel => anonymousChannel ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Extra configuration keys (e.g. "GovReport:MaxReceiveMessageSize"), passed on the command line.</summary>
    protected virtual IReadOnlyDictionary<string, string> Configuration { get; } = new Dictionary<string, string>();

    /// <summary>Runs after the server's own modules, so it can replace their registrations.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--data-dir", DataDir };
        foreach (var (key, value) in Configuration)
        {
            args.Add($"--{key}={value}");
        }

        app = GovReportHost.Build([.. args], ConfigureServices);
        await app.StartAsync();
        // Port 0: the bound port is only known after start.
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        AdminToken = (await File.ReadAllTextAsync(Path.Combine(DataDir, "admin-token"))).Trim();
        anonymousChannel = GrpcChannel.ForAddress(Address);
        channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { HttpHandler = new DefaultBearer(AdminToken) });
    }

    /// <summary>The standard health check; throws if the server does not answer SERVING.</summary>
    public async Task AssertServingAsync()
    {
        var response = await Channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(
            "/grpc.health.v1.Health/Check", new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(10)));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    public async Task DisposeAsync()
    {
        channel?.Dispose();
        anonymousChannel?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the run; the directory is under the temp path.
        }
    }

    /// <summary>Adds "authorization: Bearer {token}" to requests that have none (every govreport.v1 call needs one).</summary>
    private sealed class DefaultBearer(string token) : DelegatingHandler(new SocketsHttpHandler { UseProxy = false, UseCookies = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.Contains("authorization"))
            {
                request.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
