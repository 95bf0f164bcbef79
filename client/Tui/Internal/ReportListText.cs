using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Client.Cli.Shared;

namespace GovReport.Client.Tui.Internal;

/// <summary>Chinese wording and time formatting shared by the report list and history screens.</summary>
internal static class ReportListText
{
    /// <summary>The states the state filter cycles through (unspecified = all).</summary>
    public static readonly Report.Types.State[] States =
    [
        Report.Types.State.Unspecified,
        Report.Types.State.Draft,
        Report.Types.State.Submitted,
        Report.Types.State.Returned,
        Report.Types.State.Approved,
        Report.Types.State.Reopened,
    ];

    public static string State(Report.Types.State state) => state == Report.Types.State.Unspecified ? "全部" : CliNames.State(state);

    public static string Template(Template template) => template switch
    {
        Api.V1.Template._2019 => "2019 版",
        Api.V1.Template._2021 => "2021 版",
        _ => "—",
    };

    /// <summary>Revision actions ("create", "update") and workflow event actions ("submitted" …) in Chinese.</summary>
    public static string Action(string action) => action switch
    {
        "create" or "created" => "创建",
        "update" or "updated" => "修改",
        "submitted" => "提交",
        "approved" => "审核通过",
        "returned" => "退回",
        "reopened" => "重新打开",
        "commented" => "评论",
        "deleted" => "删除",
        _ => action,
    };

    /// <summary>
    /// A server time relative to the client's clock: 刚刚, N 分钟前, 今天/昨天 HH:mm, MM-dd HH:mm this year, else the date.
    /// A time ahead of the clock (clock skew) reads 刚刚, so a test's fixed clock in the past gives stable text.
    /// </summary>
    public static string Time(Timestamp? time, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (time is null)
        {
            return "—";
        }

        var now = clock.GetUtcNow();
        var at = time.ToDateTimeOffset();
        var age = now - at;
        if (age < TimeSpan.FromMinutes(1))
        {
            return "刚刚";
        }

        if (age < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} 分钟前");
        }

        var zone = clock.LocalTimeZone;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        if (local.Date == today)
        {
            return local.ToString("'今天' HH:mm", CultureInfo.InvariantCulture);
        }

        if (local.Date == today.AddDays(-1))
        {
            return local.ToString("'昨天' HH:mm", CultureInfo.InvariantCulture);
        }

        return local.Year == today.Year
            ? local.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>A user's display name from <paramref name="names"/>, else the resource name ("users/3").</summary>
    public static string User(string user, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return string.IsNullOrEmpty(user) ? "—" : names.TryGetValue(user, out var name) ? name : user;
    }

    /// <summary>
    /// Display names of the users the caller can see: every user for an administrator, otherwise just the caller
    /// (ListUsers is for administrators; other names stay "users/{id}").
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> UserNamesAsync(ClientSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var me = await session.GetCurrentUserAsync(cancellationToken).ConfigureAwait(false);
        names[me.Name] = Named(me);
        if (me.Role != Role.Admin)
        {
            return names;
        }

        var request = new ListUsersRequest { PageSize = 1000 };
        do
        {
            var page = await session.ListUsersAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var user in page.Users)
            {
                names[user.Name] = Named(user);
            }

            request.PageToken = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(request.PageToken) && names.Count < 10_000);

        return names;
    }

    private static string Named(User user) =>
        !string.IsNullOrWhiteSpace(user.DisplayName) ? user.DisplayName : !string.IsNullOrWhiteSpace(user.Login) ? user.Login : user.Name;
}
