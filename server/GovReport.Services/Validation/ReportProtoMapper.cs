using System.Globalization;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Domain.Validation;
using GovReport.Grpc;
using GovReport.Services.Templates.Internal;
using ApiAgencyKind = GovReport.Api.V1.AgencyKind;
using ApiSeverity = GovReport.Api.V1.Severity;

namespace GovReport.Services.Validation;

/// <summary>
/// Domain ↔ protobuf mapping of reports, findings and rules. Public so other handlers (storage, workflow) reuse it.
/// Bad input becomes INVALID_ARGUMENT (BadRequest field violations, e.g. "report.cells[3].address") or
/// RESOURCE_EXHAUSTED for oversized text; a negative count is not a transport error but finding V08.
/// </summary>
public static class ReportProtoMapper
{
    /// <summary>Longest narrative accepted per part (characters).</summary>
    public const int MaxPartTextLength = 200_000;

    public const int MaxParts = 64;

    public const int MaxCells = 1000;

    private const int MaxShortText = 500;
    private const int MaxViolations = 20;

    public static string FormatDecimal(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);

    public static ApiAgencyKind ToApi(AgencyKind kind) => kind switch
    {
        AgencyKind.Government => ApiAgencyKind.Government,
        AgencyKind.Department => ApiAgencyKind.Department,
        AgencyKind.TownshipOrStreet => ApiAgencyKind.Township,
        _ => ApiAgencyKind.Unspecified,
    };

    public static AgencyKind FromApi(ApiAgencyKind kind) => kind switch
    {
        ApiAgencyKind.Government => AgencyKind.Government,
        ApiAgencyKind.Department => AgencyKind.Department,
        ApiAgencyKind.Township => AgencyKind.TownshipOrStreet,
        _ => AgencyKind.Unknown,
    };

    public static ApiSeverity ToApi(Severity severity) => severity switch
    {
        Severity.Error => ApiSeverity.Error,
        Severity.Warning => ApiSeverity.Warning,
        Severity.Info => ApiSeverity.Info,
        _ => ApiSeverity.Unspecified,
    };

    public static Api.V1.Report ToApi(Report report) => ToApi(report, basis: null, basisMessage: null);

    /// <summary>
    /// <see cref="ToApi(Report)"/> of <paramref name="report"/>, sharing the part and cell messages of
    /// <paramref name="basisMessage"/> (which must be <c>ToApi(basis)</c>, e.g. the previous version's cached message)
    /// wherever the report has exactly the basis's part or cell: a save of a few cells builds a few cell messages, not
    /// the template's few hundred. The shared messages must never be mutated.
    /// </summary>
    public static Api.V1.Report ToApi(Report report, Report? basis, Api.V1.Report? basisMessage)
    {
        ArgumentNullException.ThrowIfNull(report);
        var message = new Api.V1.Report
        {
            AgencyDisplayName = report.AgencyName ?? string.Empty,
            AgencyKind = ToApi(report.AgencyKind),
            ReportYear = report.Year,
            Template = TemplateMapper.ToApi(report.Template.Id),
            PublicationDate = report.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        };
        var template = report.Template;
        var shared = basis is not null && basisMessage is not null && ReferenceEquals(basis.Template, template)
            && basisMessage.Cells.Count == template.CellCount;
        if (shared && SameParts(report, basis!))
        {
            message.Parts.Add(basisMessage!.Parts);
            message.ExtraParts.Add(basisMessage.ExtraParts);
        }
        else
        {
            foreach (var part in report.Parts)
            {
                var apiPart = new Api.V1.ReportPart
                {
                    Code = part.Code is { } code ? PartCodes.ToCode(code) : string.Empty,
                    Heading = part.Heading,
                    Text = part.Text,
                    Order = part.Order,
                };
                (part.IsExtra ? message.ExtraParts : message.Parts).Add(apiPart);
            }
        }

        // One array of the right size instead of doubling through the template's few hundred cells.
        message.Cells.Capacity = template.CellCount;
        for (var i = 0; i < template.CellCount; i++)
        {
            ref readonly var cell = ref report.GetCell(new CellId(i));
            if (shared && Identical(cell, basis!.GetCell(new CellId(i))))
            {
                message.Cells.Add(basisMessage!.Cells[i]);
                continue;
            }

            message.Cells.Add(new Api.V1.Cell
            {
                Address = template.Cells[i].Address,
                Present = cell.IsPresent,
                Value = cell.State == CellState.Number ? FormatDecimal(cell.Value) : string.Empty,
                OriginalText = cell.OriginalText ?? string.Empty,
                Unit = cell.Unit ?? string.Empty,
            });
        }

        foreach (var table in report.ExtraTables)
        {
            message.ExtraTables.Add(new Api.V1.ExtraTable
            {
                Kind = table.Kind == ExtraTableKind.ObsoleteStatistics ? Api.V1.ExtraTableKind.ObsoleteStatistics : Api.V1.ExtraTableKind.Unspecified,
                Title = table.Title,
                PartOrder = table.PartOrder,
            });
        }

        return message;
    }

