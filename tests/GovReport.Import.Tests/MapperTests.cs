using System.Text;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Domain.Validation;

namespace GovReport.Import.Tests;

/// <summary>Mapping rules on small synthetic documents in the flattened text form.</summary>
public class MapperTests
{
    private static string Row(params string[] cells) => string.Concat(cells.Select(c => "\t" + c + "\n")) + "\n";

    private static ImportResult ImportText(string text, ImportOptions? options = null) =>
        ReportImporter.Import(Encoding.UTF8.GetBytes(text), "report.txt", options);

    private static string Table3Rows(string label, string other = "（六）其他处理") =>
        Row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况")
        + Row(string.Empty, "自然人", "法人或其他组织", "总计")
        + Row(string.Empty, string.Empty, "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", string.Empty)
        + Row("一、本年新收政府信息公开申请数量", "5", "0", "0", "0", "0", "0", "5")
        + Row(label, "4", "0", "0", "0", "0", "0", "4")
        + Row(string.Empty, other, "1", "0", "0", "0", "0", "0", "1");

    [Fact]
    public void Import_2021ReportWith2019Labels_ImportedAsLaidOutWithNote()
    {
        var text = "某某市某某局\n2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"
            + Row("第二十条第（一）项")
            + Row("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量")
            + Row("规章", "1", "1", "3")
            + "三、收到和处理政府信息公开申请情况\n" + Table3Rows("三、本年度办理结果\t\n\t（一）予以公开");

        var result = ImportText(text);

        Assert.Equal(2021, result.Report.Year);
        Assert.Equal(TemplateId.Template2019, result.Layout);
        Assert.Equal(TemplateId.Template2019, result.Report.Template.Id);
        Assert.Equal(3m, result.Report.GetCell("active_disclosure.art20_1.rules.total_published").Value);
        Assert.Equal(1m, result.Report.GetCell("applications.other_handling.total").Value);
        Assert.Contains(result.Notes, n => n.Code == ImportNoteCodes.TemplateMismatch);
        Assert.Contains(new ReportValidator().Validate(result.Report).Findings, f => f.RuleId == "V09" && f.Severity == Severity.Error);
    }

