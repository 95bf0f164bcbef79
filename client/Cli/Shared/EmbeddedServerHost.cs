using GovReport.Services.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GovReport.Client.Cli.Shared;

/// <summary>
/// The client's embedded default server (`check`, the scripting subcommands and the full-screen client): the real
/// GovReport host in this process on 127.0.0.1 port 0, talked to over our own GrpcChannel exactly as a remote one.
/// With a data directory (default ./data, like the server) successive runs see the same database; without one
/// the data lives in a temporary directory removed on dispose.
/// </summary>
internal sealed class EmbeddedServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _temporary;

    private EmbeddedServerHost(WebApplication app, string address, string dataDirectory, bool temporary, string? adminToken)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
        _temporary = temporary;
        AdminToken = adminToken;
    }

    public string Address { get; }

    public string DataDirectory { get; }

    /// <summary>The admin token the server wrote to &lt;data-dir&gt;/admin-token on its first start; null when there is none.</summary>
    public string? AdminToken { get; }

    public static async Task<EmbeddedServerHost> StartAsync(string? dataDirectory, CancellationToken cancellationToken)
    {
        var temporary = string.IsNullOrEmpty(dataDirectory);
        var fullPath = temporary
            ? Path.Combine(Path.GetTempPath(), "govreport-embedded-" + Guid.NewGuid().ToString("N"))
            : Path.GetFullPath(dataDirectory!);
        Directory.CreateDirectory(fullPath);
        var app = GovReportHost.Build(["--urls", "http://127.0.0.1:0", "--data-dir", fullPath], services =>
        {
            // stdout belongs to the command (scripts parse it) or to the screen: the server logs only real errors, on
            // stderr. Refused calls are reported by the client itself, in Chinese.
            services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Error);
        });
        try
        {
            // Building is not cancellable; a client that quit meanwhile should not start listening.
            cancellationToken.ThrowIfCancellationRequested();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return new EmbeddedServerHost(app, addresses?.FirstOrDefault() ?? app.Urls.First(), fullPath, temporary,
            await ReadAdminTokenAsync(fullPath, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (!_temporary)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    // The server writes this file on its first start with an empty database, so it is read after starting.
    private static async Task<string?> ReadAdminTokenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        try
        {
            var token = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin-token"), cancellationToken).ConfigureAwait(false)).Trim();
            return token.Length == 0 ? null : token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No token file (e.g. deleted after use): calls go out without a token and the server says so.
            return null;
        }
    }
}
