using GovReport.Api.V1;

namespace GovReport.Client.Tui.Internal;

/// <summary>How the report list is ordered; the server sorts and pages every one of them.</summary>
internal enum ReportListSort
{
    /// <summary>Last change first (server order "update_time desc").</summary>
    LastUpdate,

    /// <summary>Agency name, newest year first within an agency (server order "agency").</summary>
    Agency,

    /// <summary>Newest year first (server order "report_year desc").</summary>
    Year,

    /// <summary>Workflow order: draft, submitted, returned, approved, reopened (server order "state").</summary>
    State,

    /// <summary>Most ERROR findings first, then most WARNINGs (server order "error_count desc").</summary>
    Errors,
}

/// <summary>The filters of the report list. <see cref="Agency"/> "" = every agency the caller may see.</summary>
internal sealed record ReportListFilter(
    int Year = 0,
    string Agency = "",
    string AgencyTitle = "全部机关",
    Report.Types.State State = Report.Types.State.Unspecified,
    bool HasErrors = false);

/// <summary>One page of the list: the reports, where to continue, and how many match in all.</summary>
internal sealed record ReportListPage(IReadOnlyList<Report> Reports, string NextPageToken, int TotalSize);

/// <summary>Builds ListReports requests for the list's filters and sort.</summary>
internal static class ReportListQuery
{
    public static string Name(ReportListSort sort) => sort switch
    {
        ReportListSort.LastUpdate => "最后更新",
        ReportListSort.Agency => "机关",
        ReportListSort.Year => "年度",
        ReportListSort.State => "状态",
        _ => "错误数",
    };

    /// <summary>The server's order_by for <paramref name="sort"/>.</summary>
    public static string OrderBy(ReportListSort sort) => sort switch
    {
        ReportListSort.Agency => "agency",
        ReportListSort.Year => "report_year desc",
        ReportListSort.State => "state",
        ReportListSort.Errors => "error_count desc",
        _ => "update_time desc",
    };

    public static ListReportsRequest Request(ReportListFilter filter, ReportListSort sort, string pageToken, int pageSize) => new()
    {
        Parent = filter.Agency,
        Year = filter.Year,
        State = filter.State,
        HasErrors = filter.HasErrors,
        OrderBy = OrderBy(sort),
        PageSize = pageSize,
        PageToken = pageToken,
    };

    /// <summary>One page after <paramref name="pageToken"/>, in the server's order.</summary>
    public static async Task<ReportListPage> FetchAsync(
        ClientSession session, ReportListFilter filter, ReportListSort sort, string pageToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var page = await session.ListReportsAsync(Request(filter, sort, pageToken, pageSize), cancellationToken).ConfigureAwait(false);
        return new ReportListPage(page.Reports, page.NextPageToken, page.TotalSize);
    }

    /// <summary>True when <paramref name="query"/> occurs in the report's agency name, year or state.</summary>
    public static bool Matches(Report report, string query)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (string.IsNullOrEmpty(query))
        {
            return false;
        }

        return report.AgencyDisplayName.Contains(query, StringComparison.OrdinalIgnoreCase)
            || report.ReportYear.ToString(System.Globalization.CultureInfo.InvariantCulture).Contains(query, StringComparison.Ordinal)
            || ReportListText.State(report.State).Contains(query, StringComparison.Ordinal);
    }
}
