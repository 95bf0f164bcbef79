using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Tests;

public class TemplateRegistryTests
{
    [Theory]
    [InlineData(TemplateId.Template2019, 161, 22)]
    [InlineData(TemplateId.Template2021, 175, 10)]
    public void Cells_PerTable_MatchTemplateShape(TemplateId id, int applicationCells, int disclosureCells)
    {
        var template = TemplateRegistry.Get(id);

        Assert.Equal(applicationCells, template.Cells.Count(c => c.Part == PartCode.Applications));
        Assert.Equal(disclosureCells, template.Cells.Count(c => c.Part == PartCode.ActiveDisclosure));
        Assert.Equal(15, template.Cells.Count(c => c.Part == PartCode.ReviewsLitigation));
        Assert.Equal(applicationCells + disclosureCells + 15, template.CellCount);
    }

    [Theory]
    [InlineData(TemplateId.Template2019)]
    [InlineData(TemplateId.Template2021)]
    public void Addresses_AllCells_UniqueDenseAndRoundTrip(TemplateId id)
    {
        var template = TemplateRegistry.Get(id);

        Assert.Equal(template.CellCount, template.Cells.Select(c => c.Address).Distinct(StringComparer.Ordinal).Count());
        for (var i = 0; i < template.CellCount; i++)
        {
            var cell = template.Cells[i];
            Assert.Equal(i, cell.Id.Value);
            Assert.True(template.TryGetCell(cell.Address, out var byString));
            Assert.True(template.TryGetCell(cell.Address.AsSpan(), out var bySpan));
            Assert.Equal(cell.Id, byString);
            Assert.Equal(cell.Id, bySpan);
            Assert.Equal(cell.Address, template.GetAddress(cell.Id));
        }

        Assert.False(template.TryGetCell("applications.granted.nobody", out _));
    }

    [Fact]
    public void Addresses_CodesMdExamples_Resolve()
    {
        var t2019 = TemplateRegistry.Template2019;

        Assert.Equal("自然人", t2019.GetCell("applications.new_received.natural_person").Column.Label);
        Assert.Equal("总计", t2019.GetCell("reviews_litigation.review.total").Column.Label);
        var amount = t2019.GetCell("active_disclosure.art20_9.procurement.amount");
        Assert.Equal(CellKind.Amount, amount.Kind);
        Assert.Null(amount.Unit);
        Assert.Equal(CellKind.SignedCount, t2019.GetCell("active_disclosure.art20_5.licensing.change").Kind);
        var fee = TemplateRegistry.Template2021.GetCell("active_disclosure.art20_8.fees.amount_10k_yuan");
        Assert.Equal("万元", fee.Unit);
        Assert.Equal("本年收费金额（单位：万元）", fee.Column.Label);
        Assert.False(TemplateRegistry.Template2021.TryGetCell("active_disclosure.art20_9.procurement.amount", out _));
    }

    [Fact]
    public void Labels_Table3_Verbatim()
    {
        var table = TemplateRegistry.Template2019.GetTable(PartCode.Applications);
        var block = table.Blocks[0];

        Assert.Equal("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", table.Note);
        Assert.Equal("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", block.Rows.Single(r => r.Code == "partially_granted").Label);
        Assert.Equal("3.危及“三安全一稳定”", block.Rows.Single(r => r.Code == "withheld_security_stability").Label);
        Assert.Contains(block.RowGroups, g => g.Code == "withheld" && g.Label == "（三）不予公开" && g.ParentCode == "results");
        Assert.Contains(block.RowGroups, g => g.Code == "results" && g.Label == "三、本年度办理结果");
        Assert.Equal(
            ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            block.Columns.Select(c => c.Label));
        Assert.Equal(23, block.Rows.Count);
        Assert.Equal("（六）其他处理", block.Rows.Single(r => r.Code == "other_handling").Label);
    }

    [Fact]
    public void Labels_2021OtherHandling_SplitIntoThreeRows()
    {
        var block = TemplateRegistry.Template2021.GetTable(PartCode.Applications).Blocks[0];

        Assert.Equal(25, block.Rows.Count);
        Assert.Equal(
            ["other_no_correction", "other_fee_unpaid", "other_misc"],
            block.Rows.Where(r => r.GroupCode == "other_handling").Select(r => r.Code));
        Assert.Contains(block.RowGroups, g => g.Code == "other_handling" && g.Label == "（六）其他处理");
        Assert.Equal(3, TemplateRegistry.Template2021.Applications.OtherHandling.Length);
        Assert.Single(TemplateRegistry.Template2019.Applications.OtherHandling);
    }

    [Fact]
    public void Parts_BothTemplates_SixInOrder()
    {
        foreach (var template in TemplateRegistry.All)
        {
            Assert.Equal(
                ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
                template.Parts.Select(p => p.Heading));
        }
    }

    [Fact]
    public void Layout_Applications_IndexesMatchAddresses()
    {
        foreach (var template in TemplateRegistry.All)
        {
            var layout = template.Applications;
            Assert.Equal("applications.results_total.total", template.GetAddress(layout.Cell(layout.ResultsTotal, ApplicationsLayout.TotalColumn)));
            Assert.Equal("applications.carried_forward.natural_person", template.GetAddress(layout.Cell(layout.CarriedForward, 0)));
            Assert.Equal(layout.RowCount - 4, layout.ResultRows.Length);
            Assert.Equal("reviews_litigation.litigation_after_review.pending", template.GetAddress(template.Reviews.Cell(2, 3)));
        }
    }

    [Theory]
    [InlineData(2018, null)]
    [InlineData(2019, TemplateId.Template2019)]
    [InlineData(2020, TemplateId.Template2019)]
    [InlineData(2021, TemplateId.Template2021)]
    [InlineData(2030, TemplateId.Template2021)]
    public void ForYear_ReportYear_PicksTemplate(int year, TemplateId? expected)
    {
        Assert.Equal(expected, TemplateRegistry.ForYear(year)?.Id);
    }

    [Theory]
    [InlineData("12", CellState.Number, "12", null)]
    [InlineData("—", CellState.Blank, "0", null)]
    [InlineData("", CellState.Blank, "0", null)]
    [InlineData("1个", CellState.Number, "1", null)]
    [InlineData("251000元", CellState.Number, "251000", "元")]
    [InlineData("165950.2", CellState.Number, "165950.2", null)]
    [InlineData("-8", CellState.Number, "-8", null)]
    [InlineData("１２", CellState.Number, "12", null)]
    [InlineData("若干", CellState.Unreadable, "0", null)]
    public void CellValueParse_ReportText_Classified(string text, CellState state, string value, string? unit)
    {
        var cell = CellValue.Parse(text);

        Assert.Equal(state, cell.State);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), cell.Value);
        Assert.Equal(unit, cell.Unit);
    }
}
