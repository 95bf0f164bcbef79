using GovReport.Domain.Reports;
using GovReport.Domain.Validation;
using GovReport.Import;

namespace GovReport.Client.Cli;

/// <summary>Checks one report file and says what to print.</summary>
internal interface IReportChecker : IAsyncDisposable
{
    /// <summary>The report as checked, plus its canonical protobuf JSON when the check went through the API.</summary>
    Task<(CheckedReport Report, string? Json)> CheckAsync(byte[] content, string fileName, CancellationToken cancellationToken);
}

/// <summary>A file that could not be checked: the message is Chinese and says why.</summary>
internal sealed class CheckFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Importer + validation engine called directly in this process (no server).</summary>
internal sealed class DirectReportChecker : IReportChecker
{
    private readonly ReportValidator _validator = new();

    public Task<(CheckedReport Report, string? Json)> CheckAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        ImportResult imported;
        try
        {
            imported = ReportImporter.Import(content, fileName);
        }
        catch (ImportException ex)
        {
            throw new CheckFailedException($"{ex.Message}（{ex.ReasonCode}）", ex);
        }

        var report = imported.Report;
        var result = _validator.Validate(report);
        var findings = result.Findings.Select(f =>
        {
            var (group, order) = FindingGroups.Of(f.RuleId, f.Cells.Count > 0 ? f.Cells[0].Address : null);
            return new CheckedFinding(f.RuleId, (CheckSeverity)(int)f.Severity, f.Message, group, order);
        }).ToList();
        var checkedReport = new CheckedReport(
            Path.GetFileName(fileName),
            report.AgencyName,
            KindName(report.AgencyKind),
            report.Year,
            report.Template.Id == Domain.Templates.TemplateId.Template2019 ? "2019年版（国办公开办函〔2019〕60号）" : "2021年版（国办公开办函〔2021〕30号）",
            report.PublicationDate,
            findings,
            [.. imported.Notes.Select(n => n.Message)]);
        return Task.FromResult<(CheckedReport, string?)>((checkedReport, null));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static string KindName(AgencyKind kind) => kind switch
    {
        AgencyKind.Government => "人民政府",
        AgencyKind.Department => "政府部门",
        AgencyKind.TownshipOrStreet => "乡镇街道",
        _ => "机关类型未知",
    };
}
