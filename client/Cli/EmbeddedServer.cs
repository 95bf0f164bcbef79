using GovReport.Grpc;
using GovReport.Services.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Client.Cli;

/// <summary>
/// The embedded default server: the real GovReport host on 127.0.0.1, port 0, in this process, with a throw-away
/// data directory. The client talks to it over our own GrpcChannel exactly as to a remote server.
/// </summary>
internal sealed class EmbeddedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private EmbeddedServer(WebApplication app, string dataDirectory, string address)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    public string Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The admin token the server wrote to &lt;data-dir&gt;/admin-token on its first start (its data directory is new).</summary>
    public string AdminToken { get; private init; } = string.Empty;

    public static async Task<EmbeddedServer> StartAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "govreport-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var app = GovReportHost.Build(["--urls", "http://127.0.0.1:0", "--data-dir", dataDirectory]);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? app.Urls.First();
        var adminToken = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin-token"), cancellationToken).ConfigureAwait(false)).Trim();
        return new EmbeddedServer(app, dataDirectory, address) { AdminToken = adminToken };
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; the check result is what matters.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
