using GovReport.Api.V1;
using GovReport.Client.Tui.Screens;

namespace GovReport.Client.Tui.Internal;

/// <summary>Approve (after a confirmation) and return (with a required reason) — the same from the queue and the review screen.</summary>
internal static class ReviewActions
{
    /// <summary>Asks for confirmation, then approves; <paramref name="onDone"/> gets the approved report.</summary>
    public static ScreenResult ConfirmApprove(TuiShell shell, Report report, Action<Report> onDone)
    {
        var lines = new List<string> { $"审核通过 {ReviewText.Describe(report)}？", "通过后报告为只读；如需修改，须由上级审核员或管理员重新打开。" };
        if (report.ErrorCount > 0)
        {
            lines.Add($"注意：该报告校验仍有 {report.ErrorCount} 个错误。");
        }

        return ScreenResult.PushScreen(new ReviewConfirmScreen(shell, "审核通过", lines, () => Approve(shell, report, onDone)));
    }

    /// <summary>
    /// Asks for the reason (required: an empty answer asks again) and returns the report with the marked cells and the
    /// findings attached; <paramref name="onDone"/> gets the returned report.
    /// </summary>
    public static ScreenResult PromptReturn(TuiShell shell, Report report, IReadOnlyList<string> cells, IReadOnlyList<string> findingKeys,
        Action<Report> onDone) => ScreenResult.PushScreen(ReturnPrompt(shell, report, cells, findingKeys, onDone, string.Empty));

    private static PromptScreen ReturnPrompt(TuiShell shell, Report report, IReadOnlyList<string> cells, IReadOnlyList<string> findingKeys,
        Action<Report> onDone, string initial)
    {
        var attached = cells.Count + findingKeys.Count == 0
            ? string.Empty
            : $"（将附上标记的 {cells.Count} 个单元格、{findingKeys.Count} 条问题）";
        return new PromptScreen(shell, "退回 " + ReviewText.Describe(report), "退回理由（必填）" + attached + "：", initial, reason =>
        {
            if (reason.Length == 0)
            {
                shell.SetMessage("退回理由不能为空：请填写理由（Esc 取消退回）", error: true);
                shell.Push(ReturnPrompt(shell, report, cells, findingKeys, onDone, string.Empty));
                return;
            }

            var request = new ReturnReportRequest { Name = report.Name, Etag = report.Etag, Reason = reason };
            request.CellAddresses.AddRange(cells);
            request.FindingKeys.AddRange(findingKeys);
            var session = shell.RequireSession();
            shell.SetMessage("正在退回…");
            shell.Run(
                ct => session.ReturnReportAsync(request, ct),
                returned =>
                {
                    shell.SetMessage($"已退回：{ReviewText.Describe(returned)}（理由：{reason}）");
                    onDone(returned);
                },
                ex => shell.SetMessage(ReviewText.Refusal("退回", ex), error: true));
        });
    }

    private static void Approve(TuiShell shell, Report report, Action<Report> onDone)
    {
        var session = shell.RequireSession();
        shell.SetMessage("正在审核…");
        shell.Run(
            ct => session.ApproveReportAsync(report.Name, report.Etag, ct),
            approved =>
            {
                shell.SetMessage($"已审核通过：{ReviewText.Describe(approved)}");
                onDone(approved);
            },
            ex => shell.SetMessage(ReviewText.Refusal("审核通过", ex), error: true));
    }
}
