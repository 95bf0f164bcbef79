using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation.Internal;

/// <summary>V06, V07 and V18 against the same organ's previous-year report (V18 against other agencies: CrossAgencyRules).</summary>
internal static class CrossYearRules
{
    public static void Check(Report report, Report previous, FindingSink sink, ValidationOptions options)
    {
        if (previous.Year == report.Year - 1)
        {
            CheckCarriedOver(report, previous, sink);
            if (report.Template.Id == TemplateId.Template2021 && previous.Template.Id == TemplateId.Template2021)
            {
                CheckInForce(report, previous, sink, "rules");
                CheckInForce(report, previous, sink, "normative_documents");
            }
        }

        var similarity = Similarity(report, previous);
        if (similarity >= options.SimilarityThreshold)
        {
            var message = $"正文与{previous.Year}年度报告高度相似（相似度{Fmt.Percent(similarity)}），请核实是否照搬上年内容";
            sink.Add("V18", Severity.Info, message, RuleCatalogue.SimilarityBasis, []);
        }
    }

    private static void CheckCarriedOver(Report report, Report previous, FindingSink sink)
    {
        var now = report.Template.Applications;
        var before = previous.Template.Applications;
        var cells = new List<FindingCell>();
        var parts = new List<string>();
        for (var c = 0; c < ApplicationsLayout.ColumnCount; c++)
        {
            var id = now.Cell(now.CarriedOver, c);
            var expected = previous.GetCell(before.Cell(before.CarriedForward, c)).Value;
            var stated = report.GetCell(id).Value;
            if (stated != expected)
            {
                cells.Add(Fmt.Cell(report, id, expected));
                parts.Add($"{report.Template.GetCell(id).Column.Label}本年填报{Fmt.N(stated)}、上年结转下年度{Fmt.N(expected)}");
            }
        }

        if (cells.Count > 0)
        {
            var message = $"“二、上年结转政府信息公开申请数量”与{previous.Year}年度报告“四、结转下年度继续办理”不一致：{string.Join("；", parts)}";
            sink.Add("V06", Severity.Warning, message, RuleCatalogue.CrossYearBasis, [.. cells], cells[0].Address);
        }
    }

    private static void CheckInForce(Report report, Report previous, FindingSink sink, string row)
    {
        var template = report.Template;
        var inForceId = template.GetCell($"active_disclosure.art20_1.{row}.in_force").Id;
        var issued = report.GetCell($"active_disclosure.art20_1.{row}.issued");
        var repealed = report.GetCell($"active_disclosure.art20_1.{row}.repealed");
        var before = previous.GetCell($"active_disclosure.art20_1.{row}.in_force");
        ref readonly var now = ref report.GetCell(inForceId);
        if (now.IsBlank || before.IsBlank)
        {
            return;
        }

        var expected = before.Value + issued.Value - repealed.Value;
        if (expected != now.Value)
        {
            var label = template.GetCell(inForceId).Row.Label;
            var message = $"{label} 现行有效件数填报{Fmt.N(now.Value)}，按上年{Fmt.N(before.Value)} + 本年制发{Fmt.N(issued.Value)} − 本年废止{Fmt.N(repealed.Value)}应为{Fmt.N(expected)}";
            sink.Add("V07", Severity.Warning, message, RuleCatalogue.InForceBasis, [Fmt.Cell(report, inForceId, expected)], template.GetAddress(inForceId));
        }
    }

    /// <summary>Jaccard similarity of the character-bigram sets of the narrative parts.</summary>
    private static double Similarity(Report report, Report previous) =>
        NarrativeFingerprint.Jaccard(NarrativeFingerprint.Narratives(report), NarrativeFingerprint.Narratives(previous));
}
