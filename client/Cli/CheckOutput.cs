using System.Globalization;

namespace GovReport.Client.Cli;

/// <summary>Human-readable Chinese output of the check command: per file, findings grouped by part and severity.</summary>
internal static class CheckOutput
{
    public static void Write(TextWriter output, CheckedReport report)
    {
        output.WriteLine($"== {report.FileName} ==");
        var agency = string.IsNullOrWhiteSpace(report.AgencyName) ? "（未写明）" : report.AgencyName;
        output.WriteLine($"机关：{agency}（{report.AgencyKind}）");
        var date = report.PublicationDate is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日")
            : "（未写明）";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"年度：{report.Year}年　格式：{report.Template}　发布日期：{date}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"结果：{report.ErrorCount} 个错误，{report.WarningCount} 个警告，{report.InfoCount} 个提示"));

        foreach (var group in report.Findings.GroupBy(f => (f.GroupOrder, f.Group)).OrderBy(g => g.Key.GroupOrder))
        {
            output.WriteLine($"【{group.Key.Group}】");
            foreach (var severity in group.GroupBy(f => f.Severity).OrderBy(s => s.Key))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {SeverityName(severity.Key)}（{severity.Count()}）"));
                foreach (var finding in severity)
                {
                    output.WriteLine($"    [{finding.RuleId}] {finding.Message}");
                }
            }
        }

        if (report.ImportNotes.Count > 0)
        {
            output.WriteLine("【导入说明】");
            foreach (var note in report.ImportNotes)
            {
                output.WriteLine($"  - {note}");
            }
        }

        output.WriteLine();
    }

    public static string SeverityName(CheckSeverity severity) => severity switch
    {
        CheckSeverity.Error => "错误",
        CheckSeverity.Warning => "警告",
        _ => "提示",
    };
}
