namespace GovReport.Domain.Templates.Internal;

/// <summary>The tables of both national formats, verbatim per templates.md §1.3–1.5 and §2.3–2.5, codes per codes.md.</summary>
internal static class TemplateDefinitions
{
    public const string BalanceNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    private const string Art20Caption1 = "第二十条第（一）项";
    private const string Art20Caption5 = "第二十条第（五）项";
    private const string Art20Caption6 = "第二十条第（六）项";
    private const string Art20Caption8 = "第二十条第（八）项";
    private const string Art20Caption9 = "第二十条第（九）项";
    private const string InfoContent = "信息内容";

    public static ReportTemplate Build2019()
    {
        var count = CellKind.Count;
        var signed = CellKind.SignedCount;
        var table2 = new TemplateTable(PartCode.ActiveDisclosure, "active_disclosure", "主动公开政府信息情况", null, null,
        [
            Block("art20_1", Art20Caption1,
                [Col("newly_made", "本年新制作数量", count), Col("newly_published", "本年新公开数量", count), Col("total_published", "对外公开总数量", count)],
                [Row("rules", "规章"), Row("normative_documents", "规范性文件")]),
            Block("art20_5", Art20Caption5,
                [Col("previous_items", "上一年项目数量", count), Col("change", "本年增/减", signed), Col("decisions", "处理决定数量", count)],
                [Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项")]),
            Block("art20_6", Art20Caption6,
                [Col("previous_items", "上一年项目数量", count), Col("change", "本年增/减", signed), Col("decisions", "处理决定数量", count)],
                [Row("penalty", "行政处罚"), Row("coercion", "行政强制")]),
            Block("art20_8", Art20Caption8,
                [Col("previous_items", "上一年项目数量", count), Col("change", "本年增/减", signed)],
                [Row("fees", "行政事业性收费")]),
            Block("art20_9", Art20Caption9,
                [Col("projects", "采购项目数量", count), Col("amount", "采购总金额", CellKind.Amount)],
                [Row("procurement", "政府集中采购")]),
        ]);
        return new ReportTemplate(
            TemplateId.Template2019,
            "国办公开办函〔2019〕60号",
            "中华人民共和国政府信息公开工作年度报告格式（试行）",
            2019,
            2020,
            Parts(),
            [table2, Applications(otherHandlingSplit: false), Reviews()]);
    }

    public static ReportTemplate Build2021()
    {
        var count = CellKind.Count;
        var table2 = new TemplateTable(PartCode.ActiveDisclosure, "active_disclosure", "主动公开政府信息情况", null, null,
        [
            Block("art20_1", Art20Caption1,
                [Col("issued", "本年制发件数", count), Col("repealed", "本年废止件数", count), Col("in_force", "现行有效件数", count)],
                [Row("rules", "规章"), Row("normative_documents", "行政规范性文件")]),
            Block("art20_5", Art20Caption5, [Col("decisions", "本年处理决定数量", count)], [Row("licensing", "行政许可")]),
            Block("art20_6", Art20Caption6, [Col("decisions", "本年处理决定数量", count)], [Row("penalty", "行政处罚"), Row("coercion", "行政强制")]),
            Block("art20_8", Art20Caption8, [new TemplateColumn("amount_10k_yuan", "本年收费金额（单位：万元）", CellKind.Amount, "万元", false, null)], [Row("fees", "行政事业性收费")]),
        ]);
        return new ReportTemplate(
            TemplateId.Template2021,
            "国办公开办函〔2021〕30号",
            "中华人民共和国政府信息公开工作年度报告格式",
            2021,
            null,
            Parts(),
            [table2, Applications(otherHandlingSplit: true), Reviews()]);
    }

    private static TemplatePart[] Parts() =>
    [
        new(PartCode.Overview, "overview", "一", "总体情况"),
        new(PartCode.ActiveDisclosure, "active_disclosure", "二", "主动公开政府信息情况"),
        new(PartCode.Applications, "applications", "三", "收到和处理政府信息公开申请情况"),
        new(PartCode.ReviewsLitigation, "reviews_litigation", "四", "政府信息公开行政复议、行政诉讼情况"),
        new(PartCode.Problems, "problems", "五", "存在的主要问题及改进情况"),
        new(PartCode.OtherMatters, "other_matters", "六", "其他需要报告的事项"),
    ];

    private static TemplateTable Applications(bool otherHandlingSplit)
    {
        const string legalPerson = "法人或其他组织";
        TemplateColumn[] columns =
        [
            new("natural_person", "自然人", CellKind.Count, null, false, null),
            new("commercial", "商业企业", CellKind.Count, null, false, legalPerson),
            new("research", "科研机构", CellKind.Count, null, false, legalPerson),
            new("public_interest", "社会公益组织", CellKind.Count, null, false, legalPerson),
            new("legal_services", "法律服务机构", CellKind.Count, null, false, legalPerson),
            new("other_org", "其他", CellKind.Count, null, false, legalPerson),
            new("total", "总计", CellKind.Count, null, true, null),
        ];
        var rows = new List<TemplateRow>
        {
            Row("new_received", "一、本年新收政府信息公开申请数量"),
            Row("carried_over", "二、上年结转政府信息公开申请数量"),
            new("granted", "（一）予以公开", false, "results"),
            new("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", false, "results"),
            new("withheld_state_secret", "1.属于国家秘密", false, "withheld"),
            new("withheld_law_prohibited", "2.其他法律行政法规禁止公开", false, "withheld"),
            new("withheld_security_stability", "3.危及“三安全一稳定”", false, "withheld"),
            new("withheld_third_party", "4.保护第三方合法权益", false, "withheld"),
            new("withheld_internal_affairs", "5.属于三类内部事务信息", false, "withheld"),
            new("withheld_process_info", "6.属于四类过程性信息", false, "withheld"),
            new("withheld_enforcement_file", "7.属于行政执法案卷", false, "withheld"),
            new("withheld_query_matter", "8.属于行政查询事项", false, "withheld"),
            new("unavailable_not_held", "1.本机关不掌握相关政府信息", false, "unavailable"),
            new("unavailable_needs_creation", "2.没有现成信息需要另行制作", false, "unavailable"),
            new("unavailable_unclear", "3.补正后申请内容仍不明确", false, "unavailable"),
            new("rejected_petition", "1.信访举报投诉类申请", false, "rejected"),
            new("rejected_repeat", "2.重复申请", false, "rejected"),
            new("rejected_publication", "3.要求提供公开出版物", false, "rejected"),
            new("rejected_excessive", "4.无正当理由大量反复申请", false, "rejected"),
            new("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", false, "rejected"),
        };
        var groups = new List<TemplateRowGroup>
        {
            new("results", "三、本年度办理结果", null),
            new("withheld", "（三）不予公开", "results"),
            new("unavailable", "（四）无法提供", "results"),
            new("rejected", "（五）不予处理", "results"),
        };
        if (otherHandlingSplit)
        {
            groups.Add(new("other_handling", "（六）其他处理", "results"));
            rows.Add(new("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", false, "other_handling"));
            rows.Add(new("other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", false, "other_handling"));
            rows.Add(new("other_misc", "3.其他", false, "other_handling"));
        }
        else
        {
            rows.Add(new("other_handling", "（六）其他处理", false, "results"));
        }

        rows.Add(new("results_total", "（七）总计", true, "results"));
        rows.Add(Row("carried_forward", "四、结转下年度继续办理"));
        var block = new TemplateBlock(null, null, null, columns, rows, groups);
        return new TemplateTable(PartCode.Applications, "applications", "收到和处理政府信息公开申请情况", BalanceNote, "申请人情况", [block]);
    }

    private static TemplateTable Reviews()
    {
        TemplateColumn[] columns =
        [
            Col("upheld", "结果维持", CellKind.Count),
            Col("corrected", "结果纠正", CellKind.Count),
            Col("other", "其他结果", CellKind.Count),
            Col("pending", "尚未审结", CellKind.Count),
            new("total", "总计", CellKind.Count, null, true, null),
        ];
        TemplateRow[] rows =
        [
            Row("review", "行政复议"),
            new("litigation_direct", "未经复议直接起诉", false, "litigation"),
            new("litigation_after_review", "复议后起诉", false, "litigation"),
        ];
        var block = new TemplateBlock(null, null, null, columns, rows, [new("litigation", "行政诉讼", null)]);
        return new TemplateTable(PartCode.ReviewsLitigation, "reviews_litigation", "政府信息公开行政复议、行政诉讼情况", null, null, [block]);
    }

    private static TemplateBlock Block(string code, string caption, TemplateColumn[] columns, TemplateRow[] rows) =>
        new(code, caption, InfoContent, columns, rows, []);

    private static TemplateColumn Col(string code, string label, CellKind kind) => new(code, label, kind, null, false, null);

    private static TemplateRow Row(string code, string label) => new(code, label, false, null);
}
