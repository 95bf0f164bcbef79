using GovReport.Grpc;

namespace GovReport.Client.Cli;

/// <summary>Chooses the server: --server URL, else the embedded server started in this process.</summary>
internal static class ReportCheckerFactory
{
    public static async Task<IReportChecker> CreateAsync(string? server, CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            return new GrpcReportChecker(GrpcChannel.ForAddress(server), owner: null);
        }

        EmbeddedServer embedded;
        try
        {
            embedded = await EmbeddedServer.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            throw new CheckFailedException($"无法启动内嵌服务器：{ex.Message}", ex);
        }

        return new GrpcReportChecker(embedded.Channel, embedded);
    }
}
