using GovReport.Domain.Templates;

namespace GovReport.Import.Internal;

/// <summary>A part heading found in the document.</summary>
internal sealed record HeadingMatch(PartCode? Part, string Heading);

/// <summary>Recognises part headings by 序号 + keywords, tolerating missing numbers and renamed headings.</summary>
internal static class Headings
{
    private static readonly string[] UnnumberedStarts =
    [
        "总体情况", "基本情况", "概述", "总体概况", "主动公开政府信息", "收到和处理", "政府信息公开行政复议", "因政府信息公开",
        "存在的主要问题", "政府信息公开工作存在", "其他需要报告",
    ];

    /// <summary>
    /// Classifies a line. Numbered ("一、…") short lines are headings: of a template part when the keywords say
    /// which, else of an extra part. Unnumbered lines are headings only when they start like a template heading.
    /// In table cells (<paramref name="inCell"/>) only numbered template headings count.
    /// </summary>
    public static HeadingMatch? Classify(string line, bool inCell)
    {
        var normalized = Labels.Normalize(line);
        if (normalized.Length is 0 or > 40)
        {
            return null;
        }

        var numbering = Labels.TopLevelNumberingLength(normalized);
        var rest = normalized[numbering..].TrimEnd('。', ':', '：');
        if (rest.Length == 0 || rest.Contains('。', StringComparison.Ordinal) || rest.Contains(',', StringComparison.Ordinal)
            || rest.Contains(';', StringComparison.Ordinal))
        {
            return null;
        }

        var part = Keyword(rest);
        var heading = line.Trim();
        if (numbering > 0)
        {
            if (part is null && (inCell || rest.Length > 25))
            {
                return null;
            }

            return new HeadingMatch(part, heading);
        }

        // "1、总体情况", "第一部分 总体情况": other top-level numbering counts only with a template keyword. Not
        // "（一）…": that numbers the subsections of part 一 (（一）主动公开, （二）依申请公开 …).
        var stripped = Labels.StripNumbering(normalized);
        if (stripped.Length < normalized.Length && (char.IsAsciiDigit(normalized[0]) || normalized[0] == '第') && !inCell && Keyword(stripped) is { } numberedPart && stripped.Length <= 20
            && UnnumberedStarts.Any(start => stripped.StartsWith(start, StringComparison.Ordinal)))
        {
            return new HeadingMatch(numberedPart, heading);
        }

        if (inCell || part is null || rest.Length > 20)
        {
            return null;
        }

        foreach (var start in UnnumberedStarts)
        {
            if (rest.StartsWith(start, StringComparison.Ordinal))
            {
                return new HeadingMatch(part, heading);
            }
        }

        return null;
    }

    private static PartCode? Keyword(string rest)
    {
        if (rest.Contains("其他需要报告", StringComparison.Ordinal) || rest == "其他事项")
        {
            return PartCode.OtherMatters;
        }

        if (rest.Contains("存在的主要问题", StringComparison.Ordinal) || rest.Contains("问题及改进", StringComparison.Ordinal)
            || rest.Contains("改进情况", StringComparison.Ordinal) || rest.Contains("改进措施", StringComparison.Ordinal)
            || (rest.Contains("问题", StringComparison.Ordinal) && rest.Contains("改进", StringComparison.Ordinal)))
        {
            return PartCode.Problems;
        }

        if (rest.Contains("行政复议", StringComparison.Ordinal) || rest.Contains("行政诉讼", StringComparison.Ordinal))
        {
            return PartCode.ReviewsLitigation;
        }

        if (rest.Contains("收到和处理", StringComparison.Ordinal) || rest.Contains("依申请公开", StringComparison.Ordinal)
            || rest.Contains("公开申请情况", StringComparison.Ordinal) || rest.Contains("申请公开情况", StringComparison.Ordinal))
        {
            return PartCode.Applications;
        }

        if (rest.Contains("主动公开", StringComparison.Ordinal))
        {
            return PartCode.ActiveDisclosure;
        }

        if (rest.Contains("总体情况", StringComparison.Ordinal) || rest.Contains("基本情况", StringComparison.Ordinal)
            || rest.StartsWith("概述", StringComparison.Ordinal) || rest.Contains("总体概况", StringComparison.Ordinal)
            || rest == "概况")
        {
            return PartCode.Overview;
        }

        return null;
    }
}
