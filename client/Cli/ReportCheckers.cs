using System.Globalization;
using Google.Protobuf;
using GovReport.Api.V1;
using GovReport.Grpc;

namespace GovReport.Client.Cli;

/// <summary>Checks one report file and says what to print.</summary>
internal interface IReportChecker : IAsyncDisposable
{
    /// <summary>The report as checked and the canonical protobuf JSON of the ImportReportResponse.</summary>
    Task<(CheckedReport Report, string Json)> CheckAsync(byte[] content, string fileName, CancellationToken cancellationToken);
}

/// <summary>A file that could not be checked: the message is Chinese and says why.</summary>
internal sealed class CheckFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Checks files with ValidationService.ImportReport over a GrpcChannel (remote or embedded server).</summary>
/// <param name="token">Bearer token sent with every call (ValidationService needs a valid one); null sends none.</param>
internal sealed class GrpcReportChecker(GrpcChannel channel, IAsyncDisposable? owner, string? token) : IReportChecker
{
    public const string ImportReportMethod = "/govreport.v1.ValidationService/ImportReport";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    public async Task<(CheckedReport Report, string Json)> CheckAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var request = new ImportReportRequest { Content = ByteString.CopyFrom(content), FileName = Path.GetFileName(fileName) };
        ImportReportResponse response;
        try
        {
            var headers = string.IsNullOrEmpty(token) ? null : new Metadata { { "authorization", "Bearer " + token } };
            response = await channel.UnaryAsync<ImportReportRequest, ImportReportResponse>(ImportReportMethod, request,
                new CallOptions(headers, DateTime.UtcNow.AddMinutes(2), cancellationToken, false)).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            var reason = ex.GetDetail<Google.Rpc.ErrorInfo>()?.Type;
            var detail = string.IsNullOrEmpty(ex.Status.Detail) ? ex.StatusCode.ToString() : ex.Status.Detail;
            throw new CheckFailedException(reason is null ? detail : $"{detail}（{reason}）", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new CheckFailedException($"无法连接服务器 {channel.Address}：{ex.Message}", ex);
        }

        return (ToCheckedReport(Path.GetFileName(fileName), response), Json.Format(response));
    }

    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        if (owner is not null)
        {
            await owner.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static CheckedReport ToCheckedReport(string fileName, ImportReportResponse response)
    {
        var report = response.Report ?? new Report();
        var findings = new List<CheckedFinding>();
        foreach (var finding in response.Validation?.Findings ?? [])
        {
            var (group, order) = FindingGroups.Of(finding.RuleId, finding.Cells.Count > 0 ? finding.Cells[0].Address : null);
            var severity = finding.Severity switch
            {
                Api.V1.Severity.Error => CheckSeverity.Error,
                Api.V1.Severity.Warning => CheckSeverity.Warning,
                _ => CheckSeverity.Info,
            };
            findings.Add(new CheckedFinding(finding.RuleId, severity, finding.Message, group, order));
        }

        DateOnly? date = DateOnly.TryParseExact(report.PublicationDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : null;
        return new CheckedReport(
            fileName,
            string.IsNullOrWhiteSpace(report.AgencyDisplayName) ? null : report.AgencyDisplayName,
            report.AgencyKind switch
            {
                AgencyKind.Government => "人民政府",
                AgencyKind.Department => "政府部门",
                AgencyKind.Township => "乡镇街道",
                _ => "机关类型未知",
            },
            report.ReportYear,
            report.Template switch
            {
                Template._2019 => "2019年版（国办公开办函〔2019〕60号）",
                Template._2021 => "2021年版（国办公开办函〔2021〕30号）",
                _ => "未确定",
            },
            date,
            findings,
            [.. response.Notes.Select(n => n.Message)]);
    }
}