    // The same part objects in the same order (a save that did not touch the narrative shares them).
    private static bool SameParts(Report report, Report basis)
    {
        if (report.Parts.Count != basis.Parts.Count)
        {
            return false;
        }

        for (var i = 0; i < report.Parts.Count; i++)
        {
            if (!ReferenceEquals(report.Parts[i], basis.Parts[i]))
            {
                return false;
            }
        }

        return true;
    }

    // Equal down to the decimal's scale and the exact texts: stricter than the printed value needs (G29 prints 12.50 as
    // "12.5"), so a shared cell message is always the one a fresh conversion would build.
    private static bool Identical(in CellValue a, in CellValue b) =>
        a.State == b.State && a.Value == b.Value && a.Value.Scale == b.Value.Scale
        && string.Equals(a.OriginalText, b.OriginalText, StringComparison.Ordinal) && string.Equals(a.Unit, b.Unit, StringComparison.Ordinal);

    /// <summary>Reads a protobuf report; <paramref name="field"/> prefixes violation paths (e.g. "report").</summary>
    public static Report FromApi(Api.V1.Report? message, string field)
    {
        if (message is null)
        {
            throw RpcErrors.InvalidArgument("REPORT_REQUIRED", "请求中缺少报告内容。", new FieldViolation(field, "必须提供报告"));
        }

        var violations = new List<FieldViolation>();
        CheckSizes(message, field);
        var year = message.ReportYear;
        if (year < 2000 || year > 2100)
        {
            violations.Add(new FieldViolation($"{field}.report_year", $"报告年度 {year} 不在 2000–2100 之间"));
            year = 2019;
        }

        var template = message.Template switch
        {
            Api.V1.Template._2019 => TemplateRegistry.Template2019,
            Api.V1.Template._2021 => TemplateRegistry.Template2021,
            Api.V1.Template.Unspecified => TemplateRegistry.ForYear(year) ?? TemplateRegistry.Template2019,
            _ => null,
        };
        if (template is null)
        {
            violations.Add(new FieldViolation($"{field}.template", $"未知的模板值 {(int)message.Template}"));
            template = TemplateRegistry.ForYear(year) ?? TemplateRegistry.Template2019;
        }

        var builder = new ReportBuilder(template, year)
        {
            AgencyName = string.IsNullOrWhiteSpace(message.AgencyDisplayName) ? null : message.AgencyDisplayName.Trim(),
            AgencyKind = FromApi(message.AgencyKind),
        };
        if (!Enum.IsDefined(message.AgencyKind))
        {
            violations.Add(new FieldViolation($"{field}.agency_kind", $"未知的机关类型值 {(int)message.AgencyKind}"));
        }

        builder.PublicationDate = ReadPublicationDate(message.PublicationDate, $"{field}.publication_date", violations);

        var parts = new List<(Api.V1.ReportPart Part, string Path, bool Extra)>();
        for (var i = 0; i < message.Parts.Count; i++)
        {
            parts.Add((message.Parts[i], $"{field}.parts[{i}]", false));
        }

        for (var i = 0; i < message.ExtraParts.Count; i++)
        {
            parts.Add((message.ExtraParts[i], $"{field}.extra_parts[{i}]", true));
        }

        foreach (var (part, path, extra) in parts.OrderBy(p => p.Part.Order))
        {
            PartCode? code = null;
            if (!extra)
            {
                if (PartCodes.TryParse(part.Code, out var parsed))
                {
                    code = parsed;
                }
                else
                {
                    violations.Add(new FieldViolation($"{path}.code", $"未知的部分代码“{Shorten(part.Code)}”，应为 overview、active_disclosure、applications、reviews_litigation、problems 或 other_matters"));
                    continue;
                }
            }

            builder.Parts.Add(new ReportPart(code, part.Heading, part.Text, part.Order));
        }

        ReadCells(message.Cells, builder, field, violations);

        foreach (var table in message.ExtraTables)
        {
            builder.ExtraTables.Add(new ExtraTable(
                table.Kind == Api.V1.ExtraTableKind.ObsoleteStatistics ? ExtraTableKind.ObsoleteStatistics : ExtraTableKind.Unknown, table.Title, table.PartOrder));
        }

        ThrowIfInvalid(violations);
        return builder.BuildOnce();
    }

