using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation;

/// <summary>A rule of the catalogue (templates.md §5, plus V20 onward).</summary>
/// <param name="Checkable">False for rules that only document practice (V04, V15, V16, V19).</param>
public sealed record RuleDescriptor(
    string Id,
    Severity Severity,
    string Title,
    string Description,
    string Basis,
    IReadOnlyList<TemplateId> Templates,
    bool Checkable);

/// <summary>Every rule the engine knows, by id.</summary>
public static class RuleCatalogue
{
    public const string Regulation = "《中华人民共和国政府信息公开条例》";

    internal const string Table3Note = "年度报告格式表三勾稽关系：" + Internal.BasisText.BalanceNote;
    internal const string RowTotalBasis = "年度报告格式表三表头：总计 = 自然人 + 法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）";
    internal const string ResultsBasis = "年度报告格式表三结构：（七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开1–8 + （四）无法提供1–3 + （五）不予处理1–5 + （六）其他处理";
    internal const string ReviewsBasis = "年度报告格式表四表头：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结";
    internal const string DomainBasis = "年度报告格式：数量为非负整数；2019版“本年增/减”可为负数；金额可为小数";
    internal const string TemplateBasis = "国办公开办函〔2019〕60号（2019、2020年度报告）；国办公开办函〔2021〕30号（2021年度报告起）";
    internal const string PartsBasis = Regulation + "第五十条；国办公开办函〔2021〕30号：年度报告内容“不能遗漏，也不宜泛化”";
    internal const string GovernmentContentBasis = Regulation + "第五十条第（四）项：各级人民政府的政府信息公开工作年度报告还应当包括工作考核、社会评议和责任追究结果情况";
    internal const string DeadlineBasis = Regulation + "第四十九条：县级以上人民政府部门每年1月31日前、本级政府每年3月31日前公布上一年度年度报告";
    internal const string NarrativeBasis = "年度报告正文所述数字应与统计表一致（正文可能指某一子项，故仅作提示）";
    internal const string FeeBasis = "国办公开办函〔2021〕30号第六部分；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";
    internal const string BlankBasis = "空白不等于零：空白、“—”等按0参与勾稽计算，但应填写0";
    internal const string CrossYearBasis = "本年度“上年结转”应等于上一年度报告“结转下年度继续办理”";
    internal const string InForceBasis = "现行有效件数(本年) = 现行有效件数(上年) + 本年制发件数 − 本年废止件数";
    internal const string SimilarityBasis = "国办公开办函〔2021〕30号（四）明确责任：内容雷同、敷衍塞责的，依《条例》第四十七条追究责任";
    internal const string ObsoleteBasis = "国办公开办函〔2019〕60号起统一使用新格式，原2008年版“统计指标”表已废止";
    internal const string UnitBasis = "2021版表二“本年收费金额（单位：万元）”；2019版“采购总金额”未规定单位，须在表中注明";
    internal const string AgencyBasis = Regulation + "第四十九条、第五十条：年度报告以行政机关名义编制、公布";

