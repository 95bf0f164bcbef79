using System.Globalization;
using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Terminal;
using RpcStatusCode = GovReport.Grpc.StatusCode;

namespace GovReport.Client.Tui.Internal;

/// <summary>Texts of the review screens: columns, times, report descriptions and the Chinese wording of refusals.</summary>
internal static class ReviewText
{
    /// <summary>"2026-03-01 09:30" in the client's local time zone; "—" when unset.</summary>
    public static string Time(Google.Protobuf.WellKnownTypes.Timestamp? time, TimeProvider clock)
    {
        if (time is null)
        {
            return "—";
        }

        var local = TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), clock.LocalTimeZone);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"北仑区人民政府办公室 2020 年度报告".</summary>
    public static string Describe(Report report) =>
        $"{(string.IsNullOrEmpty(report.AgencyDisplayName) ? report.Agency : report.AgencyDisplayName)} {report.ReportYear} 年度报告";

    public static string State(Report.Types.State state) => state switch
    {
        Report.Types.State.Draft => "草稿",
        Report.Types.State.Submitted => "已提交",
        Report.Types.State.Approved => "已审核通过",
        Report.Types.State.Returned => "已退回",
        Report.Types.State.Reopened => "已重新打开",
        _ => "未保存",
    };

    /// <summary>What the caller may do with a submitted report, from its allowed_actions.</summary>
    public static string Actions(Report report)
    {
        var approve = report.AllowedActions.Contains("approve");
        var giveBack = report.AllowedActions.Contains("return");
        return (approve, giveBack) switch
        {
            (true, true) => "通过/退回",
            (true, false) => "通过",
            (false, true) => "退回",
            _ => "仅查看",
        };
    }

    /// <summary>"（七）总计 / 自然人" for every cell address of <paramref name="template"/>.</summary>
    public static Dictionary<string, string> CellLabels(ReportTemplate template)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in template.Tables.SelectMany(t => t.Blocks))
        {
            foreach (var row in block.Rows)
            {
                for (var i = 0; i < row.CellAddresses.Count; i++)
                {
                    var column = i < block.Columns.Count ? " / " + block.Columns[i].Label : string.Empty;
                    labels.TryAdd(row.CellAddresses[i], row.Label + column);
                }
            }
        }

        return labels;
    }

    /// <summary>"（七）总计 / 自然人：请核对（审核员，2026-03-01 09:30）"; "users/3" only when the server gave no name.</summary>
    public static string CommentLine(Comment comment, IReadOnlyDictionary<string, string> labels, TimeProvider clock)
    {
        var target = string.IsNullOrEmpty(comment.CellAddress) ? "整份报告" : labels.GetValueOrDefault(comment.CellAddress, comment.CellAddress);
        var author = string.IsNullOrWhiteSpace(comment.AuthorDisplayName) ? comment.Author : comment.AuthorDisplayName;
        return $"{target}：{comment.Text}（{author}，{Time(comment.CreateTime, clock)}）";
    }

    /// <summary>Pads (or truncates with "…") to exactly <paramref name="width"/> display columns.</summary>
    public static string Fit(string text, int width, bool right = false)
    {
        if (width <= 0)
        {
            return string.Empty;
        }

        var shown = DisplayWidth.Truncate(text, width);
        var padding = new string(' ', Math.Max(0, width - DisplayWidth.Of(shown)));
        return right ? padding + shown : shown + padding;
    }

    /// <summary>
    /// A refused or failed review action (<paramref name="action"/> = "审核通过", "退回", "评论") in Chinese: the server's own
    /// reason for workflow refusals (separation of duties, wrong state) and access refusals, and what to do next.
    /// </summary>
    public static string Refusal(string action, Exception exception)
    {
        if (exception is not RpcException rpc)
        {
            return $"{action}失败：{ErrorText.Describe(exception)}";
        }

        var reason = rpc.GetDetail<ErrorInfo>()?.Type;
        var detail = string.IsNullOrWhiteSpace(rpc.Status.Detail) ? ErrorText.Describe(rpc) : rpc.Status.Detail;

        // A workflow refusal reads "不能从“已提交”状态审核通过报告：<reason>"; the action is already named, so keep the reason.
        var colon = detail.IndexOf('：', StringComparison.Ordinal);
        var why = detail.StartsWith("不能从", StringComparison.Ordinal) && colon > 0 ? detail[(colon + 1)..] : detail;
        return rpc.StatusCode switch
        {
            RpcStatusCode.FailedPrecondition when reason == "SEPARATION_OF_DUTIES" =>
                why.Contains("职责分离", StringComparison.Ordinal) ? $"{action}被拒绝：{why}" : $"{action}被拒绝（职责分离）：{why}",
            RpcStatusCode.FailedPrecondition when reason == "INVALID_STATE" =>
                $"{action}被拒绝：{why}。报告状态可能已被他人改变，按 F5 刷新",
            RpcStatusCode.FailedPrecondition => $"{action}被拒绝：{ErrorText.Describe(rpc)}",
            RpcStatusCode.PermissionDenied => $"{action}被拒绝（无权限）：{detail}",
            RpcStatusCode.Aborted => $"{action}失败：报告已被他人修改，请按 F5 刷新后重试",
            RpcStatusCode.NotFound => $"{action}失败：{detail}（可能已被删除，按 F5 刷新）",
            _ => $"{action}失败：{ErrorText.Describe(rpc)}",
        };
    }
}
