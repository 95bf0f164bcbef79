using System.Globalization;
using GovReport.Api.V1;
using GovReport.Domain.Validation;
using GovReport.Grpc;
using GovReport.Import;

namespace GovReport.Services.Validation;

/// <summary>govreport.v1.ValidationService: validate a report, list the rules, import and validate a file.</summary>
[GrpcService("govreport.v1.ValidationService")]
public sealed class ValidationServiceHandler(ReportValidator validator)
{
    public Task<Api.V1.ValidationResult> ValidateReport(ValidateReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = ReportProtoMapper.FromApi(request.Report, "report");
        var previous = request.PreviousYearReport is null ? null : ReportProtoMapper.FromApi(request.PreviousYearReport, "previous_year_report");
        return Task.FromResult(ReportProtoMapper.ToApi(validator.Validate(report, previous)));
    }

    public Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var response = new ListRulesResponse();
        response.Rules.Add(RuleCatalogue.All.Select(ReportProtoMapper.ToApi));
        return Task.FromResult(response);
    }

    public Task<ImportReportResponse> ImportReport(ImportReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Format.Trim().ToLowerInvariant() switch
        {
            "" => SourceFormat.Auto,
            "text" or "txt" => SourceFormat.Text,
            "docx" => SourceFormat.Docx,
            "html" or "htm" => SourceFormat.Html,
            _ => throw RpcErrors.InvalidArgument("UNSUPPORTED_FORMAT", $"不支持的格式“{request.Format}”，应为 text、docx 或 html。", new FieldViolation("format", "应为 text、docx、html 或留空")),
        };
        if (request.Content.Length > ImportOptions.DefaultMaxBytes)
        {
            throw RpcErrors.ResourceExhausted("IMPORT_FILE_TOO_LARGE", $"文件大小为{request.Content.Length / 1024 / 1024}MB，超过导入上限{ImportOptions.DefaultMaxBytes / 1024 / 1024}MB。");
        }

        DateOnly? date = null;
        if (request.PublicationDate.Length > 0)
        {
            if (!DateOnly.TryParseExact(request.PublicationDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw RpcErrors.InvalidArgument("INVALID_DATE", $"日期“{request.PublicationDate}”格式应为 YYYY-MM-DD。", new FieldViolation("publication_date", "格式应为 YYYY-MM-DD"));
            }

            date = parsed;
        }

        if (request.ReportYear != 0 && (request.ReportYear < 2000 || request.ReportYear > 2100))
        {
            throw RpcErrors.InvalidArgument("INVALID_YEAR", $"报告年度 {request.ReportYear} 不在 2000–2100 之间。", new FieldViolation("report_year", "应在 2000–2100 之间，或为 0 表示从文档读取"));
        }

        var options = new ImportOptions
        {
            Format = format,
            AgencyName = string.IsNullOrWhiteSpace(request.AgencyDisplayName) ? null : request.AgencyDisplayName.Trim(),
            Year = request.ReportYear == 0 ? null : request.ReportYear,
            PublicationDate = date,
        };
        ImportResult imported;
        try
        {
            imported = ReportImporter.Import(request.Content.Span, request.FileName, options);
        }
        catch (ImportException exception)
        {
            throw exception.IsResourceExhausted
                ? RpcErrors.ResourceExhausted(exception.ReasonCode, exception.Message)
                : RpcErrors.InvalidArgument(exception.ReasonCode, exception.Message, new FieldViolation("content", exception.Message));
        }

        var report = imported.Report;
        if (request.AgencyKind != Api.V1.AgencyKind.Unspecified)
        {
            var builder = report.ToBuilder();
            builder.AgencyKind = ReportProtoMapper.FromApi(request.AgencyKind);
            report = builder.Build();
        }

        var response = new ImportReportResponse
        {
            Report = ReportProtoMapper.ToApi(report),
            Validation = ReportProtoMapper.ToApi(validator.Validate(report)),
        };
        foreach (var note in imported.Notes)
        {
            var location = string.Join(" / ", new[] { note.Table, note.RowLabel, note.Column }.Where(s => !string.IsNullOrEmpty(s)));
            response.Notes.Add(new Api.V1.ImportNote
            {
                Kind = note.Code,
                Message = note.Message,
                Location = location,
                Severity = note.Severity == ImportNoteSeverity.Warning ? "warning" : "info",
            });
        }

        return Task.FromResult(response);
    }
}
