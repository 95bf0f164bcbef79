using System.Text.RegularExpressions;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation.Internal;

/// <summary>
/// V13: numbers the narrative states in a few unambiguous phrasings, compared with the cells they name.
/// Deliberately conservative (a warning, never an error): phrases joined by 及/和, clauses about other bodies
/// (部门…) or other years (上年, 同比) are skipped.
/// </summary>
internal static partial class NarrativeRules
{
    private enum Target
    {
        NewReceived,
        Granted,
        PartiallyGranted,
        Withheld,
        Unavailable,
        Rejected,
        OtherHandling,
        Review,
        Litigation,
        Rules,
        NormativeDocuments,
    }

    public static void Check(Report report, FindingSink sink)
    {
        Span<long> seen = stackalloc long[32];
        var seenCount = 0;
        foreach (var part in report.Parts)
        {
            if (part.IsExtra || part.Text.Length == 0)
            {
                continue;
            }

            var text = part.Text.AsSpan();
            foreach (var match in StatedNumber().EnumerateMatches(text))
            {
                var phrase = text.Slice(match.Index, match.Length);
                if (SkipClause(text, match.Index) || !TryClassify(phrase, out var target) || !TryNumber(phrase, out var number))
                {
                    continue;
                }

                var key = ((long)target << 40) | number;
                if (seen[..seenCount].Contains(key))
                {
                    continue;
                }

                if (seenCount < seen.Length)
                {
                    seen[seenCount++] = key;
                }

                Compare(report, sink, target, number, phrase);
            }
        }
    }

    private static void Compare(Report report, FindingSink sink, Target target, long number, ReadOnlySpan<char> phrase)
    {
        var template = report.Template;
        var apps = template.Applications;
        var reviews = template.Reviews;
        const int total = ApplicationsLayout.TotalColumn;
        var values = report.Values;
        if (target is Target.Rules or Target.NormativeDocuments)
        {
            // 规章 / 规范性文件: the narrative may mean any of the row's columns (制发, 公开, 现行有效).
            var row = target == Target.Rules ? template.RulesCells : template.NormativeDocumentCells;
            foreach (var id in row)
            {
                if (values[id.Value] == number)
                {
                    return;
                }
            }

            var definitions = row.Select(template.GetCell).ToArray();
            var columns = string.Join("、", definitions.Select(d => d.Column.Label + Fmt.N(report.Values[d.Id.Value])));
            var message = $"正文称“{phrase}”，与表二“{definitions[0].Row.Label}”各列（{columns}）均不一致";
            sink.Add("V13", Severity.Warning, message, RuleCatalogue.NarrativeBasis, [.. row.Select(c => Fmt.Cell(report, c))], template.GetAddress(row[0]));
            return;
        }

        var actual = target switch
        {
            Target.NewReceived => values[apps.Cell(apps.NewReceived, total).Value],
            Target.Granted => values[apps.Cell(apps.Granted, total).Value],
            Target.PartiallyGranted => values[apps.Cell(apps.PartiallyGranted, total).Value],
            Target.Withheld => SumRows(values, apps, apps.Withheld),
            Target.Unavailable => SumRows(values, apps, apps.Unavailable),
            Target.Rejected => SumRows(values, apps, apps.Rejected),
            Target.OtherHandling => SumRows(values, apps, apps.OtherHandling),
            Target.Review => values[reviews.Cell(0, ReviewsLayout.TotalColumn).Value],
            _ => values[reviews.Cell(1, ReviewsLayout.TotalColumn).Value] + values[reviews.Cell(2, ReviewsLayout.TotalColumn).Value],
        };
        if (actual == number)
        {
            return;
        }

        // "收到申请N件" sometimes includes the carried-over applications.
        if (target == Target.NewReceived && actual + values[apps.Cell(apps.CarriedOver, total).Value] == number)
        {
            return;
        }

        CellId[] cells = target switch
        {
            Target.NewReceived => [apps.Cell(apps.NewReceived, total)],
            Target.Granted => [apps.Cell(apps.Granted, total)],
            Target.PartiallyGranted => [apps.Cell(apps.PartiallyGranted, total)],
            Target.Withheld => [.. apps.Withheld.Select(r => apps.Cell(r, total))],
            Target.Unavailable => [.. apps.Unavailable.Select(r => apps.Cell(r, total))],
            Target.Rejected => [.. apps.Rejected.Select(r => apps.Cell(r, total))],
            Target.OtherHandling => [.. apps.OtherHandling.Select(r => apps.Cell(r, total))],
            Target.Review => [reviews.Cell(0, ReviewsLayout.TotalColumn)],
            _ => [reviews.Cell(1, ReviewsLayout.TotalColumn), reviews.Cell(2, ReviewsLayout.TotalColumn)],
        };
        var what = target switch
        {
            Target.NewReceived => "表三“一、本年新收政府信息公开申请数量”总计",
            Target.Granted => "表三“（一）予以公开”总计",
            Target.PartiallyGranted => "表三“（二）部分公开”总计",
            Target.Withheld => "表三“（三）不予公开”各项总计之和",
            Target.Unavailable => "表三“（四）无法提供”各项总计之和",
            Target.Rejected => "表三“（五）不予处理”各项总计之和",
            Target.OtherHandling => "表三“（六）其他处理”总计",
            Target.Review => "表四“行政复议”总计",
            _ => "表四“行政诉讼”（未经复议直接起诉与复议后起诉）总计之和",
        };
        sink.Add(
            "V13",
            Severity.Warning,
            $"正文称“{phrase}”，{what}为{Fmt.N(actual)}",
            RuleCatalogue.NarrativeBasis,
            [.. cells.Select(c => Fmt.Cell(report, c))],
            template.GetAddress(cells[0]));
    }

