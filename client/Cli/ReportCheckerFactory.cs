using GovReport.Grpc;

namespace GovReport.Client.Cli;

/// <summary>
/// Chooses the server: --server URL (token from --token, else $GOVREPORT_TOKEN), else the embedded server started in this
/// process (token: the admin token it wrote to its fresh data directory).
/// </summary>
internal static class ReportCheckerFactory
{
    public static async Task<IReportChecker> CreateAsync(string? server, string? token, CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            token ??= Environment.GetEnvironmentVariable(Shared.ConnectionOptions.TokenEnvironmentVariable);
            return new GrpcReportChecker(GrpcChannel.ForAddress(server), owner: null, string.IsNullOrWhiteSpace(token) ? null : token.Trim());
        }

        Shared.EmbeddedServerHost embedded;
        try
        {
            embedded = await Shared.EmbeddedServerHost.StartAsync(dataDirectory: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            throw new CheckFailedException($"无法启动内嵌服务器：{ex.Message}", ex);
        }

        return new GrpcReportChecker(GrpcChannel.ForAddress(embedded.Address), embedded, embedded.AdminToken);
    }
}
