using System.Globalization;
using GovReport.Api.V1;

namespace GovReport.Client.Tui.Internal;

/// <summary>
/// The Chinese explanation of a save conflict: which version the user edited, who saved the newer one on the server
/// and when, what changed there, and which of the user's own changes touch the same cells.
/// </summary>
internal static class ConflictText
{
    private const int ListedCells = 3;

    /// <param name="draft">The local draft (its base is the version the user started from).</param>
    /// <param name="server">The report as now stored.</param>
    /// <param name="lastAuthor">
    /// Who saved the newest revision: the caller's own "users/{id}" when it was the caller, else the author's display name
    /// ("users/{id}" when the server gives none); null when unknown.
    /// </param>
    /// <param name="me">The caller's "users/{id}".</param>
    public static IReadOnlyList<string> Describe(ReportDraft draft, Report server, string? lastAuthor, string? me, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(zone);
        var mine = draft.Base;
        var who = lastAuthor is null ? "他人" : lastAuthor == me ? "您本人（在另一窗口或会话中）" : "用户 " + lastAuthor;
        var when = server.UpdateTime is null
            ? string.Empty
            : "于 " + TimeZoneInfo.ConvertTime(server.UpdateTime.ToDateTimeOffset(), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " ";
        var lines = new List<string>
        {
            "保存失败：您编辑期间，报告已被修改（版本标记已变）。",
            $"您编辑的是第 {mine.Revision} 版；服务器上现为第 {server.Revision} 版（{StateText(server.State)}），由{who}{(when.Length == 0 ? string.Empty : " ")}{when}保存。",
        };

        var theirCells = Changed(mine.Cells, server.Cells);
        var theirParts = draft.Template.Parts.Where(p => Text(mine, p.Code) != Text(server, p.Code)).Select(p => p.Number).ToList();
        if (theirCells.Count == 0 && theirParts.Count == 0)
        {
            lines.Add("服务器上的内容与您编辑的版本相同（只有状态或版本标记不同）。");
        }
        else
        {
            var listed = theirCells.Take(ListedCells).Select(a => $"{CellLabel(draft.Template, a)}：{CellText(mine, a)}→{CellText(server, a)}");
            var more = theirCells.Count > ListedCells ? "等" : string.Empty;
            var cells = theirCells.Count == 0 ? string.Empty : $"{theirCells.Count} 个单元格（{string.Join("；", listed)}{more}）";
            var parts = theirParts.Count == 0 ? string.Empty : $"第{string.Join("、", theirParts)}部分正文";
            lines.Add("服务器上的改动：" + string.Join("，", new[] { cells, parts }.Where(s => s.Length > 0)) + "。");
        }

        var myCells = draft.ChangedCells();
        var both = myCells.Intersect(theirCells, StringComparer.Ordinal).ToList();
        var myParts = draft.ChangedParts();
        lines.Add($"您的改动：{myCells.Count} 个单元格，{myParts.Count} 部分正文"
            + (both.Count == 0 ? "，与服务器上的改动没有重叠。" : $"；其中 {both.Count} 个单元格双方都改了（{string.Join("、", both.Take(ListedCells).Select(a => CellLabel(draft.Template, a)))}），覆盖时以您的为准。"));
        return lines;
    }

    /// <summary>"（七）总计 / 自然人" for a template cell; the address itself when the template has no such cell.</summary>
    public static string CellLabel(ReportTemplate template, string address)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (var table in template.Tables)
        {
            foreach (var block in table.Blocks)
            {
                foreach (var row in block.Rows)
                {
                    var index = row.CellAddresses.IndexOf(address);
                    if (index >= 0 && index < block.Columns.Count)
                    {
                        return row.Label + " / " + block.Columns[index].Label;
                    }
                }
            }
        }

        return address;
    }

    public static string StateText(Report.Types.State state) => Cli.Shared.CliNames.State(state);

    private static List<string> Changed(IEnumerable<Cell> before, IEnumerable<Cell> after)
    {
        var a = before.ToDictionary(c => c.Address, StringComparer.Ordinal);
        var b = after.ToDictionary(c => c.Address, StringComparer.Ordinal);
        return a.Keys.Union(b.Keys, StringComparer.Ordinal)
            .Where(k => Show(a.GetValueOrDefault(k)) != Show(b.GetValueOrDefault(k)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string CellText(Report report, string address) => Show(report.Cells.FirstOrDefault(c => c.Address == address));

    private static string Show(Cell? cell) => cell is null || !cell.Present ? "空白" : cell.Value.Length > 0 ? cell.Value : cell.OriginalText;

    private static string Text(Report report, string code) => report.Parts.FirstOrDefault(p => p.Code == code)?.Text ?? string.Empty;
}
