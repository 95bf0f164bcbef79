using System.Globalization;
using GovReport.Api.V1;

namespace GovReport.Client.Tui.Internal;

/// <summary>One line of a revision diff: a cell (label, address, before → after) or a narrative part (summarised).</summary>
internal sealed record HistoryDiffRow(string Item, string Where, string Before, string After, bool IsPart);

/// <summary>Turns a CompareReportRevisions answer into the lines the history screen shows.</summary>
internal static class HistoryDiff
{
    public const string Empty = "（空）";

    /// <summary>Characters of unchanged text shown on each side of a change.</summary>
    private const int Context = 3;

    /// <summary>At most this many characters of a changed text are shown.</summary>
    private const int ExcerptLength = 16;

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
                $"正文{summary}：{PartTitle(part.Code, templates)} {Excerpt(part.Before, part.After)}",
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

    /// <summary>
    /// What changed in a text, briefly: the start of an added or removed text, else the differing middle (after the
    /// common start and end) before and after, e.g. “…12件…”→“…15件…”.
    /// </summary>
    public static string Excerpt(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Length == 0 || after.Length == 0)
        {
            return "“" + Cut(before.Length == 0 ? after : before, ExcerptLength) + "”";
        }

        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
        {
            suffix++;
        }

        // A little context on each side of the change, never cutting a surrogate pair.
        var from = Math.Max(0, prefix - Context);
        if (from > 0 && char.IsLowSurrogate(before[from]))
        {
            from--;
        }

        var dropped = Math.Max(0, suffix - Context);
        if (dropped > 0 && char.IsLowSurrogate(before[^dropped]))
        {
            dropped--;
        }

        var lead = from > 0 ? "…" : string.Empty;
        var tail = dropped > 0 ? "…" : string.Empty;
        var middleBefore = Cut(before[from..(before.Length - dropped)], ExcerptLength);
        var middleAfter = Cut(after[from..(after.Length - dropped)], ExcerptLength);
        return $"“{lead}{middleBefore}{tail}”→“{lead}{middleAfter}{tail}”";
    }

    private static string Cut(string text, int length)
    {
        var elements = StringInfo.GetTextElementEnumerator(text.Replace('\n', ' '));
        var result = new System.Text.StringBuilder();
        var count = 0;
        while (elements.MoveNext())
        {
            if (count++ == length)
            {
                return result.Append('…').ToString();
            }

            result.Append(elements.GetTextElement());
        }

        return result.ToString();
    }

    private static string Value(string value) => string.IsNullOrEmpty(value) ? Empty : value;

    private static string Chars(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} 字");
}
