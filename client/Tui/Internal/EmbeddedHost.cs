using GovReport.Services.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Client.Tui.Internal;

/// <summary>The real GovReport host, in this process, on 127.0.0.1 port 0 (the client's embedded default).</summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _temporaryDirectory;

    private EmbeddedHost(WebApplication app, string address, string dataDirectory, string? temporaryDirectory)
    {
        DataDirectory = dataDirectory;
        _app = app;
        Address = address;
        _temporaryDirectory = temporaryDirectory;
    }

    public string Address { get; }

    public string DataDirectory { get; }

    /// <summary>Starts the host; without <paramref name="dataDirectory"/> the data lives in a temporary directory removed on dispose.</summary>
    public static async Task<EmbeddedHost> StartAsync(string? dataDirectory, CancellationToken cancellationToken)
    {
        string? temporary = null;
        if (string.IsNullOrEmpty(dataDirectory))
        {
            temporary = Path.Combine(Path.GetTempPath(), "govreport-tui-" + Guid.NewGuid().ToString("N"));
            dataDirectory = temporary;
        }

        Directory.CreateDirectory(dataDirectory);
        var app = GovReportHost.Build(["--urls", "http://127.0.0.1:0", "--data-dir", dataDirectory]);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return new EmbeddedHost(app, addresses?.FirstOrDefault() ?? app.Urls.First(), dataDirectory, temporary);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_temporaryDirectory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_temporaryDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
