using System.Globalization;
using GovReport.Api.V1;

namespace GovReport.Client.Tui.Internal;

/// <summary>One line of a revision diff: a cell (label, address, before → after) or a narrative part (summarised).</summary>
internal sealed record HistoryDiffRow(string Item, string Where, string Before, string After, bool IsPart);

/// <summary>Turns a CompareReportRevisions answer into the lines the history screen shows.</summary>
internal static class HistoryDiff
{
    public const string Empty = "（空）";

    /// <summary>
    /// Cells first (template label, address, value before and after; blank shown as "（空）"), then parts: added,
    /// removed, or changed with the length before and after, since whole paragraphs do not fit a table cell.
    /// </summary>
    public static IReadOnlyList<HistoryDiffRow> Rows(CompareReportRevisionsResponse diff, IReadOnlyList<ReportTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(templates);
        var rows = new List<HistoryDiffRow>();
        foreach (var cell in diff.CellChanges)
        {
            var label = string.IsNullOrWhiteSpace(cell.Label) ? cell.Address : cell.Label;
            rows.Add(new HistoryDiffRow(label, cell.Address, Value(cell.Before), Value(cell.After), IsPart: false));
        }

        foreach (var part in diff.PartChanges)
        {
            var (before, after) = (part.Before.Length, part.After.Length);
            var summary = before == 0 ? "新增" : after == 0 ? "删除" : "修改";
            rows.Add(new HistoryDiffRow(
                $"正文{summary}：{PartTitle(part.Code, templates)}",
                part.Code,
                before == 0 ? "（无）" : Chars(before),
                after == 0 ? "（无）" : Chars(after),
                IsPart: true));
        }

        return rows;
    }

    /// <summary>"单元格 2 处，正文 1 处" (or "内容相同").</summary>
    public static string Summary(CompareReportRevisionsResponse diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (diff.CellChanges.Count == 0 && diff.PartChanges.Count == 0)
        {
            return "内容相同";
        }

        return string.Create(CultureInfo.InvariantCulture, $"单元格 {diff.CellChanges.Count} 处，正文 {diff.PartChanges.Count} 处");
    }

    /// <summary>A part code's heading per the templates ("overview" → "一、总体情况"); "extra.3" → "模板外部分 3".</summary>
    public static string PartTitle(string code, IReadOnlyList<ReportTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        if (code.StartsWith("extra.", StringComparison.Ordinal))
        {
            return "模板外部分 " + code["extra.".Length..];
        }

        foreach (var template in templates)
        {
            var part = template.Parts.FirstOrDefault(p => p.Code == code);
            if (part is not null)
            {
                return string.IsNullOrEmpty(part.Heading) ? part.Number + part.Title : part.Heading;
            }
        }

        return code;
    }

    private static string Value(string value) => string.IsNullOrEmpty(value) ? Empty : value;

    private static string Chars(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} 字");
}