    /// <summary>A publication date "YYYY-MM-DD"; null when empty; a violation of <paramref name="path"/> when malformed.</summary>
    public static DateOnly? ReadPublicationDate(string text, string path, List<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(violations);
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        violations.Add(new FieldViolation(path, $"日期“{Shorten(text)}”格式应为 YYYY-MM-DD"));
        return null;
    }

    /// <summary>
    /// Sets every cell of <paramref name="cells"/> on <paramref name="builder"/> (addresses per its template, each at most
    /// once); violations name "{field}.cells[i]…".
    /// </summary>
    public static void ReadCells(IReadOnlyList<Api.V1.Cell> cells, ReportBuilder builder, string field, List<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(violations);
        var template = builder.Template;
        var seen = new bool[template.CellCount];
        for (var i = 0; i < cells.Count && violations.Count < MaxViolations; i++)
        {
            var cell = cells[i];
            if (!template.TryGetCell(cell.Address, out var id))
            {
                violations.Add(new FieldViolation($"{field}.cells[{i}].address", $"模板 {template.Name} 中没有单元格“{Shorten(cell.Address)}”"));
                continue;
            }

            if (seen[id.Value])
            {
                violations.Add(new FieldViolation($"{field}.cells[{i}].address", $"单元格“{cell.Address}”重复出现"));
                continue;
            }

            seen[id.Value] = true;
            if (ReadCell(cell, $"{field}.cells[{i}]", violations) is { } value)
            {
                builder[id] = value;
            }
        }
    }

    /// <summary>One cell's value; null (and a violation of <paramref name="path"/>) when its value is not canonical.</summary>
    public static CellValue? ReadCell(Api.V1.Cell cell, string path, List<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(violations);
        var original = cell.OriginalText.Length == 0 ? null : cell.OriginalText;
        if (!cell.Present)
        {
            return CellValue.Blank(original);
        }

        if (cell.Value.Length == 0)
        {
            if (original is not null)
            {
                return CellValue.Unreadable(original);
            }

            violations.Add(new FieldViolation($"{path}.value", "present 为 true 时必须提供 value 或 original_text"));
            return null;
        }

        if (decimal.TryParse(cell.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return CellValue.Number(value, original, cell.Unit.Length == 0 ? null : cell.Unit);
        }

        violations.Add(new FieldViolation($"{path}.value", $"“{Shorten(cell.Value)}”不是规范的十进制数（如 12、-8、165950.2）"));
        return null;
    }

    /// <summary>INVALID_ARGUMENT "INVALID_REPORT" with the first violations, when there are any.</summary>
    public static void ThrowIfInvalid(List<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count > 0)
        {
            var first = violations[0];
            throw RpcErrors.InvalidArgument("INVALID_REPORT", $"报告内容有{violations.Count}处不合规：{first.Field}：{first.Description}", [.. violations.Take(MaxViolations)]);
        }
    }