    [Fact]
    public void Import_2021Report_UsesTemplate2021AndSubRowsOfOtherHandling()
    {
        var text = "某某县人民政府\n2022年度政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"
            + Row("第二十条第（一）项")
            + Row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
            + Row("规章", "0", "0", "2")
            + Row("行政规范性文件", "4", "1", "30")
            + Row("第二十条第（八）项")
            + Row("信息内容", "本年收费金额（单位：万元）")
            + Row("行政事业性收费", "12.5")
            + "三、收到和处理政府信息公开申请情况\n"
            + Table3Rows("三、本年度办理结果\t\n\t（一）予以公开", "（六）其他处理\t\n\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
            + Row(string.Empty, string.Empty, "3.其他", "2", "0", "0", "0", "0", "0", "2")
            + "\n二〇二三年一月二十日\n";

        var result = ImportText(text);
        var report = result.Report;

        Assert.Equal(TemplateId.Template2021, report.Template.Id);
        Assert.Equal(AgencyKind.Government, report.AgencyKind);
        Assert.Equal(new DateOnly(2023, 1, 20), report.PublicationDate);
        Assert.Equal(30m, report.GetCell("active_disclosure.art20_1.normative_documents.in_force").Value);
        Assert.Equal(12.5m, report.GetCell("active_disclosure.art20_8.fees.amount_10k_yuan").Value);
        Assert.Equal(1m, report.GetCell("applications.other_no_correction.natural_person").Value);
        Assert.Equal(2m, report.GetCell("applications.other_misc.total").Value);
        Assert.DoesNotContain(result.Notes, n => n.Code == ImportNoteCodes.TemplateMismatch);
    }

    [Fact]
    public void Import_UnknownRowWithNumbers_BecomesNoteNamingIt()
    {
        var text = "某某局\n2019年度政府信息公开工作年度报告\n一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n"
            + Table3Rows("三、本年度办理结果\t\n\t（一）予以公开")
            + Row(string.Empty, "其中：网上申请", "7", "0", "0", "0", "0", "0", "7");

        var result = ImportText(text);

        var notes = result.Notes.Where(n => n.Code == ImportNoteCodes.UnplacedValue).ToList();
        Assert.Equal(7, notes.Count);
        Assert.All(notes, n => Assert.Equal("其中：网上申请", n.RowLabel));
        Assert.Contains(notes, n => n.Column == "第3列" && n.Text == "7" && n.Message.Contains("其中：网上申请", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_TypoInRowLabel_MatchedToClosestRow()
    {
        var text = "某某局\n2019年度政府信息公开工作年度报告\n一、总体情况\n正文。\n"
            + Table3Rows("\t\n\t（三）不予公开\t\n\t2.其他法律行政止公开");

        var result = ImportText(text);

        Assert.Equal(4m, result.Report.GetCell("applications.withheld_law_prohibited.total").Value);
    }

    [Theory]
    [InlineData("宁波市人民政府", AgencyKind.Government)]
    [InlineData("宁波市人民政府办公厅", AgencyKind.Department)]
    [InlineData("北仑区人民政府办公室", AgencyKind.Department)]
    [InlineData("余姚市人民政府朗霞街道办事处", AgencyKind.TownshipOrStreet)]
    [InlineData("某某县某某镇人民政府", AgencyKind.TownshipOrStreet)]
    [InlineData("某某市生态环境局", AgencyKind.Department)]
    public void Import_AgencyKind_FromName(string agency, AgencyKind kind)
    {
        var text = agency + "\n2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n" + Row("第二十条第（一）项");

        Assert.Equal(kind, ImportText(text).Report.AgencyKind);
    }

    [Fact]
    public void Import_PublishedPageWithoutSigningDate_UsesPageDate()
    {
        var html = "<html><body><nav>首页 &gt; 政务公开 &gt; 年度报告</nav><h1>某某区统计局2019年政府信息公开工作年度报告</h1>"
            + "<div class=\"info\">发布日期：2020-01-20 来源：区统计局</div><p>一、总体情况</p><p>正文。</p>"
            + "<table><tr><td>第二十条第（一）项</td></tr></table><p>六、其他需要报告的事项</p><p>无。</p>"
            + "<div class=\"footer\">版权所有 某某区人民政府</div></body></html>";

        var result = ReportImporter.Import(Encoding.UTF8.GetBytes(html), "page.html");

        Assert.Equal("某某区统计局", result.Report.AgencyName);
        Assert.Equal(new DateOnly(2020, 1, 20), result.Report.PublicationDate);
    }

    [Fact]
    public void Import_OtherHeadingNumbering_PartsFound()
    {
        var text = "某某局\n2019年度政府信息公开工作年度报告\n第一部分 总体情况\n1.加强组织领导。\n（一）主动公开政府信息情况\n2、主动公开政府信息情况\n"
            + Row("第二十条第（一）项") + "3、收到和处理政府信息公开申请情况\n正文。\n";

        var parts = ImportText(text).Report.Parts;

        Assert.Equal<PartCode?>([PartCode.Overview, PartCode.ActiveDisclosure, PartCode.Applications], parts.Select(p => p.Code));
        Assert.Equal("1.加强组织领导。\n（一）主动公开政府信息情况", parts[0].Text);
    }

    [Fact]
    public void Import_OptionsGiveMissingAgencyAndDate_NoNotes()
    {
        var text = "2019年度政府信息公开工作报告\n一、总体情况\n正文。\n" + Row("第二十条第（一）项");

        var result = ImportText(text, new ImportOptions { AgencyName = "某某区统计局", PublicationDate = new DateOnly(2020, 1, 20) });

        Assert.Equal("某某区统计局", result.Report.AgencyName);
        Assert.Equal(AgencyKind.Department, result.Report.AgencyKind);
        Assert.DoesNotContain(result.Notes, n => n.Code is ImportNoteCodes.MissingAgencyName or ImportNoteCodes.MissingPublicationDate);
    }
}