    private static decimal SumRows(ReadOnlySpan<decimal> values, ApplicationsLayout apps, int[] rows)
    {
        decimal sum = 0;
        foreach (var r in rows)
        {
            sum += values[apps.Cell(r, ApplicationsLayout.TotalColumn).Value];
        }

        return sum;
    }

    private static bool TryClassify(ReadOnlySpan<char> phrase, out Target target)
    {
        target = phrase switch
        {
            _ when phrase.StartsWith("予以公开") => Target.Granted,
            _ when phrase.StartsWith("部分公开") => Target.PartiallyGranted,
            _ when phrase.StartsWith("不予公开") => Target.Withheld,
            _ when phrase.StartsWith("无法提供") => Target.Unavailable,
            _ when phrase.StartsWith("不予处理") => Target.Rejected,
            _ when phrase.StartsWith("其他处理") => Target.OtherHandling,
            _ when phrase.StartsWith("行政复议") => Target.Review,
            _ when phrase.StartsWith("行政诉讼") => Target.Litigation,
            _ when phrase.StartsWith("规章") => Target.Rules,
            _ when phrase.StartsWith("规范性文件") => Target.NormativeDocuments,
            _ => Target.NewReceived,
        };
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> phrase, out long number)
    {
        // The phrase ends with digits + 件.
        var end = phrase.Length - 1;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(phrase[start - 1]))
        {
            start--;
        }

        return long.TryParse(phrase[start..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number)
            && number < 1L << 40;
    }

    private static bool SkipClause(ReadOnlySpan<char> text, int index)
    {
        var start = text[..index].LastIndexOfAny("，。；：\n");
        var end = text[index..].IndexOfAny("，。；\n");
        var clause = text[(start + 1)..(end < 0 ? text.Length : index + end)];
        return clause.Contains("同比", StringComparison.Ordinal) || clause.Contains("上年", StringComparison.Ordinal)
            || clause.Contains("去年", StringComparison.Ordinal) || clause.Contains("部门", StringComparison.Ordinal)
            || clause.Contains("累计", StringComparison.Ordinal);
    }

    [GeneratedRegex(
        @"(?:收到|受理|新收)[^，。；：\d]{0,12}?(?:政府信息公开申请|依申请公开)[^，。；：\d]{0,4}?\d+件"
        + @"|(?<![及和与、或])(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)(?:的|类)?\d+件"
        + @"|(?:行政复议|行政诉讼)(?:案件)?共?\d+件"
        + @"|(?<!部门|部门行政)(?:规范性文件|规章)\d+件",
        RegexOptions.CultureInvariant)]
    private static partial Regex StatedNumber();
}
