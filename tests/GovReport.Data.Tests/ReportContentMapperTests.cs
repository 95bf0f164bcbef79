using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using DomainCell = GovReport.Domain.Reports.CellValue;

namespace GovReport.Data.Tests;

public class ReportContentMapperTests
{
    [Fact]
    public async Task FromReport_StoreAndReadBack_SameReport()
    {
        var builder = new ReportBuilder(TemplateRegistry.Template2021, 2025) { AgencyName = "北仑区人民政府办公室", AgencyKind = AgencyKind.Department };
        builder.PublicationDate = new DateOnly(2026, 1, 20);
        builder.AddTemplateParts(p => p == PartCode.Overview ? "总体情况正文" : "");
        builder.AddPart(null, "附件", "附件正文");
        builder["applications.new_received.natural_person"] = 12;
        builder["applications.carried_over.natural_person"] = DomainCell.Blank("—");
        builder["applications.new_received.commercial"] = DomainCell.Unreadable("若干");
        builder["active_disclosure.art20_8.fees.amount_10k_yuan"] = DomainCell.Number(1.5m, "1.5万元", "万元");
        var report = builder.Build();

        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, ReportContentMapper.FromReport(report));
        var read = await stores.Reports.GetAsync(world.OfficeClerk, created.Summary.Id);
        var back = ReportContentMapper.ToReport(read.Content, 2025, report.AgencyName, report.AgencyKind);

        Assert.Equal("TEMPLATE_2021", read.Content.Template);
        Assert.Equal(4, read.Content.Cells.Count);
        Assert.Equal(report.Cells.ToArray(), back.Cells.ToArray());
        Assert.Equal(report.PublicationDate, back.PublicationDate);
        Assert.Equal("总体情况正文", back.GetPart(PartCode.Overview)!.Text);
        var extra = Assert.Single(back.Parts, p => p.IsExtra);
        Assert.Equal(("附件", "附件正文"), (extra.Heading, extra.Text));
    }

    [Fact]
    public void FromReport_WithBasis_UnchangedCellsReusedChangedOnesNewSameContent()
    {
        var builder = new ReportBuilder(TemplateRegistry.Template2021, 2025);
        builder["applications.new_received.natural_person"] = 12;
        builder["applications.carried_over.natural_person"] = DomainCell.Blank("—");
        builder["applications.granted.natural_person"] = DomainCell.Number(2.5m);
        var basis = ReportContentMapper.FromReport(builder.Build());
        builder["applications.new_received.natural_person"] = 13;
        // Same number, other scale: not the same stored cell ("2.50" must read back as written).
        builder["applications.granted.natural_person"] = DomainCell.Number(2.50m);
        builder["applications.new_received.commercial"] = 1;
        var edited = builder.Build();

        var reused = ReportContentMapper.FromReport(edited, basis: basis);
        var fresh = ReportContentMapper.FromReport(edited);

        Assert.Equal(fresh.Cells, reused.Cells);
        Assert.Equal(["2.50"], reused.Cells.Where(c => c.Address == "applications.granted.natural_person").Select(c => c.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var same = reused.Cells.Where(c => basis.Cells.Any(b => ReferenceEquals(b, c))).Select(c => c.Address);
        Assert.Equal(["applications.carried_over.natural_person"], same);
    }

    [Fact]
    public void ToReport_UnknownAddress_Rejected()
    {
        var content = new ReportContent("TEMPLATE_2021", null, new Dictionary<string, string>(), [new StoredCell("applications.nope.total", true, 1)]);

        var ex = Assert.Throws<InvalidStoreArgumentException>(() => ReportContentMapper.ToReport(content, 2025, null, AgencyKind.Department));

        Assert.Contains("applications.nope.total", ex.Message, StringComparison.Ordinal);
    }
}
