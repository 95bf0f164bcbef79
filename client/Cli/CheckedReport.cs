namespace GovReport.Client.Cli;

internal enum CheckSeverity
{
    Error = 1,
    Warning = 2,
    Info = 3,
}

/// <summary>One finding as the check command prints it.</summary>
internal sealed record CheckedFinding(string RuleId, CheckSeverity Severity, string Message, string Group, int GroupOrder);

/// <summary>What the check command prints for one file, whichever way it was checked.</summary>
internal sealed record CheckedReport(
    string FileName,
    string? AgencyName,
    string AgencyKind,
    int Year,
    string Template,
    DateOnly? PublicationDate,
    IReadOnlyList<CheckedFinding> Findings,
    IReadOnlyList<string> ImportNotes)
{
    public int ErrorCount => Findings.Count(f => f.Severity == CheckSeverity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == CheckSeverity.Warning);

    public int InfoCount => Findings.Count(f => f.Severity == CheckSeverity.Info);
}

/// <summary>Which part of the report a finding belongs to, for grouping: from its cells, else from its rule.</summary>
internal static class FindingGroups
{
    public static (string Name, int Order) Of(string ruleId, string? firstCellAddress)
    {
        var table = firstCellAddress is null ? null : firstCellAddress[..Math.Max(0, firstCellAddress.IndexOf('.', StringComparison.Ordinal))];
        return table switch
        {
            "active_disclosure" => ("二、主动公开政府信息情况", 2),
            "applications" => ("三、收到和处理政府信息公开申请情况", 3),
            "reviews_litigation" => ("四、政府信息公开行政复议、行政诉讼情况", 4),
            _ => ruleId switch
            {
                "V09" or "V10" or "V20" or "V21" => ("报告结构与格式", 1),
                "V11" => ("一、总体情况", 1),
                "V14" => ("六、其他需要报告的事项", 6),
                "V13" or "V18" => ("正文", 7),
                _ => ("基本信息（机关、年度、发布日期）", 0),
            },
        };
    }
}
