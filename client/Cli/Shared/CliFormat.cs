using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;

namespace GovReport.Client.Cli.Shared;

/// <summary>Formatting and parsing shared by the subcommands: JSON, times, resource names, Chinese names of enums.</summary>
internal static partial class CliFormat
{
    public static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    /// <summary>"2026-11-23 12:04:05" in the machine's local time; "—" when unset.</summary>
    public static string Time(Timestamp? timestamp) => timestamp is null || (timestamp.Seconds == 0 && timestamp.Nanos == 0)
        ? "—"
        : timestamp.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string KindName(AgencyKind kind) => kind switch
    {
        AgencyKind.Government => "人民政府",
        AgencyKind.Department => "政府部门",
        AgencyKind.Township => "乡镇街道",
        _ => "类型未定",
    };

    /// <summary>government / department / township (or the Chinese names).</summary>
    public static AgencyKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "government" or "人民政府" or "政府" => AgencyKind.Government,
        "department" or "政府部门" or "部门" => AgencyKind.Department,
        "township" or "乡镇街道" or "乡镇" or "街道" => AgencyKind.Township,
        _ => throw new CliUsageException($"机关类型“{text}”无效，应为 government（人民政府）、department（政府部门）或 township（乡镇街道）。"),
    };

    public static string AgencyName(string text, string what = "机关") =>
        Matching(AgencyNamePattern(), text, $"{what}“{text}”无效，应为 agencies/编号，例如 agencies/3。");

    public static string ReportName(string text) =>
        Matching(ReportNamePattern(), text, $"报告名称“{text}”无效，应为 agencies/编号/reports/年度，例如 agencies/3/reports/2019。");

    public static string UserName(string text) =>
        Matching(UserNamePattern(), text, $"用户“{text}”无效，应为 users/编号，例如 users/2。");

    public static string TokenName(string text) =>
        Matching(TokenNamePattern(), text, $"令牌名称“{text}”无效，应为 users/编号/tokens/编号，例如 users/2/tokens/5。");

    /// <summary><paramref name="text"/> when it matches <paramref name="pattern"/>; otherwise a usage error with <paramref name="error"/>.</summary>
    private static string Matching(Regex pattern, string text, string error) =>
        pattern.IsMatch(text) ? text : throw new CliUsageException(error);

    /// <summary>"30d", "12h", "90m" or a date "2027-01-31" (end of that day, local time).</summary>
    public static DateTimeOffset ParseExpiry(string text, DateTimeOffset now)
    {
        var match = DurationPattern().Match(text.Trim());
        if (match.Success)
        {
            var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var span = match.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromMinutes(amount),
            };
            if (span > TimeSpan.Zero)
            {
                return now + span;
            }
        }
        else if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var end = new DateTimeOffset(date.ToDateTime(new TimeOnly(23, 59, 59)), TimeZoneInfo.Local.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));
            if (end > now)
            {
                return end;
            }
        }

        throw new CliUsageException($"有效期“{text}”无效，应为正的时长（如 30d、12h、90m）或将来的日期（如 2027-01-31）。");
    }

    [GeneratedRegex(@"^agencies/[1-9][0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AgencyNamePattern();

    [GeneratedRegex(@"^agencies/[1-9][0-9]*/reports/[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportNamePattern();

    [GeneratedRegex(@"^users/[1-9][0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^users/[1-9][0-9]*/tokens/[1-9][0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenNamePattern();

    [GeneratedRegex(@"^([0-9]{1,6})([dhm])$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}

/// <summary>Chinese names of workflow and identity values.</summary>
internal static class CliNames
{
    public static string State(Report.Types.State state) => state switch
    {
        Report.Types.State.Draft => "草稿",
        Report.Types.State.Submitted => "已提交",
        Report.Types.State.Approved => "已通过",
        Report.Types.State.Returned => "已退回",
        Report.Types.State.Reopened => "已重新打开",
        _ => "—",
    };

    /// <summary>draft / submitted / approved / returned / reopened (or the Chinese names).</summary>
    public static Report.Types.State ParseState(string text) => text.Trim().ToLowerInvariant() switch
    {
        "draft" or "草稿" => Report.Types.State.Draft,
        "submitted" or "已提交" => Report.Types.State.Submitted,
        "approved" or "已通过" => Report.Types.State.Approved,
        "returned" or "已退回" => Report.Types.State.Returned,
        "reopened" or "已重新打开" => Report.Types.State.Reopened,
        _ => throw new CliUsageException($"状态“{text}”无效，应为 draft、submitted、approved、returned 或 reopened。"),
    };

    public static string Role(Role role) => role switch
    {
        Api.V1.Role.Clerk => "填报员",
        Api.V1.Role.Reviewer => "审核员",
        Api.V1.Role.Admin => "管理员",
        _ => "—",
    };

    /// <summary>clerk / reviewer / admin (or the Chinese names).</summary>
    public static Role ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "clerk" or "填报员" => Api.V1.Role.Clerk,
        "reviewer" or "审核员" => Api.V1.Role.Reviewer,
        "admin" or "管理员" => Api.V1.Role.Admin,
        _ => throw new CliUsageException($"角色“{text}”无效，应为 clerk（填报员）、reviewer（审核员）或 admin（管理员）。"),
    };

    public static string Template(Template template) => template switch
    {
        Api.V1.Template._2019 => "2019年版",
        Api.V1.Template._2021 => "2021年版",
        _ => "未确定",
    };

    public static string Severity(Severity severity) => severity switch
    {
        Api.V1.Severity.Error => "错误",
        Api.V1.Severity.Warning => "警告",
        _ => "提示",
    };

    public static string Action(string action) => action switch
    {
        "created" or "create" => "创建",
        "updated" or "update" => "修改",
        "submitted" or "submit" => "提交",
        "approved" or "approve" => "审核通过",
        "returned" or "return" => "退回",
        "reopened" or "reopen" => "重新打开",
        "commented" or "comment" => "评论",
        "deleted" or "delete" => "删除",
        _ => action,
    };
}
