using GovReport.Services.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GovReport.Client.Cli.Shared;

/// <summary>
/// The embedded default server of the scripting subcommands: the real GovReport host in this process on
/// 127.0.0.1 port 0, on a persistent data directory (default ./data, like the server), so successive commands
/// see the same database. Unlike `check`'s throw-away server, the directory is never deleted.
/// </summary>
internal sealed class EmbeddedServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedServerHost(WebApplication app, string address, string dataDirectory)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public string Address { get; }

    public string DataDirectory { get; }

    public static async Task<EmbeddedServerHost> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(fullPath);
        var app = GovReportHost.Build(["--urls", "http://127.0.0.1:0", "--data-dir", fullPath], services =>
        {
            // stdout belongs to the command (scripts parse it): the server logs only real errors, on stderr. Refused
            // calls are reported by the command itself, in Chinese.
            services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Error);
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return new EmbeddedServerHost(app, addresses?.FirstOrDefault() ?? app.Urls.First(), fullPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
