using GovReport.Api.V1;

namespace GovReport.Client.Tui.Internal;

/// <summary>How the report list is ordered.</summary>
internal enum ReportListSort
{
    /// <summary>Last change first (server order "update_time desc").</summary>
    LastUpdate,

    /// <summary>Agency tree order, newest year first within an agency (server order "agency").</summary>
    Agency,

    /// <summary>Newest year first (sorted here: the server has no year order).</summary>
    Year,

    /// <summary>Workflow order: draft, submitted, returned, approved, reopened (sorted here).</summary>
    State,

    /// <summary>Most ERROR findings first (sorted here).</summary>
    Errors,
}

/// <summary>The filters of the report list. <see cref="Agency"/> "" = every agency the caller may see.</summary>
internal sealed record ReportListFilter(
    int Year = 0,
    string Agency = "",
    string AgencyTitle = "全部机关",
    Report.Types.State State = Report.Types.State.Unspecified,
    bool HasErrors = false);

/// <summary>One load of the list: the reports, where to continue, and how many match in all.</summary>
internal sealed record ReportListPage(IReadOnlyList<Report> Reports, string NextPageToken, int TotalSize, bool Truncated);

/// <summary>Builds ListReports requests for the list's filters and sort, and sorts client-side where the server cannot.</summary>
internal static class ReportListQuery
{
    /// <summary>A client-side sort needs every matching report; beyond this many it sorts the first ones and says so.</summary>
    public const int MaxClientSorted = 5000;

    public static string Name(ReportListSort sort) => sort switch
    {
        ReportListSort.LastUpdate => "最后更新",
        ReportListSort.Agency => "机关",
        ReportListSort.Year => "年度",
        ReportListSort.State => "状态",
        _ => "错误数",
    };

    /// <summary>True when the server orders the list itself (then pages load on demand).</summary>
    public static bool IsServerSort(ReportListSort sort) => sort is ReportListSort.LastUpdate or ReportListSort.Agency;

    public static ListReportsRequest Request(ReportListFilter filter, ReportListSort sort, string pageToken, int pageSize) => new()
    {
        Parent = filter.Agency,
        Year = filter.Year,
        State = filter.State,
        HasErrors = filter.HasErrors,
        // Client-side sorts read in agency order, so equal keys stay in tree order (the sort is stable).
        OrderBy = sort == ReportListSort.LastUpdate ? "update_time desc" : "agency",
        PageSize = pageSize,
        PageToken = pageToken,
    };

    /// <summary>
    /// One page after <paramref name="pageToken"/> for a server sort; for a client sort every page (up to
    /// <see cref="MaxClientSorted"/>), sorted.
    /// </summary>
    public static async Task<ReportListPage> FetchAsync(
        ClientSession session, ReportListFilter filter, ReportListSort sort, string pageToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (IsServerSort(sort))
        {
            var page = await session.ListReportsAsync(Request(filter, sort, pageToken, pageSize), cancellationToken).ConfigureAwait(false);
            return new ReportListPage(page.Reports, page.NextPageToken, page.TotalSize, Truncated: false);
        }

        var all = new List<Report>();
        var token = string.Empty;
        var total = 0;
        do
        {
            var page = await session.ListReportsAsync(Request(filter, sort, token, 500), cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Reports);
            total = page.TotalSize;
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token) && all.Count < MaxClientSorted);

        return new ReportListPage(Sort(all, sort), string.Empty, total, Truncated: !string.IsNullOrEmpty(token));
    }

    /// <summary>A stable client-side sort.</summary>
    public static List<Report> Sort(IEnumerable<Report> reports, ReportListSort sort) => sort switch
    {
        ReportListSort.Year => [.. reports.OrderByDescending(r => r.ReportYear)],
        ReportListSort.State => [.. reports.OrderBy(r => ReportListText.StateOrder(r.State))],
        ReportListSort.Errors => [.. reports.OrderByDescending(r => r.ErrorCount).ThenByDescending(r => r.WarningCount)],
        _ => [.. reports],
    };

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
