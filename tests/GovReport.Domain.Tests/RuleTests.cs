using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Domain.Validation;

namespace GovReport.Domain.Tests;

public class RuleTests
{
    private readonly ReportValidator _validator = new();

    private static string A(string rowAndColumn) => "applications." + rowAndColumn;

    [Fact]
    public void V01_Seed000Balance_BrokenInTwoColumnsOnly()
    {
        // 北仑区 2019: 一 自然人14 商业企业1 总计15; (七)总计 自然人15 商业企业0 总计15.
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b[A("new_received.natural_person")] = 14;
        b[A("new_received.commercial")] = 1;
        b[A("new_received.total")] = 15;
        b[A("granted.natural_person")] = 15;
        b[A("granted.total")] = 15;
        b[A("results_total.natural_person")] = 15;
        b[A("results_total.total")] = 15;

        var result = _validator.Validate(b.Build());

        var v01 = result.Findings.Where(f => f.RuleId == "V01").ToList();
        Assert.Equal(2, v01.Count);
        Assert.Contains(v01, f => f.Message.StartsWith("自然人列勾稽不平：一、本年新收14 + 二、上年结转0 = 14，三、（七）总计15", StringComparison.Ordinal));
        Assert.Contains(v01, f => f.Message.StartsWith("商业企业列", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Findings, f => f.RuleId is "V02" or "V03" or "V05");
        Assert.All(v01, f => Assert.Contains(RuleCatalogue.Get("V01").Basis, f.Basis, StringComparison.Ordinal));
    }

    [Fact]
    public void V03_Seed002WrongResultsTotal_RootWithLinkedBalanceFindings()
    {
        // 北碚区 2020: (七)总计 自然人 stated 18 (rows add to 17), 商业企业 stated 0 (rows add to 1).
        var b = ReportFactory.Builder(TemplateId.Template2019, 2020);
        b[A("new_received.natural_person")] = 17;
        b[A("new_received.commercial")] = 1;
        b[A("new_received.total")] = 18;
        b[A("granted.natural_person")] = 17;
        b[A("granted.commercial")] = 1;
        b[A("granted.total")] = 18;
        b[A("results_total.natural_person")] = 18;
        b[A("results_total.commercial")] = 0;
        b[A("results_total.total")] = 18;

        var result = _validator.Validate(b.Build());

        var v03 = result.Findings.Where(f => f.RuleId == "V03").ToList();
        Assert.Equal(2, v03.Count);
        var natural = Assert.Single(v03, f => f.CulpritAddress == A("results_total.natural_person"));
        Assert.StartsWith("（七）总计 自然人 填报18，各行合计17", natural.Message, StringComparison.Ordinal);
        Assert.True(natural.IsRoot);
        var finding = Assert.Single(natural.Cells);
        Assert.Equal(18m, finding.Stated);
        Assert.Equal(17m, finding.Computed);
        var v01 = result.Findings.Where(f => f.RuleId == "V01").ToList();
        Assert.Equal(2, v01.Count);
        Assert.All(v01, f => Assert.Contains(f.CausedBy, v03.Select(r => (int?)r.Id)));
        Assert.Equal(natural.Id, v01.Single(f => f.Message.StartsWith("自然人", StringComparison.Ordinal)).CausedBy);
        Assert.Equal(2, result.RootErrorCount);
        Assert.Equal(4, result.ErrorCount);
        Assert.Equal(2, result.ConsequencesOf(natural.Id).Count() + result.ConsequencesOf(v03[1].Id).Count());
    }

    [Fact]
    public void V02_BlankTotalWithNonZeroParts_Error()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b[A("granted.natural_person")] = 3;
        b[A("granted.total")] = CellValue.Blank();
        b[A("results_total.natural_person")] = 3;
        b[A("results_total.total")] = 3;
        b[A("new_received.natural_person")] = 3;
        b[A("new_received.total")] = 3;

        var result = _validator.Validate(b.Build());

        var v02 = Assert.Single(result.Findings, f => f.RuleId == "V02");
        Assert.Equal("（一）予以公开 总计 空白，自然人至其他六列合计3", v02.Message);
        Assert.Equal(Severity.Error, v02.Severity);
        Assert.Equal(A("granted.total"), v02.CulpritAddress);
        Assert.Equal(7, v02.Cells.Count);
        Assert.Equal([A("granted.total"), A("granted.natural_person")], v02.Cells.Take(2).Select(c => c.Address));
        var root = Assert.Single(result.Findings, f => f.RuleId == "V03");
        Assert.Equal(root.Id, v02.CausedBy);
        Assert.Contains(result.Findings, f => f.RuleId == "V17" && f.Cells.Any(c => c.Address == A("granted.total")));
    }

