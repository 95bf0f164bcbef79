using System.Globalization;
using GovReport.Api.V1;
using GovReport.Grpc;

namespace GovReport.Client.Tui.Internal;

/// <summary>
/// Get-or-create of the example data the report list and history screens boot on (registry boots, snapshots): each
/// under its own agencies, so what other boots create on the same server never shows, and a second boot finds the
/// data of the first instead of adding to it.
/// </summary>
internal static class ReportListDemo
{
    public const string ListRoot = "示例市人民政府（列表示例）";

    public const string HistoryAgency = "示例县人民政府办公室（历史示例）";

    public const int HistoryYear = 2023;

    private const string NewReceived = "applications.new_received.natural_person";
    private const string Granted = "applications.granted.natural_person";

    /// <summary>A small agency tree with reports in several years; returns its root.</summary>
    public static async Task<Agency> EnsureListDataAsync(ClientSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var root = await AgencyAsync(session, string.Empty, ListRoot, AgencyKind.Government, cancellationToken).ConfigureAwait(false);
        var education = await AgencyAsync(session, root.Name, "示例市教育局", AgencyKind.Department, cancellationToken).ConfigureAwait(false);
        var finance = await AgencyAsync(session, root.Name, "示例市财政局", AgencyKind.Department, cancellationToken).ConfigureAwait(false);
        var district = await AgencyAsync(session, root.Name, "示例区人民政府", AgencyKind.Government, cancellationToken).ConfigureAwait(false);
        var street = await AgencyAsync(session, district.Name, "示例街道办事处", AgencyKind.Township, cancellationToken).ConfigureAwait(false);
        var reports = new (Agency Agency, int Year, int Received)[]
        {
            (root, 2023, 40), (education, 2023, 12), (education, 2022, 9), (finance, 2023, 3), (district, 2023, 21), (street, 2022, 1),
        };
        foreach (var (agency, year, received) in reports)
        {
            await ReportAsync(session, agency, year, Content(agency, year, [(NewReceived, received)]), cancellationToken).ConfigureAwait(false);
        }

        return root;
    }

    /// <summary>A report with three revisions (created, two cell changes and a narrative change) and a comment; returns its name.</summary>
    public static async Task<string> EnsureHistoryDataAsync(ClientSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var agency = await AgencyAsync(session, string.Empty, HistoryAgency, AgencyKind.Department, cancellationToken).ConfigureAwait(false);
        var report = await ReportAsync(session, agency, HistoryYear, Content(agency, HistoryYear, [(NewReceived, 10)]), cancellationToken)
            .ConfigureAwait(false);
        var revisions = new (string Address, long Value)[][]
        {
            [(NewReceived, 12), (Granted, 5)],
            [(NewReceived, 12), (Granted, 7)],
        };
        for (var step = report.Revision - 1; step < revisions.Length; step++)
        {
            var next = Content(agency, HistoryYear, revisions[step]);
            if (step == 1)
            {
                next.Parts.Add(new ReportPart { Code = "overview", Heading = "一、总体情况", Text = "本年度共收到政府信息公开申请12件，均已按期答复。", Order = 0 });
            }

            next.Name = report.Name;
            next.Etag = report.Etag;
            report = await session.UpdateReportAsync(new UpdateReportRequest { Report = next }, cancellationToken).ConfigureAwait(false);
        }

        var comments = await session.ListCommentsAsync(report.Name, cancellationToken).ConfigureAwait(false);
        if (comments.Comments.Count == 0)
        {
            await session.CreateCommentAsync(report.Name, new Comment { Text = "请核对本年新收申请数与正文是否一致。", CellAddress = NewReceived }, cancellationToken)
                .ConfigureAwait(false);
        }

        return report.Name;
    }

    /// <summary>The agency named <paramref name="displayName"/> under <paramref name="parent"/> ("" = a root), created if missing.</summary>
    public static async Task<Agency> AgencyAsync(ClientSession session, string parent, string displayName, AgencyKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        for (var attempt = 0; ; attempt++)
        {
            var existing = (await session.ListAllAgenciesAsync(parent, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(a => a.DisplayName == displayName && a.Parent == parent);
            if (existing is not null)
            {
                return existing;
            }

            try
            {
                return await session.CreateAgencyAsync(parent, new Agency { DisplayName = displayName, Kind = kind }, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists && attempt == 0)
            {
                // Created meanwhile by another boot on the same server: read it back.
            }
        }
    }

    /// <summary>The agency's report for <paramref name="year"/>, created from <paramref name="content"/> if missing.</summary>
    public static async Task<Report> ReportAsync(ClientSession session, Agency agency, int year, Report content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(agency);
        var name = string.Create(CultureInfo.InvariantCulture, $"{agency.Name}/reports/{year}");
        try
        {
            return await session.GetReportAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            content.ReportYear = year;
            return await session.CreateReportAsync(new CreateReportRequest { Parent = agency.Name, Report = content }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A 2021-template report of <paramref name="agency"/> with the given table cells.</summary>
    public static Report Content(Agency agency, int year, IEnumerable<(string Address, long Value)> cells)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var report = new Report
        {
            AgencyDisplayName = agency.DisplayName,
            AgencyKind = agency.Kind,
            ReportYear = year,
            Template = Template._2021,
        };
        report.Cells.AddRange(cells.Select(c => new Cell
        {
            Address = c.Address,
            Present = true,
            Value = c.Value.ToString(CultureInfo.InvariantCulture),
        }));
        return report;
    }
}
