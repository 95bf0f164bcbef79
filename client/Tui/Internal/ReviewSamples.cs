using GovReport.Api.V1;

namespace GovReport.Client.Tui.Internal;

/// <summary>
/// Sample data for booting the review screens on a server (boot test, snapshots): an agency subtree of its own with one
/// submitted report, created if missing. Idempotent, so any number of boots in any order see the same queue.
/// </summary>
internal static class ReviewSamples
{
    public const string RootName = "审核示例市人民政府";
    public const string ChildName = "审核示例区人民政府办公室";
    public const int Year = 2024;

    /// <summary>Makes sure the sample report exists and is submitted; returns the root agency of the sample subtree.</summary>
    public static async Task<Agency> EnsureSubmittedAsync(ClientSession session, CancellationToken cancellationToken)
    {
        var root = await ReportListDemo.AgencyAsync(session, string.Empty, RootName, AgencyKind.Government, cancellationToken).ConfigureAwait(false);
        var child = await ReportListDemo.AgencyAsync(session, root.Name, ChildName, AgencyKind.Department, cancellationToken).ConfigureAwait(false);
        var name = $"{child.Name}/reports/{Year}";
        var report = await GetOrCreateReportAsync(session, child, name, cancellationToken).ConfigureAwait(false);
        if (report.State == Report.Types.State.Approved)
        {
            report = await session.ReopenReportAsync(
                new ReopenReportRequest { Name = name, Etag = report.Etag, Reason = "示例数据：重新提交以供审核" }, cancellationToken).ConfigureAwait(false);
        }

        if (report.State != Report.Types.State.Submitted)
        {
            var validation = await session.GetReportValidationAsync(name, cancellationToken).ConfigureAwait(false);
            var request = new SubmitReportRequest { Name = name, Etag = report.Etag };
            request.Justifications.AddRange(validation.Findings
                .Where(f => f.Severity == Severity.Warning)
                .Select(f => new Justification { FindingKey = f.StableKey, Text = "示例数据" }));
            await session.SubmitReportAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return root;
    }

    private static async Task<Report> GetOrCreateReportAsync(ClientSession session, Agency agency, string name, CancellationToken cancellationToken)
    {
        var existing = (await session.ListReportsAsync(new ListReportsRequest { Parent = agency.Name, Year = Year }, cancellationToken).ConfigureAwait(false))
            .Reports.FirstOrDefault(r => r.Name == name);
        if (existing is not null)
        {
            return existing;
        }

        var templates = await session.ListTemplatesAsync(cancellationToken).ConfigureAwait(false);
        var template = templates.First(t => t.Template == Template._2021);
        return await session.CreateReportAsync(new CreateReportRequest { Parent = agency.Name, Report = Content(template, agency) }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A complete report without findings: the six parts in order, every cell 0, published on time.</summary>
    private static Report Content(ReportTemplate template, Agency agency)
    {
        var report = new Report
        {
            AgencyDisplayName = agency.DisplayName,
            AgencyKind = agency.Kind,
            ReportYear = Year,
            Template = template.Template,
            PublicationDate = $"{Year + 1}-01-20",
        };
        for (var i = 0; i < template.Parts.Count; i++)
        {
            var part = template.Parts[i];
            var text = part.Code == "other_matters" ? "本年度未收取信息处理费。" : $"{agency.DisplayName}{Year}年度{part.Title}（示例）。";
            report.Parts.Add(new ReportPart { Code = part.Code, Heading = part.Heading, Text = text, Order = i });
        }

        var addresses = template.Tables.SelectMany(t => t.Blocks).SelectMany(b => b.Rows).SelectMany(r => r.CellAddresses).Distinct(StringComparer.Ordinal);
        report.Cells.AddRange(addresses.Select(a => new Cell { Address = a, Present = true, Value = "0" }));
        return report;
    }
}