    [Fact]
    public void V02_BlankTotalWithZeroParts_OnlyBlankWarning()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019, 2020);
        b[A("rejected_repeat.total")] = CellValue.Blank();

        var result = _validator.Validate(b.Build());

        var finding = Assert.Single(result.Findings);
        Assert.Equal("V17", finding.RuleId);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("1个单元格空白或填写“—”等，已按0计算，应填写0：（五）不予处理 2.重复申请 / 总计", finding.Message);
    }

    [Fact]
    public void V17_ManyDashes_OneWarningListingAll()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        foreach (var cell in b.Template.Cells.Where(c => c.Part == PartCode.ActiveDisclosure))
        {
            b[cell.Id] = CellValue.Parse("—");
        }

        var result = _validator.Validate(b.Build());

        var finding = Assert.Single(result.Findings);
        Assert.Equal(22, finding.Cells.Count);
        Assert.EndsWith("等", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V03_LeafCellWrong_CulpritIsThatCell()
    {
        var b = ReportFactory.Builder(TemplateId.Template2021);
        b[A("other_fee_unpaid.research")] = 2;
        b[A("other_fee_unpaid.total")] = 2;
        b[A("results_total.research")] = 2;
        b[A("results_total.total")] = 2;
        b[A("new_received.research")] = 2;
        b[A("new_received.total")] = 2;
        var consistent = _validator.Validate(b.Build());
        b[A("other_fee_unpaid.research")] = 3;

        var result = _validator.Validate(b.Build());

        Assert.Empty(consistent.Findings);
        var root = Assert.Single(result.Findings, f => f.IsRoot);
        Assert.Equal("V03", root.RuleId);
        Assert.Equal(A("other_fee_unpaid.research"), root.CulpritAddress);
        var consequence = Assert.Single(result.Findings, f => !f.IsRoot);
        Assert.Equal("V02", consequence.RuleId);
        Assert.StartsWith("（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用", consequence.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V05_ReviewTotalWrong_Error()
    {
        var b = ReportFactory.Builder(TemplateId.Template2021);
        b["reviews_litigation.litigation_direct.upheld"] = 5;
        b["reviews_litigation.litigation_direct.corrected"] = 2;
        b["reviews_litigation.litigation_direct.total"] = 8;

        var result = _validator.Validate(b.Build());

        var finding = Assert.Single(result.Findings);
        Assert.Equal("V05", finding.RuleId);
        Assert.Equal("行政诉讼 未经复议直接起诉 总计 填报8，结果维持、结果纠正、其他结果、尚未审结合计7", finding.Message);
        // Every cell involved: the stated total with its computed sum, then the four parts.
        Assert.Equal(
            ["total", "upheld", "corrected", "other", "pending"],
            finding.Cells.Select(c => c.Address["reviews_litigation.litigation_direct.".Length..]));
        Assert.Equal((8m, 7m), (finding.Cells[0].Stated, finding.Cells[0].Computed));
        Assert.Equal(5m, finding.Cells[1].Stated);
    }

    [Fact]
    public void V08_ValueDomains_PerKind()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b["active_disclosure.art20_5.licensing.change"] = -8;
        b["active_disclosure.art20_1.rules.newly_made"] = -1;
        b["active_disclosure.art20_6.penalty.decisions"] = 2.5m;
        b["active_disclosure.art20_6.coercion.decisions"] = CellValue.Parse("若干");
        b["active_disclosure.art20_9.procurement.amount"] = CellValue.Parse("12.5万元");

        var result = _validator.Validate(b.Build());

        var v08 = result.Findings.Where(f => f.RuleId == "V08").ToList();
        Assert.Equal(3, v08.Count);
        Assert.Contains(v08, f => f.Message == "第二十条第（一）项 规章 / 本年新制作数量 填报-1，不能为负数");
        Assert.Contains(v08, f => f.Message == "第二十条第（六）项 行政处罚 / 处理决定数量 填报2.5，应为整数");
        Assert.Contains(v08, f => f.Message == "第二十条第（六）项 行政强制 / 处理决定数量 填写“若干”，不是数字");
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error && f.RuleId != "V08");
    }

    [Theory]
    [InlineData(2019, TemplateId.Template2019, false)]
    [InlineData(2020, TemplateId.Template2019, false)]
    [InlineData(2021, TemplateId.Template2019, true)]
    [InlineData(2020, TemplateId.Template2021, true)]
    [InlineData(2023, TemplateId.Template2021, false)]
    public void V09_TemplateVersusYear_ErrorOnMismatch(int year, TemplateId template, bool expectError)
    {
        var report = ReportFactory.Builder(template, year).Build();

        var result = _validator.Validate(report);

        Assert.Equal(expectError, result.Findings.Any(f => f.RuleId == "V09" && f.Severity == Severity.Error));
    }

    [Fact]
    public void V09_Pre2019Report_InfoAndNoTableRules()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019, 2018);
        b[A("granted.total")] = 99;

        var result = _validator.Validate(b.Build());

        var finding = Assert.Single(result.Findings);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public void Structure_Seed003Like_ExtraPartRenumberedAndObsoleteTable()
    {
        var template = TemplateRegistry.Template2019;
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b.Parts.Clear();
        b.AddPart(PartCode.Overview, "基本情况", ReportFactory.OverviewText)
            .AddPart(PartCode.ActiveDisclosure, "二、主动公开政府信息情况", "")
            .AddPart(null, "三、公开平台建设和信息发布情况", "")
            .AddPart(PartCode.Applications, "四、收到和处理政府信息公开申请情况", "")
            .AddPart(PartCode.ReviewsLitigation, "五、政府信息公开行政复议、行政诉讼情况", "")
            .AddPart(PartCode.Problems, "六、存在的主要问题及改进情况", "")
            .AddPart(PartCode.OtherMatters, "其他需要报告的事项", "");
        b.ExtraTables.Add(new ExtraTable(ExtraTableKind.ObsoleteStatistics, "表二 统计指标", 2));

        var result = _validator.Validate(b.Build());

        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
        Assert.Contains(result.Findings, f => f.RuleId == "V20" && f.Message == "含有模板以外的部分：“三、公开平台建设和信息发布情况”");
        var headings = Assert.Single(result.Findings, f => f.RuleId == "V20" && f.Severity == Severity.Info);
        Assert.Contains("“基本情况”应为“一、总体情况”", headings.Message, StringComparison.Ordinal);
        Assert.Contains("“四、收到和处理政府信息公开申请情况”应为“三、收到和处理政府信息公开申请情况”", headings.Message, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.RuleId == "V21" && f.Message.Contains("三、公开平台建设和信息发布情况", StringComparison.Ordinal));
        Assert.Equal(template.Parts.Count, b.Parts.Count(p => !p.IsExtra));
    }

    [Fact]
    public void Structure_MissingDuplicateAndOutOfOrder_Reported()
    {
        var b = ReportFactory.Builder(TemplateId.Template2021);
        b.Parts.Clear();
        b.AddPart(PartCode.Overview, "一、总体情况", ReportFactory.OverviewText)
            .AddPart(PartCode.Applications, "三、收到和处理政府信息公开申请情况", "")
            .AddPart(PartCode.ActiveDisclosure, "二、主动公开政府信息情况", "")
            .AddPart(PartCode.Applications, "三、收到和处理政府信息公开申请情况", "")
            .AddPart(PartCode.ReviewsLitigation, "四、政府信息公开行政复议、行政诉讼情况", "")
            .AddPart(PartCode.OtherMatters, "六、其他需要报告的事项", "未收取信息处理费。");

        var result = _validator.Validate(b.Build());

        Assert.Contains(result.Findings, f => f.RuleId == "V10" && f.Severity == Severity.Error && f.Message == "缺少第五部分“存在的主要问题及改进情况”");
        Assert.Contains(result.Findings, f => f.RuleId == "V20" && f.Message.StartsWith("第三部分“收到和处理政府信息公开申请情况”出现2次", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.RuleId == "V20" && f.Message.StartsWith("各部分顺序与模板不一致", StringComparison.Ordinal));
    }

    [Fact]
    public void V22V23_Seed004ProcurementWithoutUnit_WarnsUnitAndMagnitude()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b.AgencyKind = AgencyKind.TownshipOrStreet;
        b.AgencyName = "余姚市人民政府朗霞街道办事处";
        b["active_disclosure.art20_9.procurement.amount"] = CellValue.Parse("165950.2");

        var result = _validator.Validate(b.Build());

        Assert.Contains(result.Findings, f => f.RuleId == "V22" && f.Message == "第二十条第（九）项 政府集中采购 / 采购总金额 填报165950.2，未注明单位（万元或元）");
        var v23 = Assert.Single(result.Findings, f => f.RuleId == "V23");
        Assert.Contains("未注明单位，按万元计约合16.6亿元，对乡镇（街道）而言明显偏大", v23.Message, StringComparison.Ordinal);
        Assert.Equal("active_disclosure.art20_9.procurement.amount", v23.CulpritAddress);
    }

    [Fact]
    public void V22V23_AmountInYuanForDepartment_NoWarning()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b["active_disclosure.art20_9.procurement.amount"] = CellValue.Parse("251000元");

        Assert.Empty(_validator.Validate(b.Build()).Findings);
    }

    [Fact]
    public void V22_2021FeeInYuan_Warns()
    {
        var b = ReportFactory.Builder(TemplateId.Template2021);
        b["active_disclosure.art20_8.fees.amount_10k_yuan"] = CellValue.Parse("400元");

        var finding = Assert.Single(_validator.Validate(b.Build()).Findings);
        Assert.Equal("第二十条第（八）项 行政事业性收费 / 本年收费金额（单位：万元） 单位写为“元”，模板规定为万元", finding.Message);
    }

    [Fact]
    public void V24V25_NoAgencyNoDate_Reported()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b.AgencyName = null;
        b.PublicationDate = null;

        var result = _validator.Validate(b.Build());

        Assert.Contains(result.Findings, f => f.RuleId == "V24" && f.Severity == Severity.Error);
        Assert.Contains(result.Findings, f => f.RuleId == "V25" && f.Severity == Severity.Warning);
    }

    [Theory]
    [InlineData(AgencyKind.Department, "2020-01-31", null)]
    [InlineData(AgencyKind.Department, "2020-02-01", Severity.Error)]
    [InlineData(AgencyKind.Government, "2020-03-31", null)]
    [InlineData(AgencyKind.Government, "2020-04-01", Severity.Error)]
    [InlineData(AgencyKind.TownshipOrStreet, "2020-04-01", Severity.Warning)]
    [InlineData(AgencyKind.TownshipOrStreet, "2020-03-01", null)]
    [InlineData(AgencyKind.Department, "2019-12-31", Severity.Error)]
    [InlineData(AgencyKind.Department, "2020-01-18", null)]
    public void V12_PublicationDate_AgainstDeadline(AgencyKind kind, string date, Severity? expected)
    {
        var b = ReportFactory.Builder(TemplateId.Template2019, 2019);
        b.AgencyKind = kind;
        b.PublicationDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var finding = _validator.Validate(b.Build()).Findings.SingleOrDefault(f => f.RuleId == "V12");

        Assert.Equal(expected, finding?.Severity);
    }

    [Fact]
    public void V12_Seed002DateBeforePeriodEnd_ErrorStatesDates()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019, 2020);
        b.PublicationDate = new DateOnly(2020, 1, 25);

        var finding = Assert.Single(_validator.Validate(b.Build()).Findings);
        Assert.Equal("发布日期2020年1月25日早于报告期结束（2020年12月31日），日期或年度有误", finding.Message);
    }

    [Fact]
    public void V12_TownshipDeadlineConfigured_UsesOption()
    {
        var validator = new ReportValidator(new ValidationOptions { TownshipDeadlineMonth = 2, TownshipDeadlineDay = 20, TownshipDeadlineSeverity = Severity.Error });
        var b = ReportFactory.Builder(TemplateId.Template2021);
        b.AgencyKind = AgencyKind.TownshipOrStreet;
        b.PublicationDate = new DateOnly(2023, 2, 21);

        var finding = Assert.Single(validator.Validate(b.Build()).Findings);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("2023年2月20日", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V11_GovernmentWithoutAppraisal_Warns()
    {
        var b = ReportFactory.Builder(TemplateId.Template2021);
        b.AgencyKind = AgencyKind.Government;
        b.PublicationDate = new DateOnly(2023, 3, 1);
        b.Parts[0] = b.Parts[0] with { Text = "全年开展政务公开工作考核。" };

        var finding = Assert.Single(_validator.Validate(b.Build()).Findings);
        Assert.Equal("人民政府年度报告未说明社会评议、责任追究结果情况", finding.Message);
    }

    [Fact]
    public void V14_2021WithoutFeeStatement_Warns()
    {
        var b = ReportFactory.Builder(TemplateId.Template2021);
        b.Parts[5] = b.Parts[5] with { Text = "无其他需要报告的事项。" };
        var b2019 = ReportFactory.Builder(TemplateId.Template2019);
        b2019.Parts[5] = b2019.Parts[5] with { Text = "无其他需要报告的事项。" };

        Assert.Equal("V14", Assert.Single(_validator.Validate(b.Build()).Findings).RuleId);
        Assert.Empty(_validator.Validate(b2019.Build()).Findings);
    }

    [Fact]
    public void V13_Seed000Narrative_AgreesNoWarning()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b[A("new_received.natural_person")] = 15;
        b[A("new_received.total")] = 15;
        b[A("granted.natural_person")] = 15;
        b[A("granted.total")] = 15;
        b[A("results_total.natural_person")] = 15;
        b[A("results_total.total")] = 15;
        b["reviews_litigation.review.upheld"] = 1;
        b["reviews_litigation.review.total"] = 1;
        b["active_disclosure.art20_1.normative_documents.newly_made"] = 15;
        b["active_disclosure.art20_1.normative_documents.total_published"] = 327;
        b.Parts[0] = b.Parts[0] with { Text = "图解解读区政府工作报告和区政府常务会议20次，行政规范性文件15件，其他政策61次；牵头对重大决策公开征求意见18次。共收到政府信息依申请公开15件，因政府信息依申请公开引起的行政复议1件，结果维持；行政诉讼0件，无被纠错和败诉件。" };

        Assert.Empty(_validator.Validate(b.Build()).Findings);
    }

    [Fact]
    public void V13_Seed003Narrative_GroupSumsAgreeAndDepartmentFiguresIgnored()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        var values = new Dictionary<string, int>
        {
            ["granted"] = 36,
            ["partially_granted"] = 1,
            ["withheld_third_party"] = 4,
            ["withheld_process_info"] = 7,
            ["unavailable_not_held"] = 60,
            ["unavailable_unclear"] = 3,
            ["rejected_petition"] = 10,
            ["rejected_repeat"] = 1,
            ["other_handling"] = 15,
        };
        foreach (var (row, value) in values)
        {
            b[A(row + ".natural_person")] = value;
            b[A(row + ".total")] = value;
        }

        b[A("results_total.natural_person")] = 137;
        b[A("results_total.total")] = 137;
        b[A("new_received.natural_person")] = 137;
        b[A("new_received.total")] = 137;
        b["reviews_litigation.review.upheld"] = 12;
        b["reviews_litigation.review.total"] = 12;
        b["reviews_litigation.litigation_direct.upheld"] = 5;
        b["reviews_litigation.litigation_direct.total"] = 5;
        b["active_disclosure.art20_1.rules.newly_published"] = 7;
        b["active_disclosure.art20_1.normative_documents.newly_published"] = 30;
        b.Parts[0] = b.Parts[0] with { Text = "图解解读政府规章7件、行政规范性文件30件。处理办结依申请公开信息137件，应对因信息公开引起的行政复议12件，行政诉讼5件。2019年，市政府公报刊登市政府、市政府办公厅文件152件，部门行政规范性文件58件，政策解读48篇。" };
        b.Parts[2] = b.Parts[2] with { Text = "据统计，2019年办公厅市共受理依申请公开137件。从申请对象看，公民申请130件，企业法人申请7件；从答复结果看，予以公开的36件，部分公开的1件，不予公开的11件，无法提供的63件，不予处理的11件，其他处理的15件。" };

        Assert.Empty(_validator.Validate(b.Build()).Findings);
    }

    [Theory]
    [InlineData("共收到政府信息依申请公开16件。", "正文称“收到政府信息依申请公开16件”，表三“一、本年新收政府信息公开申请数量”总计为15")]
    [InlineData("不予公开的3件。", "正文称“不予公开的3件”，表三“（三）不予公开”各项总计之和为0")]
    [InlineData("行政复议2件。", "正文称“行政复议2件”，表四“行政复议”总计为1")]
    [InlineData("行政诉讼1件。", "正文称“行政诉讼1件”，表四“行政诉讼”（未经复议直接起诉与复议后起诉）总计之和为0")]
    [InlineData("规章7件。", "正文称“规章7件”，与表二“规章”各列（本年新制作数量0、本年新公开数量0、对外公开总数量0）均不一致")]
    public void V13_NarrativeDisagrees_WarningNamesCell(string text, string message)
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b[A("new_received.natural_person")] = 15;
        b[A("new_received.total")] = 15;
        b[A("granted.natural_person")] = 15;
        b[A("granted.total")] = 15;
        b[A("results_total.natural_person")] = 15;
        b[A("results_total.total")] = 15;
        b["reviews_litigation.review.upheld"] = 1;
        b["reviews_litigation.review.total"] = 1;
        b.Parts[0] = b.Parts[0] with { Text = text };

        var finding = Assert.Single(_validator.Validate(b.Build()).Findings);
        Assert.Equal("V13", finding.RuleId);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(message, finding.Message);
        Assert.NotNull(finding.CulpritAddress);
    }

    [Theory]
    [InlineData("予以公开及部分公开258件。")]
    [InlineData("较上年同比收到政府信息公开申请增加12件。")]
    [InlineData("部门行政规范性文件58件。")]
    public void V13_AmbiguousPhrases_NoWarning(string text)
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b.Parts[0] = b.Parts[0] with { Text = text };

        Assert.Empty(_validator.Validate(b.Build()).Findings);
    }

    [Fact]
    public void V06V07V18_PreviousYear_CrossChecks()
    {
        var random = new Random(7);
        var previous = ReportFactory.Consistent(TemplateId.Template2021, random);
        previous.Year = 2021;
        previous["active_disclosure.art20_1.rules.in_force"] = 10;
        var current = ReportFactory.Builder(TemplateId.Template2021, 2022);
        current["active_disclosure.art20_1.rules.issued"] = 2;
        current["active_disclosure.art20_1.rules.repealed"] = 1;
        current["active_disclosure.art20_1.rules.in_force"] = 12;
        current["active_disclosure.art20_1.normative_documents.in_force"] = previous["active_disclosure.art20_1.normative_documents.in_force"];

        var result = _validator.Validate(current.Build(), previous.Build());

        var v07 = Assert.Single(result.Findings, f => f.RuleId == "V07");
        Assert.Equal("规章 现行有效件数填报12，按上年10 + 本年制发2 − 本年废止1应为11", v07.Message);
        var carried = previous[A("carried_forward.total")].Value;
        Assert.Equal(carried != 0, result.Findings.Any(f => f.RuleId == "V06"));
        Assert.Contains(result.Findings, f => f.RuleId == "V18" && f.Severity == Severity.Info);
    }

    [Fact]
    public void Catalogue_EveryRuleIdUnique_AndDocumented()
    {
        var ids = RuleCatalogue.All.Select(r => r.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"V{i:00}"), ids);
        Assert.All(RuleCatalogue.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Title + r.Description + r.Basis)));
        Assert.Contains("第一项加第二项之和，等于第三项加第四项之和", RuleCatalogue.Get("V01").Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void V03_TotalColumnWrong_MessageNamesTotalColumn()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b[A("granted.natural_person")] = 2;
        b[A("granted.total")] = 2;
        b[A("results_total.natural_person")] = 2;
        b[A("results_total.total")] = 3;
        b[A("new_received.natural_person")] = 2;
        b[A("new_received.total")] = 2;

        var result = _validator.Validate(b.Build());

        var root = Assert.Single(result.Findings, f => f.IsRoot);
        Assert.Equal("（七）总计 总计列 填报3，各行合计2；其余勾稽关系表明（七）总计填报有误", root.Message);
        Assert.Equal(A("results_total.total"), root.CulpritAddress);
        Assert.Equal(["V01", "V02"], result.ConsequencesOf(root.Id).Select(f => f.RuleId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReportSnapshot_Summaries_TrackBlanksAndDomain()
    {
        var b = ReportFactory.Builder(TemplateId.Template2021);
        var clean = b.Build();
        b[A("granted.total")] = CellValue.Parse("—");
        b[A("granted.research")] = 1.5m;
        var faulty = b.Build();

        Assert.Equal(0, clean.BlankCount);
        Assert.True(clean.ValuesInDomain);
        Assert.True(clean.HasIntegerValues);
        Assert.Equal(1, faulty.BlankCount);
        Assert.False(faulty.ValuesInDomain);
        Assert.False(faulty.HasIntegerValues);
        Assert.Equal(0, clean.ToBuilder()[A("granted.total")].Value);
        Assert.Equal("—", faulty.GetCell(A("granted.total")).OriginalText);
    }

    [Fact]
    public void Finding_StableKey_SameProblemSameKeyAcrossRuns()
    {
        var b = ReportFactory.Builder(TemplateId.Template2019);
        b["reviews_litigation.review.total"] = 1;
        var first = _validator.Validate(b.Build()).Findings.Single();
        b.AgencyName = null;
        var second = _validator.Validate(b.Build()).Findings.Single(f => f.RuleId == "V05");

        Assert.Equal("V05:reviews_litigation.review.total", first.StableKey);
        Assert.Equal(first.StableKey, second.StableKey);
        Assert.NotEqual(first.Id, second.Id);
    }
}
