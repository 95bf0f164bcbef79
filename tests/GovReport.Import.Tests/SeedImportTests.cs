using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Import.Documents;
using GovReport.Import.Tests.Support;

namespace GovReport.Import.Tests;

/// <summary>Each seed imported from its text: metadata, parts, key cells and import notes.</summary>
public class SeedImportTests
{
    private static ImportResult Import(string name) => ReportImporter.Import(SeedFiles.Bytes(name), name);

    [Fact]
    public void Import_Seed000_ReadsTitleDateAndLabelVariant()
    {
        var result = Import("000_aef716c44369ab4f.txt");
        var report = result.Report;
        Assert.Equal("北仑区人民政府办公室", report.AgencyName);
        Assert.Equal(AgencyKind.Department, report.AgencyKind);
        Assert.Equal(2019, report.Year);
        Assert.Equal(TemplateId.Template2019, report.Template.Id);
        Assert.Equal(new DateOnly(2020, 1, 18), report.PublicationDate);
        Assert.Equal([PartCode.Overview, PartCode.ActiveDisclosure, PartCode.Applications, PartCode.ReviewsLitigation, PartCode.Problems, PartCode.OtherMatters],
            report.Parts.Select(p => p.Code!.Value));

        // "只认这一情形" is the 部分公开 row.
        Assert.Equal(1m, report.GetCell("applications.partially_granted.natural_person").Value);
        Assert.Equal(14m, report.GetCell("applications.new_received.natural_person").Value);
        Assert.Equal(15m, report.GetCell("applications.results_total.natural_person").Value);
        Assert.Equal(15m, report.GetCell("applications.results_total.total").Value);
        Assert.Equal(1m, report.GetCell("reviews_litigation.review.upheld").Value);
        Assert.Equal(1m, report.GetCell("reviews_litigation.review.total").Value);
        Assert.Equal(15m, report.GetCell("active_disclosure.art20_1.normative_documents.newly_made").Value);

        var amount = report.GetCell("active_disclosure.art20_9.procurement.amount");
        Assert.Equal(70.49m, amount.Value);
        Assert.Equal("万元", amount.Unit);
        Assert.Equal("70.49万元", amount.OriginalText);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Import_Seed001_AsksForAgencyAndDate_KeepsDashesAsBlank()
    {
        var result = Import("001_4b3fe3c3b758daf8.txt");
        var report = result.Report;
        Assert.Null(report.AgencyName);
        Assert.Null(report.PublicationDate);
        Assert.Equal(2019, report.Year);
        Assert.Contains(result.Notes, n => n.Code == ImportNoteCodes.MissingAgencyName && n.Message.Contains("机关名称", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Code == ImportNoteCodes.MissingPublicationDate && n.Message.Contains("发布日期", StringComparison.Ordinal));

        var dash = report.GetCell("applications.new_received.research");
        Assert.Equal(CellState.Blank, dash.State);
        Assert.Equal("—", dash.OriginalText);
        Assert.Equal(CellState.Blank, report.GetCell("applications.carried_forward.total").State);

        // Label variant "3.申请内容不明确".
        Assert.Equal(1m, report.GetCell("applications.unavailable_unclear.natural_person").Value);
        Assert.Equal(4m, report.GetCell("reviews_litigation.litigation_direct.pending").Value);
        Assert.Equal(1245.95m, report.GetCell("active_disclosure.art20_9.procurement.amount").Value);
    }

    [Fact]
    public void Import_Seed002_RemovesBookmarkResidueAndKeepsBlankTotal()
    {
        var result = Import("002_dfb6703c5ed3c52a.txt");
        var report = result.Report;
        Assert.Equal("重庆市北碚区人民政府办公室", report.AgencyName);
        Assert.Equal(2020, report.Year);
        Assert.Equal(TemplateId.Template2019, report.Template.Id);
        Assert.Equal(new DateOnly(2020, 1, 25), report.PublicationDate);
        Assert.All(report.Parts, p => Assert.DoesNotContain("bookmark", p.Text, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("2020年，我办在区委", report.GetPart(PartCode.Overview)!.Text, StringComparison.Ordinal);
        Assert.Equal(18m, report.GetCell("applications.results_total.natural_person").Value);
        Assert.Equal(CellState.Blank, report.GetCell("applications.rejected_repeat.total").State);
        Assert.Equal("我办暂无其他需要报告的事项。", report.GetPart(PartCode.OtherMatters)!.Text);
    }

    [Fact]
    public void Import_Seed003_FindsRenamedPartsObsoleteTableAndOtherTable4Layout()
    {
        var result = Import("003_0b363b8c6b5339b4.txt");
        var report = result.Report;
        Assert.Equal("宁波市人民政府办公厅", report.AgencyName);
        Assert.Null(report.PublicationDate);
        Assert.Equal(["基本情况", "二、主动公开政府信息情况", "三、公开平台建设和信息发布情况", "四、收到和处理政府信息公开申请情况",
            "五、因政府信息公开引起行政复议、行政诉讼情况", "六、存在的主要问题及改进情况", "其他需要报告的事项"], report.Parts.Select(p => p.Heading));
        Assert.Equal<PartCode?>([PartCode.Overview, PartCode.ActiveDisclosure, null, PartCode.Applications, PartCode.ReviewsLitigation, PartCode.Problems, PartCode.OtherMatters],
            report.Parts.Select(p => p.Code));
        var obsolete = Assert.Single(report.ExtraTables);
        Assert.Equal(ExtraTableKind.ObsoleteStatistics, obsolete.Kind);
        Assert.Equal(2, obsolete.PartOrder);
        var note = Assert.Single(result.Notes, n => n.Code == ImportNoteCodes.ObsoleteTable);
        Assert.Contains("29215", note.Message, StringComparison.Ordinal);

        // Variants 本年新收到 / 上年转结 / 转结下年度 / 未补正或申请内容仍不明确.
        Assert.Equal(137m, report.GetCell("applications.new_received.total").Value);
        Assert.Equal(CellState.Blank, report.GetCell("applications.carried_over.total").State);
        Assert.Equal(5m, report.GetCell("applications.unavailable_unclear.total").Value);
        Assert.Equal(CellState.Blank, report.GetCell("applications.carried_forward.total").State);

        // Table 四 with its header rows laid out differently.
        Assert.Equal(9m, report.GetCell("reviews_litigation.review.upheld").Value);
        Assert.Equal(12m, report.GetCell("reviews_litigation.review.total").Value);
        Assert.Equal(3m, report.GetCell("reviews_litigation.litigation_direct.other").Value);
        Assert.Equal(4m, report.GetCell("reviews_litigation.litigation_direct.total").Value);
        Assert.Equal(1m, report.GetCell("reviews_litigation.litigation_after_review.total").Value);
        Assert.Equal(CellState.Blank, report.GetCell("reviews_litigation.review.pending").State);
    }

    [Fact]
    public void Import_Seed004_RecordsObsoleteTableInPart3AndRealTable3UnderPart4()
    {
        var result = Import("004_0a6fad6ec4f98190.txt");
        var report = result.Report;
        Assert.Equal("余姚市人民政府朗霞街道办事处", report.AgencyName);
        Assert.Equal(AgencyKind.TownshipOrStreet, report.AgencyKind);
        Assert.Equal(7, report.Parts.Count);
        Assert.Equal(2, report.Parts.Count(p => p.Code == PartCode.Applications));
        var obsolete = Assert.Single(report.ExtraTables);
        Assert.Equal(2, obsolete.PartOrder);
        Assert.Equal(1m, report.GetCell("applications.new_received.total").Value);
        Assert.Equal(1m, report.GetCell("applications.granted.natural_person").Value);

        var amount = report.GetCell("active_disclosure.art20_9.procurement.amount");
        Assert.Equal(165950.2m, amount.Value);
        Assert.Null(amount.Unit);
        Assert.Null(report.PublicationDate);
        Assert.Equal("无其他需要报告的事项。", report.GetPart(PartCode.OtherMatters)!.Text);
    }

    [Theory]
    [MemberData(nameof(SeedFiles.All), MemberType = typeof(SeedFiles))]
    public void Import_EverySeed_PlacesEveryNumberOutsideTheObsoleteTable(string name)
    {
        var result = Import(name);
        Assert.DoesNotContain(result.Notes, n => n.Code is ImportNoteCodes.UnplacedValue or ImportNoteCodes.UnrecognizedTable or ImportNoteCodes.ColumnsAssumed
            or ImportNoteCodes.MissingTable or ImportNoteCodes.TemplateMismatch);

        // Every number in a table of the document is a report cell, except those of the obsolete 统计指标 table.
        var document = TextDocumentReader.Read(SeedFiles.Text(name));
        var numbersInTables = 0;
        foreach (var table in document.Blocks.OfType<DocumentTable>())
        {
            var obsolete = table.RowCount > 0 && table.GetRow(0).Any(c => c.Text.Replace("　", string.Empty, StringComparison.Ordinal).Contains("统计指标", StringComparison.Ordinal));
            if (!obsolete)
            {
                numbersInTables += table.Cells.Count(c => CellValue.Parse(c.Text).State == CellState.Number);
            }
        }

        var numbersInReport = result.Report.Cells.ToArray().Count(c => c.State == CellState.Number);
        Assert.Equal(numbersInTables, numbersInReport);
    }
}