    private static readonly TemplateId[] Both = [TemplateId.Template2019, TemplateId.Template2021];
    private static readonly TemplateId[] Only2021 = [TemplateId.Template2021];

    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        new("V01", Severity.Error, "表三勾稽关系", "每一列：一（本年新收）+ 二（上年结转）= 三（七）总计 + 四（结转下年度继续办理）。", Table3Note, Both, true),
        new("V02", Severity.Error, "表三行合计", "每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他；总计空白而各列不为零也是错误。", RowTotalBasis, Both, true),
        new("V03", Severity.Error, "表三办理结果合计", "每一列：（七）总计 = （一）至（六）各数据行之和（分组标题行不计）。", ResultsBasis, Both, true),
        new("V04", Severity.Info, "办理结果只计一种情形", "一件申请只计入一种办理结果；区分处理的只计入（二）部分公开。无法从单份报告核对，仅作说明。", "年度报告格式表三（二）部分公开：区分处理的，只计这一情形，不计其他情形", Both, false),
        new("V05", Severity.Error, "表四合计", "行政复议、未经复议直接起诉、复议后起诉三组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。", ReviewsBasis, Both, true),
        new("V06", Severity.Warning, "跨年度结转一致", "本年度“二、上年结转”应等于上一年度“四、结转下年度继续办理”（机构调整时可能不同）。需提供上一年度报告。", CrossYearBasis, Both, true),
        new("V07", Severity.Warning, "现行有效件数跨年度一致", "2022年度起：规章、行政规范性文件的现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止。需提供上一年度报告。", InForceBasis, Only2021, true),
        new("V08", Severity.Error, "数值取值范围", "数量应为非负整数；2019版“本年增/减”可为负整数；金额为非负数；非数字内容为错误。", DomainBasis, Both, true),
        new("V09", Severity.Error, "格式与年度匹配", "2019、2020年度报告使用国办公开办函〔2019〕60号格式，2021年度起使用国办公开办函〔2021〕30号格式；2018年度及以前不适用统一格式。", TemplateBasis, Both, true),
        new("V10", Severity.Error, "六个部分齐全", "报告应包括总体情况、主动公开、依申请公开、行政复议和行政诉讼、存在的主要问题及改进情况、其他需要报告的事项六个部分。", PartsBasis, Both, true),
        new("V11", Severity.Warning, "人民政府报告的考核评议追责内容", "人民政府的年度报告应说明工作考核、社会评议和责任追究结果情况。", GovernmentContentBasis, Both, true),
        new("V12", Severity.Error, "发布时间", "发布日期应在报告期（当年12月31日）结束之后，并不晚于法定期限：政府部门次年1月31日，人民政府次年3月31日，乡镇（街道）按本地规定（默认3月31日，警告）。", DeadlineBasis, Both, true),
        new("V13", Severity.Warning, "正文与表格数字一致", "正文中明确写出的数字（如“收到政府信息公开申请15件”“行政复议1件”“不予公开11件”）应与对应表格单元格一致；正文可能指子项，故只作警告。", NarrativeBasis, Both, true),
        new("V14", Severity.Warning, "说明信息处理费收取情况", "2021年度起，第六部分“其他需要报告的事项”应说明信息处理费收取情况（含未收取）。", FeeBasis, Only2021, true),
        new("V15", Severity.Info, "行政诉讼计数口径", "复议机关作共同被告时，只由原行政行为机关统计该诉讼（国办公开办函〔2016〕201号）。无法从单份报告核对，仅作说明。", "国办公开办函〔2016〕201号", Both, false),
        new("V16", Severity.Info, "汇总报告与组成报告一致", "本级政府汇总报告应等于各组成机关报告之和。本引擎未实现，需汇总数据。", "实践要求；国办公开办函〔2019〕60号", Both, false),
        new("V17", Severity.Warning, "空白单元格", "空白、“—”“/”“无”等不是零：按0参与计算并提示应填写0。", BlankBasis, Both, true),
        new("V18", Severity.Info, "与上年或其他机关正文雷同", "正文与同一机关上一年度报告、或与其他机关同一年度报告高度相似（字符二元组相似度90%以上），提示中写明相似的机关和相似度。需提供上一年度报告；与其他机关的比对在服务器保存的报告之间进行（查看检查结果和提交时）。", SimilarityBasis, Both, true),
        new("V19", Severity.Info, "分组标题行不填数", "（三）不予公开、（四）无法提供、（五）不予处理以及2021版（六）其他处理为分组标题，没有数值单元格；报告自加的小计行不参与合计。由模板结构保证，导入时处理。", "年度报告格式表三的行结构", Both, false),
        new("V20", Severity.Warning, "部分顺序、重复与编号", "六个部分应按模板顺序各出现一次；不应增加模板以外的部分；标题编号与模板一致。", PartsBasis, Both, true),
        new("V21", Severity.Warning, "使用已废止的统计指标表", "报告含有2019年以前格式的“统计指标”表，应改用新格式表格。", ObsoleteBasis, Both, true),
        new("V22", Severity.Warning, "金额未注明单位", "2019版“采购总金额”须注明单位（万元或元）；2021版收费金额单位为万元，写成其他单位需核实。", UnitBasis, Both, true),
        new("V23", Severity.Warning, "金额量级不合理", "按所注明或推定的单位换算后，金额与机关类型明显不相称（例如街道办事处采购额达数亿元），可能单位有误。", UnitBasis, Both, true),
        new("V24", Severity.Error, "缺少机关名称", "报告未写明编制机关名称。", AgencyBasis, Both, true),
        new("V25", Severity.Warning, "缺少发布日期", "报告未写明发布（成文）日期，无法核对是否按时发布。", DeadlineBasis, Both, true),
    ];

    public static RuleDescriptor Get(string id) =>
        All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal)) ?? throw new KeyNotFoundException($"Unknown rule '{id}'.");
}
