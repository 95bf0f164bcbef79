using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation.Internal;

/// <summary>Metadata (V09, V12, V24, V25), structure (V10, V20, V21) and content (V11, V14) rules.</summary>
internal static class DocumentRules
{
    private const string Numerals = "一二三四五六七八九十";

    /// <summary>Returns false when the report predates the unified format (tables are not validated then).</summary>
    public static bool CheckTemplate(Report report, FindingSink sink)
    {
        var expected = TemplateRegistry.ForYear(report.Year);
        if (expected is null)
        {
            sink.Add("V09", Severity.Info, $"{report.Year}年度报告早于统一格式（2019年度起适用），不校验表格", RuleCatalogue.TemplateBasis, []);
            return false;
        }

        if (!ReferenceEquals(expected, report.Template))
        {
            var message = $"{report.Year}年度报告应使用{expected.DocumentNumber}格式，但本报告使用了{report.Template.DocumentNumber}格式";
            sink.Add("V09", Severity.Error, message, RuleCatalogue.TemplateBasis, []);
        }

        return true;
    }

    public static void CheckMetadata(Report report, FindingSink sink, ValidationOptions options)
    {
        if (string.IsNullOrWhiteSpace(report.AgencyName))
        {
            sink.Add("V24", Severity.Error, "报告未写明编制机关名称", RuleCatalogue.AgencyBasis, []);
        }

        if (report.PublicationDate is not { } date)
        {
            sink.Add("V25", Severity.Warning, "报告未写明发布日期，无法核对是否按时发布", RuleCatalogue.DeadlineBasis, []);
            return;
        }

        var periodEnd = new DateOnly(report.Year, 12, 31);
        if (date <= periodEnd)
        {
            sink.Add("V12", Severity.Error, $"发布日期{Fmt.Date(date)}早于报告期结束（{Fmt.Date(periodEnd)}），日期或年度有误", RuleCatalogue.DeadlineBasis, []);
            return;
        }

        var (deadline, severity, who) = report.AgencyKind switch
        {
            AgencyKind.Department => (new DateOnly(report.Year + 1, 1, 31), Severity.Error, "县级以上人民政府部门"),
            AgencyKind.Government => (new DateOnly(report.Year + 1, 3, 31), Severity.Error, "人民政府"),
            AgencyKind.TownshipOrStreet => (TownshipDeadline(report.Year, options), options.TownshipDeadlineSeverity, "乡镇（街道）"),
            _ => (new DateOnly(report.Year + 1, 3, 31), Severity.Warning, "机关类型未知，按最晚期限"),
        };
        if (date > deadline)
        {
            var message = $"发布日期{Fmt.Date(date)}晚于法定期限{Fmt.Date(deadline)}（{who}），逾期{date.DayNumber - deadline.DayNumber}天";
            sink.Add("V12", severity, message, RuleCatalogue.DeadlineBasis, []);
        }
    }