    public static Api.V1.ValidationResult ToApi(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = new Api.V1.ValidationResult
        {
            ErrorCount = result.ErrorCount,
            RootErrorCount = result.RootErrorCount,
            WarningCount = result.WarningCount,
            InfoCount = result.InfoCount,
        };
        foreach (var finding in result.Findings)
        {
            var apiFinding = new Api.V1.Finding
            {
                Id = finding.Id,
                RuleId = finding.RuleId,
                Severity = ToApi(finding.Severity),
                Message = finding.Message,
                Basis = finding.Basis,
                CulpritAddress = finding.CulpritAddress ?? string.Empty,
                CausedBy = finding.CausedBy ?? 0,
                StableKey = finding.StableKey,
            };
            foreach (var cell in finding.Cells)
            {
                apiFinding.Cells.Add(new Api.V1.FindingCell
                {
                    Address = cell.Address,
                    Label = cell.Label,
                    Stated = cell.Stated is { } stated ? FormatDecimal(stated) : string.Empty,
                    Computed = cell.Computed is { } computed ? FormatDecimal(computed) : string.Empty,
                });
            }

            message.Findings.Add(apiFinding);
        }

        return message;
    }

    public static Api.V1.Rule ToApi(RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var message = new Api.V1.Rule
        {
            Id = rule.Id,
            Severity = ToApi(rule.Severity),
            Title = rule.Title,
            Description = rule.Description,
            Basis = rule.Basis,
            Checkable = rule.Checkable,
        };
        message.Templates.Add(rule.Templates.Select(TemplateMapper.ToApi));
        return message;
    }

    private static void CheckSizes(Api.V1.Report message, string field)
    {
        if (message.Parts.Count + message.ExtraParts.Count > MaxParts)
        {
            throw RpcErrors.ResourceExhausted("REPORT_TOO_LARGE", $"报告包含{message.Parts.Count + message.ExtraParts.Count}个部分，超过上限{MaxParts}个。");
        }

        foreach (var part in message.Parts.Concat(message.ExtraParts))
        {
            if (part.Text.Length > MaxPartTextLength)
            {
                throw RpcErrors.ResourceExhausted("REPORT_TOO_LARGE", $"报告部分“{Shorten(part.Heading)}”的正文有{part.Text.Length}字，超过上限{MaxPartTextLength}字。");
            }

            if (part.Heading.Length > MaxShortText)
            {
                throw RpcErrors.InvalidArgument("FIELD_TOO_LONG", $"部分标题超过{MaxShortText}字。", new FieldViolation($"{field}.parts.heading", $"标题最长{MaxShortText}字"));
            }
        }

        CheckCellSizes(message.Cells, field);
        if (message.AgencyDisplayName.Length > MaxShortText)
        {
            throw RpcErrors.InvalidArgument("FIELD_TOO_LONG", $"机关名称超过{MaxShortText}字。", new FieldViolation($"{field}.agency_display_name", $"最长{MaxShortText}字"));
        }
    }

    /// <summary>RESOURCE_EXHAUSTED for more than 1,000 cells; INVALID_ARGUMENT for a cell field over 500 characters.</summary>
    public static void CheckCellSizes(IReadOnlyList<Api.V1.Cell> cells, string field)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count > MaxCells)
        {
            throw RpcErrors.ResourceExhausted("REPORT_TOO_LARGE", $"报告包含{cells.Count}个单元格，超过上限{MaxCells}个。");
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.Address.Length > MaxShortText || cell.Value.Length > MaxShortText || cell.OriginalText.Length > MaxShortText || cell.Unit.Length > MaxShortText)
            {
                throw RpcErrors.InvalidArgument("FIELD_TOO_LONG", $"第{i + 1}个单元格的内容超过{MaxShortText}字。", new FieldViolation($"{field}.cells[{i}]", $"地址、数值、原文、单位各最长{MaxShortText}字"));
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