    public static void CheckStructure(Report report, FindingSink sink)
    {
        var template = report.Template;
        Span<int> counts = stackalloc int[6];
        counts.Clear();
        var previous = -1;
        var outOfOrder = false;
        var extras = 0;
        var headingIssues = 0;
        foreach (var part in report.Parts)
        {
            if (part.Code is not { } code)
            {
                extras++;
                continue;
            }

            var index = (int)code;
            if (counts[index]++ == 0)
            {
                outOfOrder |= index < previous;
                previous = Math.Max(previous, index);
            }

            if (!HeadingMatches(part.Heading, template.GetPart(code)))
            {
                headingIssues++;
            }
        }

        for (var i = 0; i < 6; i++)
        {
            var expected = template.Parts[i];
            if (counts[i] == 0)
            {
                sink.Add("V10", Severity.Error, $"缺少第{expected.Number}部分“{expected.Title}”", RuleCatalogue.PartsBasis, []);
            }
            else if (counts[i] > 1)
            {
                var headings = string.Join("、", report.Parts.Where(p => p.Code == expected.Part).Select(p => $"“{p.Heading}”"));
                sink.Add("V20", Severity.Warning, $"第{expected.Number}部分“{expected.Title}”出现{counts[i]}次：{headings}", RuleCatalogue.PartsBasis, []);
            }
        }

        if (outOfOrder)
        {
            var order = string.Join(" → ", report.Parts.Where(p => !p.IsExtra).Select(p => $"“{p.Heading}”"));
            sink.Add("V20", Severity.Warning, $"各部分顺序与模板不一致：{order}", RuleCatalogue.PartsBasis, []);
        }

        if (extras > 0)
        {
            var headings = string.Join("、", report.Parts.Where(p => p.IsExtra).Select(p => $"“{p.Heading}”"));
            sink.Add("V20", Severity.Warning, $"含有模板以外的部分：{headings}", RuleCatalogue.PartsBasis, []);
        }

        if (headingIssues > 0)
        {
            var list = string.Join("；", report.Parts
                .Where(p => p.Code is { } c && !HeadingMatches(p.Heading, template.GetPart(c)))
                .Select(p => $"“{p.Heading}”应为“{template.GetPart(p.Code!.Value).Heading}”"));
            sink.Add("V20", Severity.Info, $"部分标题或编号与模板不一致：{list}", RuleCatalogue.PartsBasis, []);
        }

        foreach (var table in report.ExtraTables)
        {
            if (table.Kind == ExtraTableKind.ObsoleteStatistics)
            {
                var where = report.Parts.FirstOrDefault(p => p.Order == table.PartOrder)?.Heading;
                var message = where is null
                    ? $"报告含有已废止的2019年以前格式“统计指标”表（{table.Title}）"
                    : $"报告在“{where}”中含有已废止的2019年以前格式“统计指标”表（{table.Title}）";
                sink.Add("V21", Severity.Warning, message, RuleCatalogue.ObsoleteBasis, []);
            }
        }
    }

    public static void CheckContent(Report report, FindingSink sink)
    {
        if (report.AgencyKind == AgencyKind.Government)
        {
            var hasReview = false;
            var hasAppraisal = false;
            var hasAccountability = false;
            foreach (var part in report.Parts)
            {
                var text = part.Text.AsSpan();
                hasReview |= text.Contains("考核", StringComparison.Ordinal);
                hasAppraisal |= text.Contains("评议", StringComparison.Ordinal);
                hasAccountability |= text.Contains("责任追究", StringComparison.Ordinal) || text.Contains("追责", StringComparison.Ordinal);
            }

            if (!(hasReview && hasAppraisal && hasAccountability))
            {
                var missing = string.Join("、", new[] { (hasReview, "工作考核"), (hasAppraisal, "社会评议"), (hasAccountability, "责任追究") }.Where(x => !x.Item1).Select(x => x.Item2));
                sink.Add("V11", Severity.Warning, $"人民政府年度报告未说明{missing}结果情况", RuleCatalogue.GovernmentContentBasis, []);
            }
        }

        if (report.Template.Id == TemplateId.Template2021 && report.GetPart(PartCode.OtherMatters) is { } other)
        {
            var text = other.Text.AsSpan();
            if (!text.Contains("信息处理费", StringComparison.Ordinal) && !text.Contains("收费", StringComparison.Ordinal) && !text.Contains("收取", StringComparison.Ordinal))
            {
                sink.Add("V14", Severity.Warning, "第六部分“其他需要报告的事项”未说明信息处理费收取情况（未收取也应说明）", RuleCatalogue.FeeBasis, []);
            }
        }
    }

    private static DateOnly TownshipDeadline(int year, ValidationOptions options)
    {
        var month = Math.Clamp(options.TownshipDeadlineMonth, 1, 12);
        var day = Math.Clamp(options.TownshipDeadlineDay, 1, DateTime.DaysInMonth(year + 1, month));
        return new DateOnly(year + 1, month, day);
    }

    /// <summary>The heading starts with the template's numeral and contains its title (wording variants are INFO only).</summary>
    private static bool HeadingMatches(string heading, TemplatePart expected)
    {
        var text = heading.AsSpan().Trim();
        if (text.Length < 2 || Numerals.IndexOf(text[0]) < 0)
        {
            return false;
        }

        return text.StartsWith(expected.Number, StringComparison.Ordinal)
            && (text.Length == expected.Number.Length || Numerals.IndexOf(text[expected.Number.Length]) < 0)
            && text.Contains(expected.Title.AsSpan(), StringComparison.Ordinal);
    }
}
